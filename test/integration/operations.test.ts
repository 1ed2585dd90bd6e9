import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';

import { createLog } from '../../common/log.js';
import { decodeTensors, encodeTensors } from '../../common/tensor-codec.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, waitFor } from '../support/coordinator.js';
import { connectSite, fetchModel, submit, updateHeader } from '../support/grpc-site.js';

/** The value of one series in a Prometheus text exposition, or undefined when it is absent. */
function series(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('what operations tools read', () => {
  let coordinator: TestCoordinator;
  const sockets: Awaited<ReturnType<typeof connectSite>>[] = [];
  afterAll(async () => {
    for (const s of sockets) s.connect.cancel();
    await coordinator?.close();
  });

  it('counts a run in /metrics, and logs it as JSON lines with its ids and no credentials', async () => {
    const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'consilium-log-')), 'coordinator.log');
    coordinator = await testCoordinator({}, { log: createLog('coordinator', { destination: pino.destination({ dest: logFile, sync: true }) }) });
    const site = await connectSite(coordinator, 'site-o');
    sockets.push(site);
    const runId = (await postJson(`${coordinator.httpUrl}/api/runs`, tinySpec(['site-o']))).body.id as string;
    const task = await waitFor(async () => site.tasks[0]);
    const model = await fetchModel(site.client, site.metadata, task.modelVersionId, 0);
    const update = (value: number) => encodeTensors(decodeTensors(model).map((t) => ({ ...t, values: new Float32Array(t.values.length).fill(value) })));
    const accepted = update(0.1);
    expect((await submit(site.client, site.metadata, updateHeader(task, accepted), accepted)).accepted).toBe(true);
    // A second, different update for the same task: rejected as a duplicate, and counted by that kind.
    const duplicate = update(0.2);
    const refused = await submit(site.client, site.metadata, updateHeader(task, duplicate), duplicate);
    expect(refused.reason).toMatch(/^duplicate: /);
    const evaluate = await waitFor(async () => site.tasks[1]);
    site.connect.write({ evaluation: { taskId: evaluate.taskId, sampleCount: 10, metrics: { val_accuracy: 0.8, val_loss: 0.4 } } });
    await waitFor(async () => (await (await api(`${coordinator.httpUrl}/api/runs/${runId}`)).json()).run.status === 'completed');

    const scrape = await api(`${coordinator.httpUrl}/metrics`, {}, 'monitor');
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await scrape.text();
    const verdict = await (await api(`${coordinator.httpUrl}/api/audit/verify`)).json();
    expect({
      opened: [series(text, 'consilium_rounds_opened_total{kind="train"}'), series(text, 'consilium_rounds_opened_total{kind="evaluate"}')],
      closed: [
        series(text, 'consilium_rounds_closed_total{kind="train",outcome="completed"}'),
        series(text, 'consilium_rounds_closed_total{kind="evaluate",outcome="completed"}'),
      ],
      durations: series(text, 'consilium_round_duration_seconds_count{kind="train",outcome="completed"}'),
      accepted: series(text, 'consilium_updates_total{outcome="accepted",reason="none"}'),
      duplicates: series(text, 'consilium_updates_total{outcome="rejected",reason="duplicate"}'),
      received: series(text, 'consilium_received_bytes_total{kind="update"}'),
      sent: series(text, 'consilium_sent_bytes_total{kind="model"}'),
      online: series(text, 'consilium_sites_online'),
      uploading: series(text, 'consilium_upload_sessions_in_flight'),
      aggregations: series(text, 'consilium_aggregation_seconds_count'),
      auditEvents: series(text, 'consilium_audit_chain_length'),
    }).toEqual({
      opened: [1, 1],
      closed: [1, 1],
      durations: 1,
      accepted: 1,
      duplicates: 1,
      received: accepted.length + duplicate.length,
      sent: model.length,
      online: 1,
      uploading: 0,
      aggregations: 1,
      auditEvents: verdict.events,
    });
    expect(series(text, 'consilium_db_transaction_seconds_count{outcome="committed"}')).toBeGreaterThan(10);
    expect(series(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    // The sample Grafana dashboard asks only for series the coordinator exports.
    const dashboard = JSON.parse(readFileSync(path.resolve('deploy/monitoring/grafana-dashboard.json'), 'utf8'));
    const asked = new Set<string>(
      dashboard.panels.flatMap((p: { targets: { expr: string }[] }) =>
        p.targets.flatMap((t) => [...t.expr.matchAll(/\b((?:consilium|nodejs|process)_[a-z0-9_]+)/g)].map((m) => m[1]!)),
      ),
    );
    const exported = new Set(text.split('\n').flatMap((line) => (/^([a-z_0-9]+)[{ ]/.exec(line) ? [/^([a-z_0-9]+)/.exec(line)![1]!] : [])));
    expect([...asked].filter((name) => !exported.has(name))).toEqual([]);
    expect(asked.size).toBe(15);

    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((line) => line.includes('\u001b'))).toBe(false);
    expect(records.find((r) => /^update \S+ from site-o accepted/.test(String(r['msg'])))).toMatchObject({
      level: 30,
      name: 'coordinator',
      runId,
      round: 1,
      siteId: 'site-o',
      taskId: task.taskId,
    });
    expect(records.find((r) => /round 1 \(train\) sent to site-o/.test(String(r['msg'])))).toMatchObject({ runId, round: 1 });
    expect(records.find((r) => String(r['msg']).startsWith('update from site-o for task'))).toMatchObject({ level: 40, taskId: task.taskId });
    const whole = lines.join('\n');
    for (const secret of Object.values(coordinator.tokens)) expect(whole).not.toContain(secret.slice(4));
    expect(whole).not.toMatch(/csk_|cet1\.|PRIVATE KEY/);
  });
});
