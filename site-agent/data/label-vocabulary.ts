/**
 * Maps a site's own label spellings onto canonical class names
 * ("恶性", "M", "1" → "malignant"). A label already spelled as a canonical
 * class passes unchanged; anything else is unmapped and reported.
 */
export class LabelVocabulary {
  private readonly map: Map<string, string>;
  private readonly canonical: Set<string>;

  constructor(labelMap: Record<string, string>) {
    this.map = new Map(Object.entries(labelMap).map(([raw, name]) => [raw.trim(), name]));
    this.canonical = new Set(this.map.values());
  }

  /** The canonical class for a raw label, '' for a missing label, or null when nothing maps it. */
  classify(raw: string, classes?: readonly string[]): string | null {
    const label = raw.trim();
    if (label === '') return '';
    const mapped = this.map.get(label);
    if (mapped !== undefined) return mapped;
    if (classes ? classes.includes(label) : this.map.size === 0 || this.canonical.has(label)) return label;
    return null;
  }
}
