import type { AgentHello } from '../../common/task-order.js';

/** A minimal hello of a table site with no profile, for tests of the session and the wire. */
export function agentHello(siteId: string): AgentHello {
  return {
    siteId,
    agentVersion: '1',
    protocol: 'consilium.v1',
    backend: { name: 'cpu', device: 'cpu', notes: [] },
    dataset: { kind: 'csv', trainSamples: 10, validationSamples: 0, classes: [], classCounts: [], inputShape: [], skippedFiles: 0, fingerprint: 'f' },
    profile: null,
  };
}
