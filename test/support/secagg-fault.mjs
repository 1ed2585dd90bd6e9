// Preloaded (`node --import`) into a real agent process by the secure-aggregation fault test: it changes one
// method of the agent's built SecAggSite, so that this process misbehaves at one phase of the protocol as a
// crashed or dishonest hospital would. Everything else in the process is the real agent. CONSILIUM_SECAGG_FAULT:
// - die-before-sharing: the process kills itself (SIGKILL) after advertising its keys, before sending its shares;
// - die-before-masking: the process kills itself (SIGKILL) after sending its shares, before masking its update;
// - lie-in-unmasking: the self-mask shares it reveals are not those it committed to (each byte flipped).
import process from 'node:process';

import { SecAggSite } from '../../dist/site-agent/secure-aggregation/secagg-site.js';

const fault = process.env.CONSILIUM_SECAGG_FAULT;
if (fault === 'die-before-sharing') {
  SecAggSite.prototype.shareKeys = async function () {
    process.kill(process.pid, 'SIGKILL');
    return new Promise(() => undefined);
  };
} else if (fault === 'die-before-masking') {
  SecAggSite.prototype.mask = function () {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable: SIGKILL was sent');
  };
} else if (fault === 'lie-in-unmasking') {
  const reveal = SecAggSite.prototype.reveal;
  SecAggSite.prototype.reveal = function (request) {
    const honest = reveal.call(this, request);
    return { ...honest, selfMaskShares: honest.selfMaskShares.map((s) => ({ ...s, share: s.share.map((x) => x ^ 0xff) })) };
  };
} else {
  throw new Error(`CONSILIUM_SECAGG_FAULT: expected die-before-sharing, die-before-masking or lie-in-unmasking, got ${fault}`);
}
