import { z } from 'zod';
import { modelTopologySchema } from './model-spec.schema.js';
import { TENSOR_ENCODINGS } from './tensor-codec.js';

export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop'] as const;
export const LOSSES = ['categoricalCrossentropy', 'binaryCrossentropy', 'meanSquaredError'] as const;

/** A researcher's description of one federated training run (YAML or JSON). */
export const runSpecSchema = z
  .strictObject({
    name: z.string().min(1, 'give the run a name').max(200),
    description: z.string().max(10_000).optional(),
    model: modelTopologySchema,
    /** Class names in output order; sites map their own labels to these by name. */
    classes: z.array(z.string().min(1)).min(1, 'list the class names in the order of the model outputs'),
    rounds: z.number().int().min(1).max(10_000),
    localEpochs: z.number().int().min(1).max(1_000).default(1),
    batchSize: z.number().int().min(1).max(65_536).default(32),
    optimizer: z
      .strictObject({
        name: z.enum(OPTIMIZERS),
        learningRate: z.number().positive('learningRate must be greater than 0').max(10),
      })
      .default({ name: 'sgd', learningRate: 0.01 }),
    loss: z.enum(LOSSES).default('categoricalCrossentropy'),
    strategy: z.strictObject({ name: z.literal('fedavg') }).default({ name: 'fedavg' }),
    /** Site ids to train on; when absent, any connected site is eligible. */
    sites: z.array(z.string().min(1)).min(1).optional(),
    /** Updates needed to aggregate a round; defaults to every selected site (or 1 when sites is absent). */
    minSites: z.number().int().min(1).optional(),
    roundDeadlineSeconds: z.number().positive().max(7 * 24 * 3600).default(600),
    /** Seconds to wait at the start of a round for enough sites to be online. */
    siteWaitSeconds: z.number().nonnegative().max(7 * 24 * 3600).default(300),
    updateEncoding: z.enum(TENSOR_ENCODINGS).default('float32'),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  })
  .superRefine((spec, ctx) => {
    if (spec.sites && spec.minSites !== undefined && spec.minSites > spec.sites.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['minSites'],
        message: `minSites (${spec.minSites}) exceeds the ${spec.sites.length} listed sites; lower it or list more sites`,
      });
    }
    if (spec.sites && new Set(spec.sites).size !== spec.sites.length) {
      ctx.addIssue({ code: 'custom', path: ['sites'], message: 'a site is listed twice' });
    }
  });

export type RunSpec = z.infer<typeof runSpecSchema>;
export type RunSpecInput = z.input<typeof runSpecSchema>;

/** How many accepted updates a round of this run needs. */
export function quorumOf(spec: RunSpec): number {
  return spec.minSites ?? spec.sites?.length ?? 1;
}
