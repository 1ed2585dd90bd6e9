import { randomBytes } from 'node:crypto';

import { ConsiliumError } from './errors.js';
import { SHA256_HEX } from './hashing.js';

/**
 * An enrolment token: `cet1.<secret>.<SHA-256 of the CA certificate>`. The
 * secret proves to the coordinator that an administrator allowed this site;
 * the CA hash lets the site check it is talking to the right federation
 * before it trusts the CA it is sent (as kubeadm's discovery hash does).
 */
export interface EnrolmentToken {
  secret: string;
  caSha256: string;
}

export function newEnrolmentToken(caSha256: string): { text: string; token: EnrolmentToken } {
  const secret = randomBytes(32).toString('base64url');
  return { text: `cet1.${secret}.${caSha256}`, token: { secret, caSha256 } };
}

export function parseEnrolmentToken(text: string): EnrolmentToken {
  const [version, secret, caSha256, ...rest] = text.trim().split('.');
  if (version !== 'cet1' || !secret || secret.length < 32 || !caSha256 || !SHA256_HEX.test(caSha256) || rest.length > 0) {
    throw new ConsiliumError(
      'INVALID_ARGUMENT',
      'token: not an enrolment token (expected cet1.<secret>.<ca-sha256>); copy the whole token the administrator was given',
    );
  }
  return { secret, caSha256 };
}
