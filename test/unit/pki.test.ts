import { describe, expect, it } from 'vitest';

import {
  certificateInfo,
  createCaCertificate,
  createSiteCsr,
  generateKeyPair,
  isIssuedBy,
  issueServerCertificate,
  issueSiteCertificate,
  renewalDue,
} from '../../common/pki.js';

describe('federation PKI', () => {
  it('issues a site certificate whose subject and SAN are the site id, signed by the CA', async () => {
    const caKeys = await generateKeyPair();
    const now = new Date('2026-01-01T00:00:00Z');
    const ca = await createCaCertificate('Test CA', caKeys, 3650, now);
    const siteKeys = await generateKeyPair();
    const csr = await createSiteCsr('hospital-a', siteKeys);
    const pem = await issueSiteCertificate({ caCertificatePem: ca, caKeys }, csr, 'hospital-a', { days: 90, now });
    const info = certificateInfo(pem);
    expect(info.commonName).toBe('hospital-a');
    expect(info.notAfter).toBe('2026-03-31T23:59:00.000Z');
    expect(isIssuedBy(pem, ca)).toBe(true);
    const otherCa = await createCaCertificate('Other', await generateKeyPair(), 10, now);
    expect(isIssuedBy(pem, otherCa)).toBe(false);
    await expect(issueSiteCertificate({ caCertificatePem: ca, caKeys }, csr, 'hospital-b', { days: 90 })).rejects.toThrow(
      /subject CN is "hospital-a" but the token is for site "hospital-b"/,
    );
    const server = await issueServerCertificate({ caCertificatePem: ca, caKeys }, await generateKeyPair(), ['localhost', '127.0.0.1'], { days: 365 });
    expect(certificateInfo(server).commonName).toBe('localhost');
  });

  it('is due for renewal when less than 20 % of the lifetime is left', () => {
    const info = { notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2026-01-11T00:00:00.000Z' };
    expect(renewalDue(info, new Date('2026-01-08T23:00:00Z'))).toBe(false);
    expect(renewalDue(info, new Date('2026-01-09T00:00:01Z'))).toBe(true);
  });
});
