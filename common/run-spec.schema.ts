import { z } from 'zod';

import { augmentationSchema } from './augmentation.schema.js';
import { modelTopologySchema } from './model-spec.schema.js';
import { DEFAULT_PREPROCESSING, preprocessingSchema } from './preprocessing.schema.js';
import { distributedNoiseStdDev, NOISE_ROOM } from './secure-aggregation/weighted-input.js';
import { TENSOR_ENCODINGS } from './tensor-codec.js';

export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop'] as const;
export const LOSSES = ['categoricalCrossentropy', 'binaryCrossentropy', 'meanSquaredError', 'dice', 'diceCrossentropy', 'focal'] as const;

/** What a run trains: a class per sample, or a class per pixel (segmentation), on 2-D images or 3-D volumes. */
export const taskSchema = z.strictObject({
  kind: z.enum(['classification', 'segmentation']).default('classification'),
  dims: z.enum(['2d', '3d']).default('2d'),
});
export type Task = z.infer<typeof taskSchema>;

/** A spec's task, with the defaults of a spec that declares none: classification of 2-D images. */
export function taskOf(spec: { task?: Task | undefined }): Task {
  return spec.task ?? { kind: 'classification', dims: '2d' };
}

const rate = (fallback: number) => z.number().positive('must be greater than 0').max(100).default(fallback);
const decay = (fallback: number) => z.number().min(0).lt(1, 'must be below 1').default(fallback);
const faulty = z.number().int().min(0).default(1);

/**
 * How updates are combined, with each strategy's parameters. FedOpt defaults
 * follow Reddi et al. 2021 (β1 = 0.9, β2 = 0.99, τ = 10⁻³, which they tune
 * with η); see the README for the others.
 */
export const strategySchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('fedavg') }),
  z.strictObject({ name: z.literal('fedavgm'), serverLearningRate: rate(1), momentum: decay(0.9) }),
  z.strictObject({ name: z.literal('fedadam'), serverLearningRate: rate(0.01), beta1: decay(0.9), beta2: decay(0.99), tau: rate(1e-3) }),
  z.strictObject({ name: z.literal('fedyogi'), serverLearningRate: rate(0.01), beta1: decay(0.9), beta2: decay(0.99), tau: rate(1e-3) }),
  z.strictObject({ name: z.literal('fedadagrad'), serverLearningRate: rate(0.1), beta1: decay(0.9), tau: rate(1e-3) }),
  z.strictObject({ name: z.literal('fedprox'), mu: z.number().min(0).max(100).default(0.01) }),
  z.strictObject({ name: z.literal('median') }),
  z.strictObject({ name: z.literal('trimmed-mean'), beta: z.number().min(0).lt(0.5, 'beta must be below 0.5: it is cut from each side').default(0.1) }),
  z.strictObject({ name: z.literal('krum'), f: faulty }),
  z.strictObject({ name: z.literal('multi-krum'), f: faulty, m: z.number().int().min(1).optional() }),
  /**
   * crossSite: after the last round each site, where its policy allows (sharePersonalisedTensors), sends the batch
   * normalization it keeps, so its personalised model can be evaluated at the other sites (consilium run cross-site).
   */
  z.strictObject({ name: z.literal('fedbn'), crossSite: z.boolean().default(false) }),
]);

export type StrategySpec = z.infer<typeof strategySchema>;

const fraction = z.number().min(0).max(1);

/**
 * Which sites' data may take part. A site whose latest data profile fails
 * any rule is left out of the run with the reason recorded. Counts the
 * site's privacy guard suppressed (1 to k − 1) are taken as k − 1.
 */
