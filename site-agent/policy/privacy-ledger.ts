import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { ConsiliumError } from '../../common/errors.js';
import { describeSpend, type RoundSpend, roundSpend } from '../../common/privacy-spend.js';
import { roundsEpsilon } from '../../common/rdp-accountant.js';
import { replaceFile } from '../../common/replace-file.js';
import type { RunSpec } from '../../common/run-spec.schema.js';

const entrySchema = z.object({
  /** The dataset version the rounds used. */
  fingerprint: z.string(),
  runId: z.string(),
  specSha256: z.string(),
  /** The run's noise multiplier: the Gaussian noise's standard deviation over its clipping norm (0: no noise). */
  noiseMultiplier: z.number().min(0),
  /** DP-SGD's Poisson sampling rate; 1 for site-level DP (ledgers written before DP-SGD hold no such field). */
  samplingRate: z.number().gt(0).max(1).default(1),
  /** Noised steps per round: DP-SGD's steps, 1 for site-level DP. */
  stepsPerRound: z.number().int().min(1).default(1),
  /** Updates trained on this dataset for the run that have left (or are in the outbox to leave). */
  rounds: z.number().int().nonnegative(),
  at: z.string(),
});

export type LedgerEntry = z.infer<typeof entrySchema>;

type SpendingSpec = Pick<RunSpec, 'privacy' | 'rounds' | 'batchSize' | 'localEpochs'>;

/**
 * The site's privacy ledger, `<stateDir>/privacy-ledger.json`: per dataset
 * fingerprint and run, how many noised updates have left. Spend composes by
 * adding Rényi divergences across rounds and runs, so a budget holds across
 * every run that ever used the data, whichever version of it.
 */
export class PrivacyLedger {
  constructor(readonly file: string) {}

  static inStateDir(stateDir: string): PrivacyLedger {
    return new PrivacyLedger(path.join(stateDir, 'privacy-ledger.json'));
  }

  entries(): LedgerEntry[] {
    if (!existsSync(this.file)) return [];
    const parsed = z.array(entrySchema).safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw ConsiliumError.fromZod(this.file, parsed.error);
    return parsed.data;
  }

  /** One more update of the run left (or is about to leave) from this dataset, at this round's spend. */
  async recordRound(fingerprint: string, runId: string, specSha256: string, spend: RoundSpend, at: string): Promise<void> {
    const entries = this.entries();
    const entry = entries.find((e) => e.fingerprint === fingerprint && e.runId === runId);
    // A run's rounds are alike but for DP-SGD's steps, which follow the data's size: the largest count is kept.
    if (entry) Object.assign(entry, { ...spend, stepsPerRound: Math.max(entry.stepsPerRound, spend.stepsPerRound), rounds: entry.rounds + 1, specSha256, at });
    else entries.push({ fingerprint, runId, specSha256, ...spend, rounds: 1, at });
    await replaceFile(this.file, JSON.stringify(entries, null, 2));
  }
}

/**
 * Why a run would overspend the site's budget, or null: what it plans (all its rounds, or what it has spent if
 * more), composed with what every other run spent, against the policy's ε at its δ. Every dataset version
 * counts: a version with a label corrected or cases added holds mostly the same patients as the one before.
 */
export function budgetShortfall(
  spec: SpendingSpec,
  runId: string,
  ledger: PrivacyLedger,
  budget: { epsilon: number; delta: number },
  trainSamples: number,
): string | null {
  const entries = ledger.entries();
  const others = entries.filter((e) => e.runId !== runId);
  const spent = entries.filter((e) => e.runId === runId).reduce((n, e) => n + e.rounds, 0);
  const run = { ...roundSpend(spec, trainSamples), rounds: Math.max(spec.rounds, spent) };
  if (run.rounds > 0 && run.noiseMultiplier === 0) {
    return `the run adds no noise to its updates (privacy.noiseMultiplier), so what it spends is unbounded; the site policy's privacyBudget (ε ${budget.epsilon} at δ ${budget.delta}) refuses it`;
  }
  const alone = roundsEpsilon([run], budget.delta);
  const before = roundsEpsilon(others, budget.delta);
  const total = roundsEpsilon([...others, run], budget.delta);
  if (total <= budget.epsilon) return null;
  const runs = new Set(others.map((e) => e.runId)).size;
  return `the run would spend ε ${alone.toFixed(3)} (${describeSpend(run)}); with ε ${before.toFixed(3)} already spent on this site's data by ${runs} run${runs === 1 ? '' : 's'} that makes ${total.toFixed(3)}, over the site policy's privacyBudget ε ${budget.epsilon} at δ ${budget.delta}`;
}
