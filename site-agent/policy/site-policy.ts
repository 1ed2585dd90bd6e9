import { readFileSync } from 'node:fs';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { ALLOWED_LAYER_CLASSES } from '../../common/model-spec.schema.js';

/**
 * What hospital IT allows at this site, in YAML next to the agent's config.
 * The agent checks every run offered against it and refuses, with the rule,
 * what breaks it; the coordinator shows that reason to the researcher.
 */
export const sitePolicySchema = z.strictObject({
  /** Keras layer classes a model may use; defaults to every class Consilium supports. */
  allowedLayers: z
    .array(z.enum(ALLOWED_LAYER_CLASSES, { message: `allowedLayers lists Keras layer classes: ${ALLOWED_LAYER_CLASSES.join(', ')}` }))
    .min(1)
    .default([...ALLOWED_LAYER_CLASSES]),
  /** Largest model, in trainable and non-trainable parameters. */
  maxParameters: z.number().int().positive().default(50_000_000),
  maxLocalEpochs: z.number().int().positive().default(100),
  /** Largest estimated memory of one training step (weights, gradients, optimizer state, activations), in MB. */
  maxStepMemoryMegabytes: z.number().int().positive().default(4096),
  /** Smallest count any statistic leaving the site may show; the data profile uses the larger of this and privacy.minCellSize. */
  minCellSize: z.number().int().min(1).default(5),
  /** Runs must add noise to updates (spec privacy.noiseMultiplier > 0), and data profiles must be noised (privacy.epsilon). */
  requireDifferentialPrivacy: z.boolean().default(false),
  /** Runs need hospital IT's approval of their spec hash (consilium site approve) before this site trains. */
  requireApproval: z.boolean().default(true),
  /**
   * Evaluation-only jobs (rounds: 0: a given model is evaluated on the validation split, nothing is trained and only
   * the guarded figures leave) may run without that approval; every other rule still applies.
   */
  evaluationWithoutApproval: z.boolean().default(false),
  /**
   * A run that asks for a cross-site matrix (FedBN, crossSite) may receive the tensors this site keeps for itself (its
   * batch normalization: per-channel means, variances and scales of its images, no case), so other sites can evaluate
   * this site's personalised model. Off, the site takes part and keeps them.
   */
  sharePersonalisedTensors: z.boolean().default(false),
  /**
   * The site's local label terms may leave: its labelMap (which local term it merged into which class) goes with its
   * profile, so researchers see the federation's mapping matrix, and unmapped labels are named. Off, neither leaves:
   * unmapped labels are counted as term-1, term-2, …
   */
  shareLabelMap: z.boolean().default(false),
  /**
   * The total privacy cost this site's data may bear, over every run that ever trains on it: ε at δ. A run whose
   * noised updates would take the site's ledger over it (composed by Rényi DP), or a run without noise, is refused
   * with the numbers; `consilium site privacy` shows the ledger.
   */
  privacyBudget: z.strictObject({ epsilon: z.number().positive(), delta: z.number().gt(0).lt(1) }).optional(),
  /**
   * Noise the coordinator adds counts (spec privacy.noise central). Off, a site that requires differential privacy
   * or keeps a privacyBudget refuses such runs: its update would leave clipped but unnoised, and the guarantee would
   * rest on the coordinator's word.
   */
  trustCentralNoise: z.boolean().default(false),
});

export type SitePolicy = z.infer<typeof sitePolicySchema>;

export const DEFAULT_POLICY: SitePolicy = sitePolicySchema.parse({});

export function loadSitePolicy(file: string | undefined): SitePolicy {
  if (!file) return DEFAULT_POLICY;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    throw new ConsiliumError('INVALID_ARGUMENT', `cannot read site policy ${file}: ${describeError(error)}`);
  }
  const result = sitePolicySchema.safeParse(raw);
  if (!result.success) throw ConsiliumError.fromZod(`site policy (${file})`, result.error);
  return result.data;
}
