import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parseEnrolmentToken } from '../../common/enrolment-token.js';
import { ConsiliumError } from '../../common/errors.js';
import { type CertificateInfo, certificateInfo, certificateSha256, createSiteCsr, generateKeyPair, isIssuedBy, renewalDue } from '../../common/pki.js';
import { writePrivate } from '../../common/private-file.js';
import { RestClient } from '../../common/rest-client.js';

/** The site's TLS identity: its key (made here, never sent), its certificate and the federation CA. */
export interface SiteIdentity {
  keyPem: string;
  certPem: string;
  caPem: string;
  info: CertificateInfo;
}

const folder = (stateDir: string): string => path.join(stateDir, 'identity');
const files = (stateDir: string) => ({
  key: path.join(folder(stateDir), 'site.key.pem'),
  cert: path.join(folder(stateDir), 'site.cert.pem'),
  ca: path.join(folder(stateDir), 'ca.cert.pem'),
});

export function loadIdentity(stateDir: string, siteId: string): SiteIdentity {
  const f = files(stateDir);
  if (!existsSync(f.key) || !existsSync(f.cert) || !existsSync(f.ca)) {
    throw new ConsiliumError(
      'FAILED_PRECONDITION',
      `site ${siteId} is not enrolled (no certificate in ${folder(stateDir)}): run \`consilium site enroll --config <site.yaml> --coordinator <REST URL> --token <token>\` with the token your coordinator's administrator gave you`,
    );
  }
  const certPem = readFileSync(f.cert, 'utf8');
  return { keyPem: readFileSync(f.key, 'utf8'), certPem, caPem: readFileSync(f.ca, 'utf8'), info: certificateInfo(certPem) };
}

/** Key, certificate and CA, each readable by the agent's user only. The key is written last-but-one so a crash never pairs a new key with an old certificate unnoticed. */
export function saveIdentity(stateDir: string, keyPem: string, certPem: string, caPem: string): SiteIdentity {
  const f = files(stateDir);
  writePrivate(f.ca, caPem);
  writePrivate(f.key, keyPem);
  writePrivate(f.cert, certPem);
  return { keyPem, certPem, caPem, info: certificateInfo(certPem) };
}

/**
 * `consilium site enroll`: makes the key here, fetches the CA and checks it
 * against the hash in the token (so a man in the middle cannot slip in his
 * own CA), sends the CSR with the token, and stores what comes back.
 */
export async function enrolSite(stateDir: string, siteId: string, coordinatorUrl: string, tokenText: string): Promise<SiteIdentity> {
  const token = parseEnrolmentToken(tokenText);
  const caPem = await new RestClient(coordinatorUrl, { insecure: true }).request<string>('GET', '/api/ca');
  if (certificateSha256(caPem) !== token.caSha256) {
    throw new ConsiliumError(
      'PERMISSION_DENIED',
      `the CA at ${coordinatorUrl} (sha256 ${certificateSha256(caPem)}) is not the one the token names (${token.caSha256}): wrong coordinator, or someone in between`,
    );
  }
  const keys = await generateKeyPair();
  const csr = await createSiteCsr(siteId, keys);
  const issued = await new RestClient(coordinatorUrl, { caPem }).request<{ certificate: string; caCertificate: string }>('POST', '/api/enrolments', {
    json: { token: tokenText, csr },
  });
  if (!isIssuedBy(issued.certificate, caPem) || certificateInfo(issued.certificate).commonName !== siteId) {
    throw new ConsiliumError('INTERNAL', 'the coordinator answered a certificate that its CA did not sign or that names another site; nothing was stored');
  }
  return saveIdentity(stateDir, keys.privateKeyPem, issued.certificate, caPem);
}

/** A new key and certificate, asked for with the current one. */
export async function renewIdentity(
  stateDir: string,
  siteId: string,
  current: SiteIdentity,
  ask: (csrPem: string) => Promise<{ certificatePem: string }>,
): Promise<SiteIdentity> {
  const keys = await generateKeyPair();
  const { certificatePem } = await ask(await createSiteCsr(siteId, keys));
  if (!isIssuedBy(certificatePem, current.caPem) || certificateInfo(certificatePem).commonName !== siteId) {
    throw new ConsiliumError('INTERNAL', 'the renewed certificate is not signed by the federation CA or names another site; the current one is kept');
  }
  return saveIdentity(stateDir, keys.privateKeyPem, certificatePem, current.caPem);
}

export { renewalDue };
