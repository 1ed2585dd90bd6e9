import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { demoRunSpec } from '../../cli/demo/demo.js';
import { ManualClock } from '../../common/clock.js';
import { loadCoordinatorConfig } from '../../coordinator/config/coordinator-config.js';
import { openDataSource } from '../../coordinator/persistence/data-source.js';
import { Repositories } from '../../coordinator/persistence/repositories/index.js';
import type { ClusterMessage } from '../../coordinator/services/cluster/cluster.js';
import { PostgresCluster } from '../../coordinator/services/cluster/postgres-cluster.js';
import type { ServiceLogger } from '../../coordinator/services/logger.js';
import { postJson, testCoordinator, waitFor } from '../support/coordinator.js';
import { freshSchema } from '../support/postgres.js';

const url = process.env['DATABASE_URL'];

describe('cluster config', () => {
  it('refuses a PostgreSQL cluster without a database, naming the fix', () => {
    expect(() => loadCoordinatorConfig(undefined, {}, { cluster: { kind: 'postgres' } })).toThrow(
      'cluster: cluster.kind postgres shares runs through PostgreSQL: set databaseUrl (or DATABASE_URL) to the database every coordinator process uses',
    );
    expect(loadCoordinatorConfig(undefined, { DATABASE_URL: 'postgres://db/x' }, { cluster: { kind: 'postgres' } }).cluster).toEqual({
      kind: 'postgres',
      leaseSeconds: 15,
      channel: 'consilium',
    });
  });
});

describe.skipIf(!url)('PostgresCluster: two coordinator processes on one database', () => {
  const clock = new ManualClock('2026-06-01T00:00:00.000Z');
  const warnings: string[] = [];
  const logger: ServiceLogger = { log: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  let channel: string;
  let sources: DataSource[];
  let a: PostgresCluster;
  let b: PostgresCluster;
  const heard = { a: [] as ClusterMessage[], b: [] as ClusterMessage[] };

  beforeAll(async () => {
    const fresh = await freshSchema(url!, 'consilium_cluster_unit');
    channel = fresh.schema;
    sources = [await openDataSource({ url: fresh.url, sqlitePath: '' }), await openDataSource({ url: fresh.url, sqlitePath: '' })];
    const options = { databaseUrl: fresh.url, channel, leaseSeconds: 15 };
    a = new PostgresCluster(new Repositories(sources[0]!), options, clock, logger);
    b = new PostgresCluster(new Repositories(sources[1]!), options, clock, logger);
    a.subscribe((m) => heard.a.push(m));
    b.subscribe((m) => heard.b.push(m));
    await Promise.all([a.start(), b.start()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all((sources ?? []).map((s) => s.destroy()));
  });

  it('delivers every message to every process, a long one through the table', async () => {
    const order = {
      type: 'offer' as const,
      offer: { runId: 'r', name: 'n', specSha256: 'f'.repeat(64), specJson: 'x'.repeat(20_000), status: 'pending', createdAt: 'c' },
    };
    await a.publish({ kind: 'signal', signal: 'round-1' });
    await a.publish({ kind: 'to-site', siteId: 'site-a', delivery: order });
    await waitFor(async () => heard.b.length === 2 && heard.a.length === 2, 10_000);
    expect(heard.b).toEqual([
      { kind: 'signal', signal: 'round-1' },
      { kind: 'to-site', siteId: 'site-a', delivery: order },
    ]);
    expect(heard.a).toEqual(heard.b);
  });

  it('gives a lease to one process, fences the other, and tells the holder when it lost one', async () => {
    expect(await a.acquire('run:r1')).toBe(true);
    expect(await b.acquire('run:r1')).toBe(false);
    const repos = new Repositories(sources[1]!);
    expect(await repos.transaction((tx) => b.holds(tx, 'run:r1'))).toBe(false);
    expect(await repos.transaction((tx) => a.holds(tx, 'run:r1'))).toBe(true);
    // A site reconnecting to b takes its lease by force; a's next renewal finds it lost.
    expect(await a.acquire('site:s1')).toBe(true);
    expect(await b.acquire('site:s1', true)).toBe(true);
    const lost: string[] = [];
    a.onLost((name) => lost.push(name));
    clock.advance(5_000);
    await waitFor(async () => lost.length > 0, 10_000);
    expect(lost).toEqual(['site:s1']);
    expect(await a.live('site:')).toEqual(['s1']);
    expect(await a.live('run:')).toEqual(['r1']);
    // a stops renewing (a process that died): one lease later the run is b's to take.
    await a.release('run:r1');
    expect(await b.acquire('run:r1')).toBe(true);
  });

  it('resyncs when its listening connection is cut, and hears messages again', async () => {
    heard.a.length = 0;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1', [`LISTEN "${channel}"`]);
    await admin.end();
    // The reconnection waits on the clock (backoff), which this test moves.
    await waitFor(async () => {
      clock.advance(300);
      return heard.a.some((m) => m.kind === 'resync');
    }, 10_000);
    await b.publish({ kind: 'signal', signal: 'sites' });
    await waitFor(async () => heard.a.some((m) => m.kind === 'signal' && m.signal === 'sites'), 10_000);
    expect(warnings.some((w) => w.startsWith("the coordinator's LISTEN connection was lost"))).toBe(true);
  });
});

describe.skipIf(!url)('a coordinator process in a cluster', () => {
  it('refuses secure aggregation, whose protocol state would live in one process, naming the fix', async () => {
    const { schema, url: schemaUrl } = await freshSchema(url!, 'consilium_cluster_run');
    const coordinator = await testCoordinator({ databaseUrl: schemaUrl, cluster: { kind: 'postgres', channel: schema } });
    try {
      const spec = { ...demoRunSpec(2), secureAggregation: { threshold: 2, clippingRange: 10 } };
      const refused = await postJson(`${coordinator.httpUrl}/api/runs`, spec);
      expect(refused.status).toBe(400);
      expect(refused.body.error.issues).toEqual([
        {
          path: 'secureAggregation',
          message:
            "secure aggregation keeps a round's protocol state in the memory of one coordinator process, and this coordinator runs as several (cluster.kind: postgres); run it on a coordinator of its own (cluster.kind: solo), or leave secureAggregation out",
        },
      ]);
      expect((await postJson(`${coordinator.httpUrl}/api/runs`, demoRunSpec(2))).status).toBe(201);
    } finally {
      await coordinator.close();
    }
  });
});