export const qualityGateSchema = z.strictObject({
  minSamples: z.number().int().min(1).optional(),
  maxMissingLabelRate: fraction.optional(),
  maxUnmappedLabelRate: fraction.optional(),
  maxDuplicateRate: fraction.optional(),
  maxUnreadableRate: fraction.optional(),
  /** Every sample's DICOM Modality must be this (e.g. "CT"). */
  requiredModality: z.string().min(1).max(16).optional(),
  /** No file may carry identifying tags (Patient Name, Patient ID, Institution Name, …). */
  noIdentifyingTags: z.boolean().default(false),
  /** No file may say Burned In Annotation = YES. */
  noBurnedInAnnotation: z.boolean().default(false),
  /** Reader agreement (Fleiss' κ, or Krippendorff's α when readers read different cases) must be at least this. */
  minKappa: z.number().min(-1).max(1).optional(),
  /** Readers' masks (segmentation): their mean Dice must be at least this. */
  minReaderDice: z.number().min(0).max(1).optional(),
  /** Every case the readers read must have at least this many readings. */
  minReadersPerCase: z.number().int().min(1).max(100).optional(),
  /**
   * Labels a model pre-annotated are trained on only when a reader reviewed them; each site leaves the others out
   * of this run's training and validation (they stay in its data for other runs).
   */
  requireReviewedPreAnnotation: z.boolean().optional(),
});

export type QualityGate = z.infer<typeof qualityGateSchema>;

/** Metrics a selection may rank versions by: what sites report on the received model ("val_…"), per class with "_<index>". */
const SELECTABLE = /^(loss|accuracy|auroc|ap|f1|balanced_accuracy|ece|brier|dice|(auroc|ap|f1|sensitivity|specificity|ppv|npv|dice|iou)_\d+)$/;
/** Lower is better for these; higher for every other. */
export const LOWER_IS_BETTER = new Set(['loss', 'ece', 'brier']);

/**
 * Which model version of a run is its best, by a validation metric of the
 * version as the sites measured it when they received it: pooled over the
 * sites, or the worst site's figure (a model is only as good as it is at
 * the hospital where it does worst).
 */
export const selectionSchema = z.strictObject({
  metric: z
    .string()
    .regex(
      SELECTABLE,
      'metric is one of loss, accuracy, auroc, ap, f1, balanced_accuracy, ece, brier, dice, or a per-class figure such as auroc_1, sensitivity_1, dice_1',
    ),
  /** Default: min for loss, ece and brier, max for the rest. */
  mode: z.enum(['max', 'min']).optional(),
  over: z.enum(['pooled', 'worst-site']).default('pooled'),
});
export type Selection = z.infer<typeof selectionSchema>;

/** Ends a run when its selection metric has not improved by minDelta for `patience` evaluated versions in a row. */
export const earlyStoppingSchema = z.strictObject({
  patience: z.number().int().min(1).max(1000),
  minDelta: z.number().min(0).default(0),
});

/** Strategies that weigh each site's own update (robust aggregation), which neither a masked sum nor a noised mean gives them. */
const ROBUST_STRATEGIES: readonly string[] = ['median', 'trimmed-mean', 'krum', 'multi-krum'];

