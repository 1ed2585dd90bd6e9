import type { Codec, FrameLayout } from './frame-codecs.js';

export interface DecodeRequest {
  id: number;
  codec: Codec;
  layout: FrameLayout;
  frames: Uint8Array[];
}

export type DecodeReply = { id: number; ok: true; frames: Uint8Array[] } | { id: number; ok: false; error: string; unreadable: boolean };
