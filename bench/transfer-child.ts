// node dist/bench/transfer-child.js '<json>': the site side of the transfer bench, in a process of its own as a
// site agent is. Uploads the same update through SubmitUpdate, a raw TCP socket and a raw mutual-TLS socket, and
// prints one JSON line per chunk size with the best of two seconds for each.
import net from 'node:net';
import tls from 'node:tls';

import { sha256Hex } from '../common/hashing.js';
import { elementCount, encodeTensors } from '../common/tensor-codec.js';
import type { consilium } from '../proto/gen/consilium.js';
import { loadIdentity } from '../site-agent/identity/site-identity.js';
import { CoordinatorClient } from '../site-agent/transport/coordinator-client.js';

export interface TransferJob {
  grpcAddress: string;
  stateDir: string;
  siteId: string;
  header: consilium.v1.IUpdateHeader;
  tensors: { name: string; shape: number[] }[];
  chunkSizes: number[];
  tcpPort: number;
  tlsPort: number;
}

const job = JSON.parse(process.argv[2]!) as TransferJob;
const identity = loadIdentity(job.stateDir, job.siteId);
const client = new CoordinatorClient(job.grpcAddress, identity);

/** Seconds from connecting to the receiver's one-byte answer that it holds every byte. */
async function rawSeconds(bytes: Uint8Array, chunkBytes: number, secure: boolean): Promise<number> {
  const started = performance.now();
  const socket = secure
    ? tls.connect({ host: '127.0.0.1', port: job.tlsPort, ca: identity.caPem, key: identity.keyPem, cert: identity.certPem, servername: 'localhost' })
    : net.connect(job.tcpPort, '127.0.0.1');
  await new Promise((resolve) => socket.once(secure ? 'secureConnect' : 'connect', resolve));
  const answered = new Promise((resolve) => socket.once('data', resolve));
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    if (!socket.write(bytes.subarray(at, at + chunkBytes))) await new Promise((resolve) => socket.once('drain', resolve));
  }
  await answered;
  socket.destroy();
  return (performance.now() - started) / 1000;
}

let variant = 0;
for (const chunkBytes of job.chunkSizes) {
  const seconds = { grpc: Infinity, tcp: Infinity, tls: Infinity };
  for (let pass = 0; pass < 2; pass++) {
    // A different update each time, not an idempotent resend answered from the record.
    variant++;
    const update = encodeTensors(job.tensors.map((t, i) => ({ ...t, values: new Float32Array(elementCount(t.shape)).fill(i === 0 ? variant : 0) })));
    const header = { ...job.header, totalBytes: update.length, sha256: sha256Hex(update) };
    const started = performance.now();
    const receipt = await client.submitUpdate(header, update, chunkBytes);
    seconds.grpc = Math.min(seconds.grpc, (performance.now() - started) / 1000);
    if (!receipt.reason.startsWith('update was computed against model not-the-base')) throw new Error(`transfer bench: unexpected receipt ${receipt.reason}`);
    seconds.tcp = Math.min(seconds.tcp, await rawSeconds(update, chunkBytes, false));
    seconds.tls = Math.min(seconds.tls, await rawSeconds(update, chunkBytes, true));
  }
  console.log(JSON.stringify({ chunkBytes, ...seconds }));
}
client.close();
