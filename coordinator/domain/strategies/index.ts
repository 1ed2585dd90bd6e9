import type { StrategySpec } from '../../../common/run-spec.schema.js';
import { FedAvg } from './fed-avg.strategy.js';
import { FedAvgM } from './fed-avg-m.strategy.js';
import { FedBN } from './fed-bn.strategy.js';
import { FedAdagrad, FedAdam, FedYogi } from './fed-opt.strategy.js';
import { FedProx } from './fed-prox.strategy.js';
import { Krum } from './krum.strategy.js';
import { CoordinateMedian } from './median.strategy.js';
import type { Strategy } from './strategy.js';
import { TrimmedMean } from './trimmed-mean.strategy.js';

export type { Strategy } from './strategy.js';

/** The strategy a run spec names, with its validated parameters. */
export function strategyFor(spec: StrategySpec): Strategy {
  switch (spec.name) {
    case 'fedavg':
      return new FedAvg();
    case 'fedavgm':
      return new FedAvgM(spec.serverLearningRate, spec.momentum);
    case 'fedadam':
      return new FedAdam(spec);
    case 'fedyogi':
      return new FedYogi(spec);
    case 'fedadagrad':
      return new FedAdagrad({ ...spec, beta2: 0 });
    case 'fedprox':
      return new FedProx(spec.mu);
    case 'median':
      return new CoordinateMedian();
    case 'trimmed-mean':
      return new TrimmedMean(spec.beta);
    case 'krum':
      return new Krum(spec.f, 1);
    case 'multi-krum':
      return new Krum(spec.f, spec.m ?? null);
    case 'fedbn':
      return new FedBN();
  }
}
