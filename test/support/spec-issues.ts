import { isConsiliumError } from '../../common/errors.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';

/** What parsing a run spec says is wrong with it, one `path: message` line per issue; empty when it parses. */
export function specIssues(spec: Record<string, unknown>): string[] {
  try {
    parseRunSpec(spec);
    return [];
  } catch (error) {
    if (!isConsiliumError(error)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
}
