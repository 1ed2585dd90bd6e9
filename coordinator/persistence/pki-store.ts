import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

import { ConsiliumError } from '../../common/errors.js';
import {
  certificateSha256,
  createCaCertificate,
  generateKeyPair,
  type Issuer,
  issueServerCertificate,
  keyPairFromPrivateKey,
  type KeyPairPem,
} from '../../common/pki.js';
import { writePrivate } from '../../common/private-file.js';

const CA_DAYS = 3650;

export interface ServerIdentity {
  keyPem: string;
  certPem: string;
  names: string[];
}
const SERVER_DAYS = 397;

/**
 * The federation CA and the coordinator's TLS identity, in `<stateDir>/pki`.
 * The CA key signs site certificates at enrolment and renewal; the server
 * certificate is re-issued at each start for the names the config asks for.
 */
export class PkiStore {
  private constructor(
    readonly dir: string,
    readonly issuer: Issuer,
  ) {}

  static folder(stateDir: string): string {
    return path.join(stateDir, 'pki');
  }

  /** Creates the CA unless one exists; returns whether it was created. */
  static async init(stateDir: string, name = 'Consilium federation CA'): Promise<{ created: boolean; store: PkiStore }> {
    const dir = PkiStore.folder(stateDir);
    if (existsSync(path.join(dir, 'ca.key.pem'))) return { created: false, store: PkiStore.load(stateDir) };
    const caKeys = await generateKeyPair();
    const caCertificatePem = await createCaCertificate(name, caKeys, CA_DAYS);
    writePrivate(path.join(dir, 'ca.key.pem'), caKeys.privateKeyPem);
    writeFileSync(path.join(dir, 'ca.cert.pem'), caCertificatePem, { mode: 0o644 });
    return { created: true, store: new PkiStore(dir, { caCertificatePem, caKeys }) };
  }

  static load(stateDir: string): PkiStore {
    const dir = PkiStore.folder(stateDir);
    if (!existsSync(path.join(dir, 'ca.key.pem')) || !existsSync(path.join(dir, 'ca.cert.pem'))) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `no federation CA in ${dir}: run \`consilium coordinator init --state-dir ${stateDir}\` once (it creates the CA and the first admin token)`,
      );
    }
    const caKeys = keyPairFromPrivateKey(readFileSync(path.join(dir, 'ca.key.pem'), 'utf8'));
    return new PkiStore(dir, { caCertificatePem: readFileSync(path.join(dir, 'ca.cert.pem'), 'utf8'), caKeys });
  }

  get caCertificatePem(): string {
    return this.issuer.caCertificatePem;
  }

  get caSha256(): string {
    return certificateSha256(this.issuer.caCertificatePem);
  }

  get caFile(): string {
    return path.join(this.dir, 'ca.cert.pem');
  }

  private server: Promise<ServerIdentity> | null = null;

  /**
   * The server key (made once, kept) and a certificate for these names plus
   * the machine's own, issued once per start: gRPC and HTTPS present the same one.
   */
  serverIdentity(host: string, extraNames: string[]): Promise<ServerIdentity> {
    this.server ??= this.issueServerIdentity(host, extraNames);
    return this.server;
  }

  private async issueServerIdentity(host: string, extraNames: string[]): Promise<ServerIdentity> {
    const keyFile = path.join(this.dir, 'server.key.pem');
    let keys: KeyPairPem;
    if (existsSync(keyFile)) keys = keyPairFromPrivateKey(readFileSync(keyFile, 'utf8'));
    else {
      keys = await generateKeyPair();
      writePrivate(keyFile, keys.privateKeyPem);
    }
    const wildcard = host === '0.0.0.0' || host === '::';
    const names = [...new Set(['localhost', '127.0.0.1', '::1', hostname(), ...(wildcard ? [] : [host]), ...extraNames])];
    const certPem = await issueServerCertificate(this.issuer, keys, names, { days: SERVER_DAYS });
    writeFileSync(path.join(this.dir, 'server.cert.pem'), certPem, { mode: 0o644 });
    return { keyPem: keys.privateKeyPem, certPem, names };
  }
}
