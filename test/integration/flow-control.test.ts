import http2 from 'node:http2';

import { afterAll, describe, expect, it } from 'vitest';

import { FLOW_CONTROL_WINDOW_BYTES } from '../../common/flow-control.js';
import { enrolTestSite, testCoordinator } from '../support/coordinator.js';

const coordinator = await testCoordinator();
afterAll(() => coordinator.close());

describe('the gRPC server’s HTTP/2 flow control', () => {
  it('gives each stream and each connection a 4 MiB receive window, not Node’s 64 KiB', async () => {
    const identity = await enrolTestSite(coordinator, 'site-window');
    const session = http2.connect(`https://${coordinator.grpcAddress}`, {
      ca: identity.caPem,
      key: identity.keyPem,
      cert: identity.certPem,
      servername: 'localhost',
    });
    try {
      const settings = await new Promise<http2.Settings>((resolve, reject) => {
        session.once('remoteSettings', resolve);
        session.once('error', reject);
      });
      expect(settings.initialWindowSize).toBe(FLOW_CONTROL_WINDOW_BYTES);
      // The connection's own window arrives as a WINDOW_UPDATE right after the SETTINGS.
      const deadline = Date.now() + 5_000;
      while (session.state.remoteWindowSize !== FLOW_CONTROL_WINDOW_BYTES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(session.state.remoteWindowSize).toBe(FLOW_CONTROL_WINDOW_BYTES);
    } finally {
      session.destroy();
    }
  });
});
