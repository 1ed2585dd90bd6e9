import { FedAvg } from './fed-avg.strategy.js';
import { applyDelta, flatLength, stateTensor, stateVector } from './flat-vector.js';
import type { AggregationInput, AggregationResult } from './strategy.js';
import { weightedMeanOf } from './weighted-mean.js';

export interface FedOptParameters {
  /** Server learning rate η. */
  serverLearningRate: number;
  beta1: number;
  beta2: number;
  /** τ: adaptivity; also the initial √v (v starts at τ²), as in Reddi et al. */
  tau: number;
}

/**
 * The FedOpt family (Reddi et al. 2021, "Adaptive Federated Optimization",
 * Algorithm 2): the mean delta Δ̄ is a pseudo-gradient for a server optimizer.
 *   m ← β1·m + (1 − β1)·Δ̄                              (m starts at 0)
 *   v ← v + Δ̄²                                          FedAdagrad
 *   v ← v − (1 − β2)·Δ̄²·sign(v − Δ̄²)                   FedYogi
 *   v ← β2·v + (1 − β2)·Δ̄²                              FedAdam      (v starts at τ²)
 *   w ← w + η·m / (√v + τ)
 * The three differ only in the v line, so they share this file.
 */
abstract class FedOpt extends FedAvg {
  constructor(protected readonly parameters: FedOptParameters) {
    super();
  }

  protected abstract nextV(v: number, squared: number): number;

  override async aggregate({ global, shared, updates, failures, state }: AggregationInput): Promise<AggregationResult> {
    const mean = await weightedMeanOf(shared, updates);
    const { serverLearningRate, beta1, tau } = this.parameters;
    const length = flatLength(shared);
    const m = stateVector(state, 'm', length) ?? new Float64Array(length);
    const v = stateVector(state, 'v', length) ?? new Float64Array(length).fill(tau * tau);
    const step = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      const g = mean[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = this.nextV(v[i]!, g * g);
      step[i] = (serverLearningRate * m[i]!) / (Math.sqrt(v[i]!) + tau);
    }
    return {
      weights: applyDelta(global, shared, step),
      state: [stateTensor('m', m), stateTensor('v', v)],
      used: updates.map((u) => u.siteId),
      excluded: [...failures],
    };
  }
}

export class FedAdagrad extends FedOpt {
  override readonly name = 'fedadagrad';
  protected nextV(v: number, squared: number): number {
    return v + squared;
  }
}

export class FedYogi extends FedOpt {
  override readonly name = 'fedyogi';
  protected nextV(v: number, squared: number): number {
    return v - (1 - this.parameters.beta2) * squared * Math.sign(v - squared);
  }
}

export class FedAdam extends FedOpt {
  override readonly name = 'fedadam';
  protected nextV(v: number, squared: number): number {
    return this.parameters.beta2 * v + (1 - this.parameters.beta2) * squared;
  }
}