/** A researcher's description of one federated training run (YAML or JSON). */
export const runSpecSchema = z
  .strictObject({
    name: z.string().min(1, 'give the run a name').max(200),
    description: z.string().max(10_000).optional(),
    model: modelTopologySchema,
    /** Class names in output order; sites map their own labels to these by name. */
    classes: z.array(z.string().min(1)).min(1, 'list the class names in the order of the model outputs'),
    /**
     * One vocabulary across hospitals: per class, its definition, codes in standard terminologies (RadLex, SNOMED CT)
     * and synonyms in any language. Sites use them to suggest mappings of their own labels (`consilium site
     * suggest-labels`); nothing is mapped without the site confirming it in its labelMap.
     */
    classInfo: z
      .record(
        z.string().min(1),
        z.strictObject({
          definition: z.string().max(2000).optional(),
          codes: z
            .array(z.strictObject({ system: z.string().min(1).max(64), code: z.string().min(1).max(64) }))
            .max(20)
            .optional(),
          synonyms: z.array(z.string().min(1).max(128)).max(200).optional(),
        }),
      )
      .optional(),
    /** Training rounds; 0 evaluates `initialModel` at the sites without training (an evaluation-only job). */
    rounds: z.number().int().min(0).max(10_000),
    localEpochs: z.number().int().min(1).max(1_000).default(1),
    batchSize: z.number().int().min(1).max(65_536).default(32),
    optimizer: z
      .strictObject({
        name: z.enum(OPTIMIZERS),
        learningRate: z.number().positive('learningRate must be greater than 0').max(10),
      })
      .default({ name: 'sgd', learningRate: 0.01 }),
    /** classification (default) or segmentation, on 2d images or 3d volumes; see taskSchema. */
    task: taskSchema.optional(),
    loss: z.enum(LOSSES).default('categoricalCrossentropy'),
    strategy: strategySchema.default({ name: 'fedavg' }),
    /** Updates whose L2 norm exceeds maxNorm are rejected, or scaled down to it (clip). */
    updateChecks: z
      .strictObject({
        maxNorm: z.number().positive().optional(),
        onExceed: z.enum(['reject', 'clip']).default('reject'),
        /**
         * The sanity bound every run has, maxNorm or not: an update's L2 norm may be at most this many times
         * max(‖global model‖, √parameters). 10 000 is far beyond any training step; null turns the bound off.
         */
        maxRelativeNorm: z.number().positive().nullable().default(10_000),
      })
      .default({ onExceed: 'reject', maxRelativeNorm: 10_000 }),
    /** Site ids to train on; when absent, any connected site is eligible. */
    sites: z.array(z.string().min(1)).min(1).optional(),
    /** Updates needed to aggregate a round; defaults to every selected site (or 1 when sites is absent). */
    minSites: z.number().int().min(1).optional(),
    roundDeadlineSeconds: z
      .number()
      .positive()
      .max(7 * 24 * 3600)
      .default(600),
    /**
     * How rounds pick sites and when they close: sites needed to start,
     * the share of ready sites asked, over-selection beyond the target, and
     * how many failed rounds in a row leave a site out of the run.
     */
    roundPolicy: z
      .strictObject({
        minSitesToStart: z.number().int().min(1).optional(),
        fraction: z.number().gt(0, 'fraction must be above 0').max(1).default(1),
        overSelection: z.number().min(0).max(1).default(0),
        maxConsecutiveFailures: z.number().int().min(1).default(3),
      })
      .default({ fraction: 1, overSelection: 0, maxConsecutiveFailures: 3 }),
    /** Seconds to wait at the start of a round for enough sites to be online. */
    siteWaitSeconds: z
      .number()
      .nonnegative()
      .max(7 * 24 * 3600)
      .default(300),
    updateEncoding: z.enum(TENSOR_ENCODINGS).default('float32'),
    /** How sites prepare images for the model (intensity normalization, DICOM window); size and channels are the model's input. */
    preprocessing: preprocessingSchema.default(DEFAULT_PREPROCESSING),
    /**
     * Differential privacy, applied at each site before its update leaves.
     * level `site` (the default) protects a hospital's whole dataset: the delta
     * is clipped to L2 norm clipNorm, then Gaussian noise of standard deviation
     * noiseMultiplier × clipNorm is added to every coordinate (DP-FedAvg,
     * McMahan et al. 2018, with the noise added locally). level `sample`
     * protects each patient: DP-SGD (Abadi et al. 2016) in the site's training
     * step, each example's gradient clipped to clipNorm, noise of
     * noiseMultiplier × clipNorm added to their sum, batches drawn by Poisson
     * sampling at rate batchSize / training samples.
     */
    privacy: z
      .strictObject({
        level: z.enum(['site', 'sample']).optional(),
        /**
         * Where site-level noise is added. `local` (the default): each site adds all of it to its own update, so the
         * coordinator sees only noised updates. `distributed`, under secure aggregation: each site adds
         * noiseMultiplier / √threshold, so the sum of at least threshold sites, all the coordinator sees, carries the
         * whole. `central`: sites only clip; the coordinator clips each update to clipNorm again, averages them with
         * equal weights over the sites the round asked, and adds noise of noiseMultiplier × clipNorm / sites to the
         * mean before the strategy sees it (DP-FedAvg as McMahan et al. 2018 state it). The coordinator then sees
         * each update unnoised: a site that does not trust it can refuse (site policy trustCentralNoise).
         */
        noise: z.enum(['local', 'distributed', 'central']).optional(),
        clipNorm: z.number().positive(),
        noiseMultiplier: z.number().min(0).max(100),
        /** The δ the run's ε is stated at (default 1e-5). */
        delta: z.number().gt(0).lt(1).optional(),
      })
      .optional(),
    /**
     * Secure aggregation (SecAgg+, see the README's Security section): the coordinator gets only the sum of each
     * training round's updates. threshold: the fewest masked updates a round may sum (below it the round fails and
     * nothing is unmasked); neighbours: each site shares secrets with this many others of a random regular graph
     * (even; absent: with every other site); reconstruction: the shares that rebuild one site's secret (absent: a
     * majority of its neighbourhood); clippingRange: each coordinate of an update is clipped to ±this before fixed
     * point (absent: privacy.clipNorm); maxWeight: samples at which a site's masked weight is 1; phaseSeconds: how
     * long each exchange waits for the sites.
     */
    secureAggregation: z
      .strictObject({
        threshold: z.number().int().min(2),
        neighbours: z.number().int().min(2).multipleOf(2, 'neighbours must be even: as many on either side of the ring').optional(),
        reconstruction: z.number().int().min(2).max(255).optional(),
        clippingRange: z.number().positive().optional(),
        maxWeight: z.number().int().min(1).default(10_000),
        phaseSeconds: z.number().positive().max(3600).default(60),
      })
      .optional(),
    /** Data-quality rules a site must pass to take part; absent: every site takes part. */
    qualityGate: qualityGateSchema.optional(),
    /**
     * Start from an uploaded model (its id or the SHA-256 of its weights) or from a model version of an earlier run:
     * tensors whose name and shape match are taken from it, the rest are initialized from the seed.
     */
    initialModel: z.string().min(1).max(128).optional(),
    /**
     * Layers kept fixed at the sites (fine-tuning part of a model): names, or the start of names. Their tensors are
     * neither trained nor sent; `trainable: false` in a layer's config freezes it too.
     */
    freeze: z.array(z.string().min(1).max(200)).max(1000).optional(),
    /**
     * Loss weight per class against class imbalance: {class: weight} (unlisted classes weigh 1), or `balanced`, fixed
     * before round 1 from the pooled label counts of the sites' profiles. Training loss only; metrics stay unweighted.
     */
    classWeights: z.union([z.literal('balanced'), z.record(z.string(), z.number().positive().max(1000))]).optional(),
    /** Augmentation of training batches at the sites (see common/augmentation.schema.ts); validation data is never augmented. */
    augmentation: augmentationSchema.optional(),
    /** Keeps the best model version by a validation metric (see selectionSchema); `run download --best` returns it. */
    selection: selectionSchema.optional(),
    /** Ends the run early when the selection metric stops improving; needs `selection`. */
    earlyStopping: earlyStoppingSchema.optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(0),
  })
  .superRefine((spec, ctx) => {
    for (const name of Object.keys(spec.classInfo ?? {})) {
      if (!spec.classes.includes(name))
        ctx.addIssue({
          code: 'custom',
          path: ['classInfo', name],
          message: `classInfo names "${name}", which is not one of classes (${spec.classes.join(', ')})`,
        });
    }
    if (spec.sites && spec.minSites !== undefined && spec.minSites > spec.sites.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['minSites'],
        message: `minSites (${spec.minSites}) exceeds the ${spec.sites.length} listed sites; lower it or list more sites`,
      });
    }
    const strategy = spec.strategy;
    if (strategy.name === 'krum' || strategy.name === 'multi-krum') {
      // Krum's guarantee holds only when every round can have n ≥ 2f + 3 updates.
      const n = spec.minSites ?? spec.sites?.length;
      if (n === undefined || n < 2 * strategy.f + 3) {
        ctx.addIssue({
          code: 'custom',
          path: ['strategy', 'f'],
          message: `${strategy.name} tolerating f = ${strategy.f} faulty sites needs rounds of at least ${2 * strategy.f + 3} sites (n ≥ 2f + 3); ${n === undefined ? 'list the sites or set minSites' : `this run has ${n}`}`,
        });
      } else if (strategy.name === 'multi-krum' && strategy.m !== undefined && strategy.m > n - strategy.f) {
        ctx.addIssue({
          code: 'custom',
          path: ['strategy', 'm'],
          message: `m (${strategy.m}) exceeds n − f = ${n - strategy.f}, the updates Multi-Krum may keep`,
        });
      }
    }
    const start = spec.roundPolicy.minSitesToStart;
    if (start !== undefined && start < quorumOf(spec)) {
      ctx.addIssue({
        code: 'custom',
        path: ['roundPolicy', 'minSitesToStart'],
        message: `minSitesToStart (${start}) is below the quorum of ${quorumOf(spec)} updates a round needs; raise it or lower minSites`,
      });
    }
    if (spec.sites && start !== undefined && start > spec.sites.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['roundPolicy', 'minSitesToStart'],
        message: `minSitesToStart (${start}) exceeds the ${spec.sites.length} listed sites`,
      });
    }
    if ((spec.loss === 'dice' || spec.loss === 'diceCrossentropy') && spec.task?.kind !== 'segmentation') {
      ctx.addIssue({
        code: 'custom',
        path: ['loss'],
        message: `${spec.loss} is a segmentation loss; set task: { kind: segmentation } or use categoricalCrossentropy`,
      });
    }
    if (spec.classWeights !== undefined && spec.loss !== 'categoricalCrossentropy') {
      ctx.addIssue({ code: 'custom', path: ['classWeights'], message: `class weights apply to loss categoricalCrossentropy, not ${spec.loss}` });
    }
    if (spec.classWeights !== undefined && spec.classWeights !== 'balanced') {
      for (const name of Object.keys(spec.classWeights)) {
        if (!spec.classes.includes(name))
          ctx.addIssue({ code: 'custom', path: ['classWeights', name], message: `"${name}" is not one of the classes (${spec.classes.join(', ')})` });
      }
    }
    if (spec.rounds === 0 && !spec.initialModel) {
      ctx.addIssue({
        code: 'custom',
        path: ['rounds'],
        message: 'rounds: 0 evaluates a given model at the sites without training: set initialModel to the model to evaluate',
      });
    }
    if (spec.earlyStopping && !spec.selection) {
      ctx.addIssue({ code: 'custom', path: ['earlyStopping'], message: 'early stopping watches the selection metric: set selection: { metric: … } too' });
    }
    const secure = spec.secureAggregation;
    if (secure) {
      if (ROBUST_STRATEGIES.includes(strategy.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['strategy', 'name'],
          message: `${strategy.name} needs each site's own update, which secure aggregation hides from the coordinator; use fedavg, fedavgm, fedadam, fedyogi, fedadagrad, fedprox or fedbn, or drop secureAggregation`,
        });
      }
      if (spec.updateChecks.maxNorm !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['updateChecks', 'maxNorm'],
          message: "the coordinator cannot measure a masked update's norm; drop maxNorm and set privacy.clipNorm, which each site applies before masking",
        });
      }
      if (secure.clippingRange === undefined && !spec.privacy) {
        ctx.addIssue({
          code: 'custom',
          path: ['secureAggregation', 'clippingRange'],
          message: 'set clippingRange (each coordinate of an update is clipped to ± it before fixed point) or privacy.clipNorm',
        });
      }
      if (quorumOf(spec) < secure.threshold) {
        ctx.addIssue({
          code: 'custom',
          path: ['secureAggregation', 'threshold'],
          message: `a round needs at least threshold (${secure.threshold}) updates: set minSites to ${secure.threshold} or more`,
        });
      }
      if (spec.sites && secure.threshold > spec.sites.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['secureAggregation', 'threshold'],
          message: `threshold (${secure.threshold}) exceeds the ${spec.sites.length} listed sites`,
        });
      }
    }
    const share = distributedNoiseStdDev(spec);
    if (
      share > 0 &&
      spec.secureAggregation?.clippingRange !== undefined &&
      spec.secureAggregation.clippingRange < spec.privacy!.clipNorm + NOISE_ROOM * share
    ) {
      const room = spec.privacy!.clipNorm + NOISE_ROOM * share;
      ctx.addIssue({
        code: 'custom',
        path: ['secureAggregation', 'clippingRange'],
        message: `clippingRange ${spec.secureAggregation.clippingRange} would cut the tails of the noise each site adds (standard deviation ${Number(share.toPrecision(4))}), weakening the guarantee: set it to at least clipNorm + ${NOISE_ROOM} standard deviations (${Number(room.toPrecision(4))}), or drop it for that default`,
      });
    }
    if (spec.privacy?.noise === 'distributed' && (!spec.secureAggregation || spec.privacy.level === 'sample')) {
      ctx.addIssue({
        code: 'custom',
        path: ['privacy', 'noise'],
        message: 'distributed noise is summed by secure aggregation at site level: set secureAggregation, keep privacy.level site, or use noise local',
      });
    }
    if (spec.privacy?.noise === 'central') {
      const why = centralNoiseConflict(spec, strategy.name);
      if (why) ctx.addIssue({ code: 'custom', path: why.path, message: why.message });
    }
    if (spec.privacy?.level === 'sample') {
      // Batch normalization mixes the examples of a batch, so no example has a gradient of its own to clip.
      const normalized = spec.model.config.layers.filter((l) => l.class_name === 'BatchNormalization').length;
      if (normalized > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['privacy', 'level'],
          message: `DP-SGD clips each example's gradient, which batch normalization does not have (${normalized} BatchNormalization layer${normalized === 1 ? '' : 's'}); use LayerNormalization, or privacy level site`,
        });
      }
      if (spec.strategy.name === 'fedprox') {
        ctx.addIssue({
          code: 'custom',
          path: ['strategy', 'name'],
          message: "FedProx's proximal step is not a DP-SGD step; use fedavg (or another FedAvg-family strategy) with privacy level sample",
        });
      }
    }
    if (spec.sites && new Set(spec.sites).size !== spec.sites.length) {
      ctx.addIssue({ code: 'custom', path: ['sites'], message: 'a site is listed twice' });
    }
  });

