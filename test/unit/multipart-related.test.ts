import { describe, expect, it } from 'vitest';

import { dicomWebDataSchema } from '../../site-agent/config/dicomweb-config.js';
import { boundaryOf, MalformedMultipart, parseMultipartRelated } from '../../site-agent/data/dicomweb/multipart-related.js';

const body = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('multipart/related bodies (WADO-RS)', () => {
  it('reads the boundary, quoted or not, and refuses other content types', () => {
    expect(boundaryOf('multipart/related; type="application/dicom"; boundary=abc-123')).toBe('abc-123');
    expect(boundaryOf('Multipart/Related; boundary="a b"; type="application/dicom"')).toBe('a b');
    expect(() => boundaryOf('application/json')).toThrow('Content-Type is "application/json", not multipart/related');
    expect(() => boundaryOf(null)).toThrow('Content-Type is absent, not multipart/related');
    expect(() => boundaryOf('multipart/related; type="application/dicom"')).toThrow('names no boundary');
  });

  it('splits parts by their Content-Length, or by the delimiter when they state none', () => {
    const parts = parseMultipartRelated(
      body(
        'preamble\r\n--XY\r\nContent-Type: application/dicom\r\nContent-Length: 6\r\n\r\n--XY\r\n\r\n--XY\r\nContent-Type: text/plain\r\n\r\nsecond\r\n--XY--\r\n',
      ),
      'XY',
    );
    expect(parts.map((p) => [p.headers['content-type'], Buffer.from(p.body).toString('latin1')])).toEqual([
      ['application/dicom', '--XY\r\n'],
      ['text/plain', 'second'],
    ]);
  });

  it('refuses a truncated body or a part whose length does not match, so a cut transfer never becomes a short file', () => {
    const cases: [string, string][] = [
      ['--XY\r\nContent-Length: 4\r\n\r\nabcd\r\n--XY', 'part 2 has no end of headers (truncated body?)'],
      ['--XY\r\nContent-Length: 9\r\n\r\nabcd\r\n--XY--', 'part 1 ends past the body (declares Content-Length 9; truncated?)'],
      ['--XY\r\nContent-Length: 3\r\n\r\nabcd\r\n--XY--', 'part 1 is not followed by its delimiter after its Content-Length 3'],
      ['--XY\r\nContent-Type: a', 'part 1 has no end of headers (truncated body?)'],
      ['--XY\r\n\r\nabcd', 'part 1 ends past the body (declares Content-Length none; truncated?)'],
      ['no delimiter at all', 'the body holds no "--XY" delimiter'],
    ];
    for (const [text, message] of cases) {
      const error = (() => {
        try {
          parseMultipartRelated(body(text), 'XY');
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(MalformedMultipart);
      expect((error as Error).message).toBe(message);
    }
  });
});

describe('data: kind dicomweb', () => {
  const base = { kind: 'dicomweb', url: 'https://pacs.local/dicom-web', query: { modality: 'CT' }, labels: 'labels.csv' };

  it('takes defaults a PACS can live with', () => {
    expect(dicomWebDataSchema.parse(base)).toMatchObject({
      auth: { kind: 'none' },
      keyBy: 'sopInstanceUid',
      concurrency: 4,
      pageSize: 100,
      retries: 4,
      timeoutSeconds: 60,
      cache: { maxGigabytes: 20 },
    });
  });

  it('names the field and the fix for a bad config', () => {
    const issues = (input: object) => dicomWebDataSchema.safeParse({ ...base, ...input }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ url: 'ftp://pacs.local' })).toEqual(['url: an http:// or https:// URL']);
    expect(issues({ query: { studyDate: { from: '20250101', to: '20240101' } } })).toEqual(['query.studyDate: studyDate.from is after studyDate.to']);
    expect(issues({ query: { modality: 'ct' } })).toEqual(['query.modality: a DICOM code string such as CT or MR']);
    expect(issues({ query: { studyDescription: 'a\\b' } })).toEqual(['query.studyDescription: text without backslashes or control characters']);
    expect(issues({ labels: undefined })).toEqual(['labels: give a labels CSV (data.labels), or set data.masks: seg to train on DICOM SEG masks']);
    expect(issues({ auth: { kind: 'basic', username: 'u', password: 'p' } })).toEqual([
      'auth.passwordFile: Invalid input: expected string, received undefined',
      'auth: Unrecognized key: "password"',
    ]);
  });
});
