import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { ManualClock } from '../../common/clock.js';
import { createLog, scrubSecrets } from '../../common/log.js';
import { LocalLog } from '../../site-agent/local-log.js';
import { agentLogger } from '../../site-agent/main.js';

/** A destination that keeps what was written, line by line. */
function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe('logs', () => {
  const clock = new ManualClock(new Date('2026-11-30T10:00:00.000Z'));

  it('writes one JSON object per line, with the Clock’s time, and redacts credentials by field and by shape', () => {
    const { stream, lines } = capture();
    const log = createLog('coordinator', { destination: stream, clock });
    const apiToken = `csk_${'A'.repeat(43)}`;
    const enrolment = `cet1.${'b'.repeat(43)}.${'0'.repeat(64)}`;
    log.info({ runId: 'r1', token: apiToken, request: { authorization: `Bearer ${apiToken}` } }, `made ${apiToken} and ${enrolment}`);
    log.warn({ keyPem: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----' }, 'key');
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect(first).toEqual({
      level: 30,
      time: '2026-11-30T10:00:00.000Z',
      pid: process.pid,
      name: 'coordinator',
      runId: 'r1',
      token: '[redacted]',
      request: { authorization: '[redacted]' },
      msg: 'made [redacted] and [redacted]',
    });
    expect(second).toMatchObject({ level: 40, keyPem: '[redacted]', msg: 'key' });
    expect(lines.join('\n')).not.toMatch(/AAAA|bbbb|MIIE/);
  });

  it('scrubs every credential shape from text and leaves the rest', () => {
    expect(scrubSecrets('token csk_abcdefgh12 ok; Bearer xyz; cet1.s3cret.abcdef; -----BEGIN EC PRIVATE KEY-----\nx\n-----END EC PRIVATE KEY----- done')).toBe(
      'token [redacted] ok; [redacted]; [redacted]; [redacted] done',
    );
  });

  it('writes text without escape codes, not JSON, when asked for a person', async () => {
    const { stream, lines } = capture();
    const log = createLog('site', { destination: stream, clock, pretty: true });
    log.info({ runId: 'r1' }, 'plain words');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(() => JSON.parse(lines[0]!)).toThrow();
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(site\): plain words$/);
    expect(lines[1]).toBe('    runId: "r1"');
    expect(lines.join('\n')).not.toContain('\u001b');
  });

  it("says in the agent's log what left the site, when, and for which run, round and task", async () => {
    const { stream, lines } = capture();
    const logger = agentLogger(createLog('site', { destination: stream, clock }).child({ siteId: 'hospital-a' }));
    const dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/consilium-sent-`);
    const sent = LocalLog.inStateDir(dir, clock, logger);
    await sent.append({
      kind: 'update',
      taskId: 't1',
      runId: 'r1',
      round: 2,
      sampleCount: 40,
      metrics: { train_loss: 0.3 },
      encoding: 'float32',
      totalBytes: 1234,
      sha256: 'ab'.repeat(32),
      receipt: { accepted: true, updateId: 'u1' },
    });
    expect(JSON.parse(lines[0]!)).toEqual({
      level: 30,
      time: '2026-11-30T10:00:00.000Z',
      pid: process.pid,
      name: 'site',
      siteId: 'hospital-a',
      runId: 'r1',
      round: 2,
      taskId: 't1',
      sampleCount: 40,
      totalBytes: 1234,
      sha256: 'ab'.repeat(32),
      encoding: 'float32',
      accepted: true,
      sentAt: '2026-11-30T10:00:00.000Z',
      record: sent.file,
      msg: 'sent to the coordinator: update',
    });
  });
});
