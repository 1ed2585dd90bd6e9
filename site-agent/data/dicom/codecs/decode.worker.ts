import { parentPort } from 'node:worker_threads';

import { describeError } from '../../../../common/errors.js';
import type { DecodeReply, DecodeRequest } from './decode-messages.js';
import { decodeFrame } from './frame-codecs.js';
import { FrameDecodeError } from './frame-errors.js';

/** A decoding thread: compressed frames in, little-endian samples out (frame-codecs.ts); the buffers move, not copy. */
parentPort!.on('message', (request: DecodeRequest) => {
  void (async (): Promise<DecodeReply> => {
    const frames: Uint8Array[] = [];
    for (const frame of request.frames) frames.push(await decodeFrame(request.codec, frame, request.layout));
    return { id: request.id, ok: true, frames };
  })()
    .catch((error: unknown): DecodeReply => ({ id: request.id, ok: false, error: describeError(error), unreadable: error instanceof FrameDecodeError }))
    .then((reply) => parentPort!.postMessage(reply, reply.ok ? reply.frames.map((f) => f.buffer as ArrayBuffer) : []));
});
