import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { ConsiliumError } from '../../common/errors.js';
import { replaceFile } from '../../common/replace-file.js';
import { cohensKappa } from '../profile/reader-agreement.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const preAnnotationSchema = z.object({
  runId: z.string(),
  modelVersionId: z.string(),
  modelSha256: sha256,
  predicted: z.string(),
  probability: z.number().min(0).max(1),
  at: z.string(),
});

const assistedLabelSchema = z.object({
  label: z.string().min(1),
  modelSha256: sha256,
  predicted: z.string(),
  /** A reader looked at the case and gave (or kept) this label; false: the prediction was taken as it was. */
  reviewed: z.boolean(),
  /** The reader's label differs from the prediction. */
  changed: z.boolean(),
  reader: z.string().nullable(),
  importedAt: z.string(),
  /** Masks: the Dice between the model's mask and the one imported. */
  dice: z.number().min(0).max(1).optional(),
});

const screeningSchema = z.object({
  runId: z.string(),
  modelSha256: sha256,
  minProbability: z.number(),
  screened: z.number().int().nonnegative(),
  flagged: z.number().int().nonnegative(),
  at: z.string(),
});

/** A model's prediction for an unlabelled case, as the worklist showed it. */
export type PreAnnotation = z.infer<typeof preAnnotationSchema>;
/** A label that a model's prediction helped make, and what the reader did with it. */
export type AssistedLabel = z.infer<typeof assistedLabelSchema>;
/** The last label screening: how many labelled cases the model was run on, and how many it contradicted confidently. */
export type ScreeningRecord = z.infer<typeof screeningSchema>;

/**
 * What readers did with the labels a model pre-annotated: those they reviewed, how many they changed, and how well
 * model and readers agree (Cohen's κ for class labels, the mean Dice for masks); null where there is nothing to say.
 */
export function reviewFigures(
  labels: readonly AssistedLabel[],
  masks: boolean,
): { reviewed: number; changed: number; modelReaderKappa: number | null; modelReaderDice: number | null } {
  const reviewed = labels.filter((a) => a.reviewed);
  const dices = reviewed.flatMap((a) => (a.dice === undefined ? [] : [a.dice]));
  const kappa = masks
    ? NaN
    : cohensKappa(
        reviewed.map((a) => a.predicted),
        reviewed.map((a) => a.label),
      ).kappa;
  return {
    reviewed: reviewed.length,
    changed: reviewed.filter((a) => a.changed).length,
    modelReaderKappa: Number.isFinite(kappa) ? kappa : null,
    modelReaderDice: dices.length > 0 ? dices.reduce((a, b) => a + b, 0) / dices.length : null,
  };
}

const FILES = {
  preAnnotations: { name: 'pre-annotations.json', schema: z.record(z.string(), preAnnotationSchema) },
  assistedLabels: { name: 'assisted-labels.json', schema: z.record(z.string(), assistedLabelSchema) },
  screening: { name: 'screening.json', schema: screeningSchema.nullable() },
} as const;

/**
 * The site's own record of model-assisted labelling, under
 * `<stateDir>/annotation`: the predictions each worklist showed (so an
 * import compares the reader's label with what the model said, not with a
 * column the reader could edit), the labels imported with their provenance,
 * and the last screening's counts. Case-level; never sent: the profile
 * carries only guarded counts made from it.
 */
export class AnnotationRecords {
  constructor(private readonly root: string) {}

  static inStateDir(stateDir: string): AnnotationRecords {
    return new AnnotationRecords(path.join(stateDir, 'annotation'));
  }

  preAnnotations(): Record<string, PreAnnotation> {
    return this.read('preAnnotations') ?? {};
  }

  assistedLabels(): Record<string, AssistedLabel> {
    return this.read('assistedLabels') ?? {};
  }

  screening(): ScreeningRecord | null {
    return this.read('screening') ?? null;
  }

  /** Adds predictions; a case pre-annotated again keeps the newer one. */
  async recordPreAnnotations(entries: Record<string, PreAnnotation>): Promise<void> {
    await this.write('preAnnotations', { ...this.preAnnotations(), ...entries });
  }

  /** Adds imported labels; a case imported again (a correction of a correction) keeps the newer one. */
  async recordAssistedLabels(entries: Record<string, AssistedLabel>): Promise<void> {
    await this.write('assistedLabels', { ...this.assistedLabels(), ...entries });
  }

  /** Where pre-annotation keeps an untouched copy of each mask a model predicted, to compare the readers' corrections with. */
  predictedMaskDir(modelSha256: string): string {
    return path.join(this.root, 'predicted', modelSha256.slice(0, 12));
  }

  async recordScreening(record: ScreeningRecord): Promise<void> {
    await this.write('screening', record);
  }

  private read<K extends keyof typeof FILES>(key: K): z.infer<(typeof FILES)[K]['schema']> | undefined {
    const file = path.join(this.root, FILES[key].name);
    if (!existsSync(file)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConsiliumError('FAILED_PRECONDITION', `${file} is not JSON (${(error as Error).message}); restore it from a backup or delete it to start over`);
    }
    const parsed = FILES[key].schema.safeParse(json);
    if (!parsed.success) throw ConsiliumError.fromZod(file, parsed.error);
    return parsed.data as z.infer<(typeof FILES)[K]['schema']>;
  }

  private async write<K extends keyof typeof FILES>(key: K, value: z.infer<(typeof FILES)[K]['schema']>): Promise<void> {
    await replaceFile(path.join(this.root, FILES[key].name), JSON.stringify(value, null, 2));
  }
}
