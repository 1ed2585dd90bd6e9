import 'reflect-metadata';

import { createHash, createPrivateKey, createPublicKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

import * as x509 from '@peculiar/x509';

import { ConsiliumError, describeError } from './errors.js';

/**
 * The federation's certificates: ECDSA P-256 keys, a self-signed CA, site
 * client certificates whose subject and SAN are the site id, and the
 * coordinator's server certificate. Keys travel as PKCS#8 PEM, which both
 * Node's TLS and WebCrypto read.
 */
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface CertificateInfo {
  subject: string;
  /** The subject's common name: the site id for site certificates. */
  commonName: string;
  /** Hex, lower case, no leading zeros dropped. */
  serial: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER bytes, hex: the certificate's identity in the coordinator's records. */
  sha256: string;
  issuer: string;
}

/** Fresh ECDSA P-256 key pair. */
export async function generateKeyPair(): Promise<KeyPairPem> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  return {
    privateKeyPem: toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
    publicKeyPem: toPem('PUBLIC KEY', await webcrypto.subtle.exportKey('spki', keys.publicKey)),
  };
}

async function importKeys(pair: KeyPairPem): Promise<CryptoKeyPair> {
  const privateKey = await webcrypto.subtle.importKey('pkcs8', fromPem(pair.privateKeyPem), ALGORITHM, true, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('spki', fromPem(pair.publicKeyPem), ALGORITHM, true, ['verify']);
  return { privateKey, publicKey } as CryptoKeyPair;
}

/** A key pair from its private half (PKCS#8 PEM), as stored on disk. */
export function keyPairFromPrivateKey(privateKeyPem: string): KeyPairPem {
  try {
    const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
    return { privateKeyPem, publicKeyPem };
  } catch (error) {
    throw new ConsiliumError('INVALID_ARGUMENT', `not a PEM private key: ${describeError(error)}`);
  }
}

/** A PKCS#10 request for a site certificate: subject CN and SAN are the site id. */
export async function createSiteCsr(siteId: string, pair: KeyPairPem): Promise<string> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${siteId}`,
    keys: await importKeys(pair),
    signingAlgorithm: ALGORITHM,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: siteId }])],
  });
  return csr.toString('pem');
}

/** The self-signed federation CA, valid for `days`. */
export async function createCaCertificate(name: string, pair: KeyPairPem, days: number, now = new Date()): Promise<string> {
  const keys = await importKeys(pair);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${name}`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + days * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return cert.toString('pem');
}

export interface Issuer {
  caCertificatePem: string;
  caKeys: KeyPairPem;
}

export interface IssueOptions {
  days: number;
  now?: Date;
  /** Start of validity; defaults to a minute before now (clock skew between machines). */
  notBefore?: Date;
}

/**
 * Checks a site's CSR (signature, subject = the site id, no other names) and
 * signs a client certificate for it. The key never leaves the site: only the
 * request's public key is certified.
 */
export async function issueSiteCertificate(issuer: Issuer, csrPem: string, siteId: string, options: IssueOptions): Promise<string> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem);
  } catch (error) {
    throw new ConsiliumError('INVALID_ARGUMENT', `csr: not a PEM certificate signing request (${describeError(error)}); let \`consilium site enroll\` make it`);
  }
  if (!(await csr.verify())) throw new ConsiliumError('INVALID_ARGUMENT', 'csr: its signature does not verify; it was altered or made with another key');
  const names = csr.subjectName.getField('CN');
  if (names.length !== 1 || names[0] !== siteId) {
    throw new ConsiliumError(
      'PERMISSION_DENIED',
      `csr: subject CN is "${names.join(', ')}" but the token is for site "${siteId}"; enrol with the site's own siteId`,
    );
  }
  const algorithm = csr.publicKey.algorithm as webcrypto.EcKeyAlgorithm;
  if (algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256') {
    throw new ConsiliumError('INVALID_ARGUMENT', `csr: key is ${algorithm.name} ${algorithm.namedCurve ?? ''}; the federation uses ECDSA P-256`);
  }
  return issue(issuer, `CN=${siteId}`, await csr.publicKey.export(), [{ type: 'dns', value: siteId }], x509.ExtendedKeyUsage.clientAuth, options);
}

/** The coordinator's TLS server certificate for the given host names and IP addresses. */
export async function issueServerCertificate(issuer: Issuer, serverKeys: KeyPairPem, names: string[], options: IssueOptions): Promise<string> {
  const publicKey = (await importKeys(serverKeys)).publicKey;
  const sans = names.map((value) => (isIP(value) ? { type: 'ip' as const, value } : { type: 'dns' as const, value }));
  return issue(issuer, `CN=${names[0] ?? 'consilium-coordinator'}`, publicKey, sans, x509.ExtendedKeyUsage.serverAuth, options);
}

async function issue(
  issuer: Issuer,
  subject: string,
  publicKey: CryptoKey,
  sans: x509.JsonGeneralName[],
  usage: x509.ExtendedKeyUsage,
  { days, now = new Date(), notBefore }: IssueOptions,
): Promise<string> {
  const ca = new x509.X509Certificate(issuer.caCertificatePem);
  const caKeys = await importKeys(issuer.caKeys);
  const start = notBefore ?? new Date(now.getTime() - 60_000);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject,
    issuer: ca.subject,
    notBefore: start,
    notAfter: new Date(start.getTime() + days * DAY_MS),
    signingAlgorithm: ALGORITHM,
    publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension([usage], false),
      new x509.SubjectAlternativeNameExtension(sans),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  return cert.toString('pem');
}

/** Subject, serial, validity and fingerprint of a PEM certificate. */
export function certificateInfo(pem: string): CertificateInfo {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (error) {
    throw new ConsiliumError('INVALID_ARGUMENT', `not a PEM certificate: ${describeError(error)}`);
  }
  return infoOf(cert);
}

/** The same facts for a DER certificate, as TLS hands over the peer's. */
export function certificateInfoFromDer(der: Buffer): CertificateInfo {
  return infoOf(new X509Certificate(der));
}

function infoOf(cert: X509Certificate): CertificateInfo {
  const commonName = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? '';
  return {
    subject: cert.subject,
    commonName,
    serial: cert.serialNumber.toLowerCase(),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    sha256: createHash('sha256').update(cert.raw).digest('hex'),
    issuer: cert.issuer,
  };
}

/** Whether `pem` was signed by the CA. */
export function isIssuedBy(pem: string, caPem: string): boolean {
  try {
    return new X509Certificate(pem).verify(new X509Certificate(caPem).publicKey);
  } catch {
    return false;
  }
}

/** SHA-256 of a PEM certificate's DER bytes: what an enrolment token pins. */
export function certificateSha256(pem: string): string {
  return certificateInfo(pem).sha256;
}

/**
 * A certificate is due for renewal when less than 20 % of its lifetime is
 * left, the same rule cert-manager and kubelet use: late enough not to churn,
 * early enough that an agent offline for a while still renews in time.
 */
export function renewalDue(info: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, now: Date, fraction = 0.2): boolean {
  const start = Date.parse(info.notBefore);
  const end = Date.parse(info.notAfter);
  return end - now.getTime() < (end - start) * fraction;
}

function randomSerial(): string {
  // 16 random bytes with the top bit clear: a positive INTEGER, unguessable (CA/B Forum asks for ≥ 64 bits).
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}

function toPem(label: string, der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${base64.replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

function fromPem(pem: string): ArrayBuffer {
  const body = pem.replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
  const bytes = Buffer.from(body, 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
