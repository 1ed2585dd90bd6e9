import { agreementName } from '../../common/data-profile.schema.js';
import type { Counts, DataProfile } from './data-profile.js';
import { HISTOGRAM_BINS } from './data-profile.js';

const list = (counts: Counts): string =>
  Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, n]) => `${key} ${n ?? '<k'}`)
    .join(', ') || 'none';

/** The profile as hospital IT reads it in a terminal. */
export function renderProfile(siteId: string, profile: DataProfile): string {
  const lines = [
    `data profile of ${siteId} (${profile.datasetKind}), fingerprint ${profile.fingerprint}`,
    `samples: ${profile.samples ?? '<k'}`,
    `labels: ${list(profile.labels.counts)}`,
    `  unmapped labels: ${list(profile.labels.unmapped)}`,
    `  missing labels: ${profile.labels.missing ?? '<k'}`,
    `duplicates (same content): ${profile.duplicates.extraCopies ?? '<k'} extra copies in ${profile.duplicates.groups ?? '<k'} groups`,
    `unreadable files: ${list(profile.unreadable)}`,
    `image sizes: ${list(profile.imageSizes)}`,
  ];
  if (Object.keys(profile.pixelSpacing).length) lines.push(`pixel spacing (mm): ${list(profile.pixelSpacing)}`);
  const volumes = profile.volumes;
  if (volumes) {
    lines.push(
      `volumes: ${volumes.samples ?? '<k'}; slice spacing (mm): ${list(volumes.sliceSpacing)}`,
      `  slice thickness (mm): ${list(volumes.sliceThickness)}; series refused for missing slices: ${volumes.seriesWithGaps ?? '<k'}`,
    );
  }
  const masks = profile.masks;
  if (masks) {
    lines.push(
      `masks: ${masks.samples ?? '<k'}, empty ${masks.empty ?? '<k'}; labelled pixels per mask: ${list(masks.lesionPixels)}`,
      `  mask values present: ${list(masks.valuePresence)}`,
    );
    if (masks.lesionVolumeMm3) lines.push(`  labelled mm³ per volume: ${list(masks.lesionVolumeMm3)}`);
  }
  for (const [modality, s] of Object.entries(profile.intensity))
    lines.push(`intensity (${modality}, ${s.samples} images): mean ${s.mean.toFixed(3)}, std ${s.std.toFixed(3)} on [0, 1] in ${HISTOGRAM_BINS} bins`);
  const a = profile.agreement;
  if (a) {
    const name = agreementName(a.statistic);
    lines.push(
      `readers: ${a.readers}, ${a.cases ?? 'fewer than k'} cases read by two or more (${a.readersPerCase.min} to ${a.readersPerCase.max} readers per case); consensus: ${a.rule}`,
      `  agreement: ${name} ${a.value === null ? 'withheld' : a.value.toFixed(3)}${a.interval ? ` (95 % ${a.interval[0].toFixed(3)} to ${a.interval[1].toFixed(3)})` : ''}; ${a.needsAdjudication ?? 'fewer than k'} cases await adjudication (consilium site review)`,
      ...a.pairs.map((p) => `  Cohen's κ ${p.readers.join('–')}: ${p.kappa === null ? 'undefined' : p.kappa.toFixed(3)} over ${p.cases} cases`),
    );
  }
  const d = profile.dicom;
  if (Object.keys(d.modality).length) {
    lines.push(
      `DICOM modality: ${list(d.modality)}`,
      `  manufacturer: ${list(d.manufacturer)}`,
      `  model: ${list(d.manufacturerModelName)}`,
      `  body part: ${list(d.bodyPartExamined)}`,
      `  patient age: ${list(d.patientAge)}`,
      `  patient sex: ${list(d.patientSex)}`,
    );
  }
  const deid = profile.deidentification;
  lines.push(
    `de-identification (DICOM PS3.15 Basic Profile${deid.retained?.length ? `, retaining ${deid.retained.join(', ')}` : ''}): ${deid.filesWithIdentifyingTags ?? '<k'} files carry attributes it acts on`,
    `  by category: ${list(deid.byCategory ?? {})}`,
    `  by attribute: ${list(deid.byTag)}`,
    `  ${deid.burnedInAnnotation ?? '<k'} say Burned In Annotation YES; ${deid.textInPixels ?? '<k'} ultrasound or secondary captures look as if text is burned into the pixels (review them)`,
  );
  if (profile.privacy)
    lines.push(
      `privacy: counts below ${profile.privacy.minCellSize} suppressed (${profile.privacy.suppressedCells} cells)${profile.privacy.epsilon ? `, Laplace noise ε = ${profile.privacy.epsilon}` : ''}`,
    );
  return lines.join('\n');
}

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** One histogram as an inline SVG bar chart (no scripts, no network). */
function histogramSvg(bins: readonly (number | null)[]): string {
  const max = Math.max(1, ...bins.map((b) => b ?? 0));
  const bars = bins
    .map((b, i) => {
      const h = Math.round(((b ?? 0) / max) * 120);
      return `<rect x="${i * 10}" y="${130 - h}" width="9" height="${h}" fill="${b === null ? '#ccc' : '#3b6ea5'}"><title>[${(i / bins.length).toFixed(3)}, ${((i + 1) / bins.length).toFixed(3)}): ${b ?? 'suppressed'}</title></rect>`;
    })
    .join('');
  return `<svg width="${bins.length * 10}" height="140" role="img">${bars}<line x1="0" y1="130" x2="${bins.length * 10}" y2="130" stroke="#333"/></svg>`;
}

/** A self-contained HTML page of the profile, histograms drawn inline; opens offline. */
export function profileHtml(siteId: string, profile: DataProfile): string {
  const histograms = Object.entries(profile.intensity)
    .map(
      ([modality, s]) =>
        `<h2>Intensity, ${escape(modality)} (${s.samples} images, mean ${s.mean.toFixed(3)}, std ${s.std.toFixed(3)})</h2>${histogramSvg(s.histogram)}`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Data profile: ${escape(siteId)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}pre{background:#f5f5f5;padding:1em;white-space:pre-wrap}</style></head>
<body><h1>Data profile: ${escape(siteId)}</h1>
<pre>${escape(renderProfile(siteId, profile))}</pre>
${histograms}
</body></html>
`;
}
