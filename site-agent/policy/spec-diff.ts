import { stringify as toYaml } from 'yaml';

/**
 * A unified-style line diff of two specs written as YAML with sorted keys
 * (so key order never shows as a change): "-" lines were in the approved
 * spec, "+" lines are in the offered one, unchanged lines are left out.
 */
export function specDiff(approvedJson: string, offeredJson: string): string[] {
  const lines = (json: string): string[] => toYaml(JSON.parse(json), { sortMapEntries: true }).trimEnd().split('\n');
  const a = lines(approvedJson);
  const b = lines(offeredJson);
  // Longest common subsequence table; specs are a few hundred lines at most.
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  return out;
}
