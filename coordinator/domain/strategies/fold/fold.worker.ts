import { parentPort } from 'node:worker_threads';

import type { FoldReply, FoldRequest } from './fold-messages.js';
import { foldMean } from './mean-fold.js';

// The fold thread: one slice at a time, in the order the coordinator posts them.
parentPort!.on('message', (request: FoldRequest) => {
  let reply: FoldReply = {};
  try {
    const columns = request.columns.map((buffer) => new Float32Array(buffer, 0, request.width));
    foldMean(new Float64Array(request.sums, 0, request.width), columns, request.weights, request.total);
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
