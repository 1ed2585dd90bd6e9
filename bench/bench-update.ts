import type { Update } from '../coordinator/domain/records.js';

/** The accepted-update row of the i-th simulated site, for aggregation benches that store their updates as blobs. */
export function benchUpdate(i: number, sha256: string, bytes: number): Update {
  return {
    id: `u${i}`,
    taskId: `t${i}`,
    runId: 'bench',
    roundNumber: 1,
    siteId: `site-${i}`,
    sha256,
    bytes,
    sampleCount: 10 + i,
    metrics: {},
    l2Norm: null,
    status: 'accepted',
    reason: null,
    receivedAt: '',
    auditSeq: null,
    clipFactor: 1,
  };
}
