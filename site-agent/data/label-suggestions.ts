import type { RunSpec } from '../../common/run-spec.schema.js';

type ClassInfo = NonNullable<RunSpec['classInfo']>[string];

/** A suggested mapping of one local label to a class of the run, with why; the site confirms it into labelMap itself. */
export interface LabelSuggestion {
  local: string;
  samples: number;
  /** null: nothing close enough; the site maps it by hand or leaves it out. */
  suggested: string | null;
  why: string;
}

/** Text as compared: Unicode-normalised (NFKD), accents dropped, lower case, punctuation as spaces, spaces collapsed. */
export function normaliseTerm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Levenshtein distance (insertions, deletions, substitutions), by code point. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * For each local label the run's classes do not cover (neither a class name nor in labelMap), the closest class:
 * equal after normalisation to the class name, a synonym or a code (e.g. a RadLex id) first, else the smallest edit
 * distance to any of them when it is at most a quarter of the term's length (a typo, not another word). Ties and
 * misses are left to the site.
 */
export function suggestMappings(unmapped: ReadonlyMap<string, number>, classes: readonly string[], info: RunSpec['classInfo'] = {}): LabelSuggestion[] {
  const terms = classes.flatMap((name) => {
    const entry: ClassInfo = info[name] ?? {};
    return [
      { name, term: name, kind: 'the class name' },
      ...(entry.synonyms ?? []).map((synonym) => ({ name, term: synonym, kind: `synonym "${synonym}"` })),
      ...(entry.codes ?? []).map((code) => ({ name, term: code.code, kind: `${code.system} code ${code.code}` })),
    ].map((t) => ({ ...t, normalised: normaliseTerm(t.term) }));
  });
  return [...unmapped]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([local, samples]) => {
      const key = normaliseTerm(local);
      const exact = [...new Set(terms.filter((t) => t.normalised === key).map((t) => t.name))];
      if (exact.length === 1)
        return { local, samples, suggested: exact[0]!, why: `equals ${terms.find((t) => t.normalised === key && t.name === exact[0])!.kind}` };
      if (exact.length > 1) return { local, samples, suggested: null, why: `equals terms of ${exact.join(' and ')}: map it by hand` };
      const scored = terms.map((t) => ({ ...t, distance: editDistance(key, t.normalised) })).sort((a, b) => a.distance - b.distance);
      const best = scored[0];
      const limit = Math.floor([...key].length / 4);
      if (!best || best.distance > limit) return { local, samples, suggested: null, why: 'no class name, synonym or code is close: map it by hand' };
      const rivals = new Set(scored.filter((t) => t.distance === best.distance).map((t) => t.name));
      if (rivals.size > 1) return { local, samples, suggested: null, why: `as close to ${[...rivals].join(' as to ')}: map it by hand` };
      return { local, samples, suggested: best.name, why: `${best.distance} edit${best.distance === 1 ? '' : 's'} from ${best.kind}` };
    });
}
