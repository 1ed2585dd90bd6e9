import type { WeightSpec } from '../../../common/model-weights.js';
import type { NamedTensor } from '../../../common/tensor-codec.js';

/**
 * The strategy interface: pure domain, no Nest, TypeORM or generated types.
 * A strategy configures each round (which sites, what each is told, which
 * tensors are shared) and aggregates it from the accepted updates and,
 * explicitly, the failures.
 */

/** What one selected site is told for a round, beyond the run's own settings. */
export interface SiteInstructions {
  siteId: string;
  /** FedProx's μ: the site adds μ/2·‖w − w_global‖² to its local loss; 0 for plain local training. */
  proximalMu: number;
  /** Overrides of the run's local hyper-parameters for this site and round. */
  hyperParameters: { localEpochs?: number; learningRate?: number; batchSize?: number };
}

export interface RoundConfiguration {
  sites: SiteInstructions[];
  /** Names of the tensors sites send and receive as shared; the others stay local (FedBN). */
  sharedTensors: string[];
}

/**
 * One accepted update, read in slices so no strategy ever holds an update
 * whole (see column-slices.ts): memory stays a few cache-sized columns
 * whatever the number and size of the updates.
 */
export interface StrategyUpdate {
  siteId: string;
  sampleCount: number;
  /**
   * Values [start, end) of the delta's flat parameter vector (the shared
   * tensors concatenated in layout order), already clipped when the run
   * clips norms, written into `into` (at least end − start long); returns
   * the filled view of `into`.
   */
  readSlice(start: number, end: number, into: Float32Array): Float32Array;
}

export interface SiteFailure {
  siteId: string;
  reason: string;
}

export interface AggregationInput {
  round: number;
  /** Every tensor of the global model the round started from. */
  global: readonly NamedTensor[];
  /** Layout of the shared tensors, the order of updates and of the flat parameter vector. */
  shared: readonly WeightSpec[];
  updates: readonly StrategyUpdate[];
  failures: readonly SiteFailure[];
  /** Server-side state the strategy returned last round (momentum, moments), or null on the first. */
  state: NamedTensor[] | null;
}

export interface AggregationResult {
  /** Every tensor of the next global model; tensors that are not shared are copied from the input. */
  weights: NamedTensor[];
  state: NamedTensor[] | null;
  /** Sites whose update went into the result, and for the others why not. */
  used: string[];
  excluded: SiteFailure[];
}

export interface Strategy {
  readonly name: string;
  configureRound(round: number, candidates: readonly string[], model: readonly WeightSpec[]): RoundConfiguration;
  aggregate(input: AggregationInput): Promise<AggregationResult>;
}

/** A strategy refused to aggregate (too few updates for its guarantees); the run fails with this message. */
export class AggregationRefused extends Error {}