/**
 * Why central noise cannot serve this spec, or null. Its sensitivity argument
 * needs the coordinator to see, clip and equally weigh each site's update.
 */
function centralNoiseConflict(
  spec: { secureAggregation?: unknown; privacy?: { level?: string } },
  strategy: string,
): { path: string[]; message: string } | null {
  if (spec.secureAggregation)
    return {
      path: ['privacy', 'noise'],
      message: 'under secure aggregation the coordinator sees no single update to clip: use noise distributed, which the sites add',
    };
  if (spec.privacy?.level === 'sample')
    return { path: ['privacy', 'noise'], message: "DP-SGD's noise goes into each step at the site: drop noise central, or use privacy level site" };
  if (ROBUST_STRATEGIES.includes(strategy))
    return {
      path: ['strategy', 'name'],
      message: `central noise is calibrated to an equally weighted mean of clipped updates, which ${strategy} does not compute; use a FedAvg-family strategy or noise local`,
    };
  return null;
}

export type RunSpec = z.infer<typeof runSpecSchema>;
export type RunSpecInput = z.input<typeof runSpecSchema>;

/** How many accepted updates a round of this run needs. */
export function quorumOf(spec: Pick<RunSpec, 'minSites' | 'sites'>): number {
  return spec.minSites ?? spec.sites?.length ?? 1;
}
