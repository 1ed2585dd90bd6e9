import type { ModelTopology } from '../../../common/model-spec.schema.js';
import type { NamedTensor } from '../../../common/tensor-codec.js';
import type { ShardGradients } from './shard-gradients.js';

/** What a gradient thread is started with: the model, how its loss is measured, and the backend to run on. */
export interface GradientThreadInit {
  topology: ModelTopology;
  loss: string;
  backend: 'wasm' | 'cpu';
  frozenLayers: readonly string[];
}

/** One shard of one batch: the model's weights as they are now, and the shard's features and targets. */
export interface ShardRequest {
  weights: NamedTensor[];
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  yShape: number[];
}

/** The shard's gradients (see shard-gradients.ts), or why they could not be computed. */
export type ShardReply = ({ ok: true } & ShardGradients) | { ok: false; error: string };
