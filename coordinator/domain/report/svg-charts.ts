/** Escapes text for HTML and SVG. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Colours that stay apart for readers with the common colour-vision deficiencies (Okabe & Ito). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
  /** The pooled series is drawn black and thicker. */
  emphasis?: boolean;
}

const [WIDTH, HEIGHT, LEFT, BOTTOM, TOP, RIGHT] = [520, 300, 48, 36, 12, 150];

/**
 * A line chart as inline SVG (no script, no network): one polyline per
 * series with a point marker at each value, axes with their range, and a
 * legend; `diagonal` draws the y = x reference of ROC and reliability plots.
 */
export function lineChart(
  title: string,
  series: readonly Series[],
  axes: { x: string; y: string; xRange?: [number, number]; yRange?: [number, number]; diagonal?: boolean },
): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return '';
  const [x0, x1] = axes.xRange ?? [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const [y0, y1] = axes.yRange ?? [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const sx = (x: number): number => LEFT + (x1 === x0 ? plotW / 2 : ((x - x0) / (x1 - x0)) * plotW);
  const sy = (y: number): number => TOP + plotH - (y1 === y0 ? plotH / 2 : ((y - y0) / (y1 - y0)) * plotH);
  const f = (v: number): string => v.toFixed(1);
  const lines = series
    .map((s, i) => {
      const colour = s.emphasis ? '#000' : PALETTE[i % PALETTE.length]!;
      const width = s.emphasis ? 2.5 : 1.5;
      const path = s.points.map(([x, y]) => `${f(sx(x))},${f(sy(y))}`).join(' ');
      const dots = s.points
        .map(
          ([x, y]) => `<circle cx="${f(sx(x))}" cy="${f(sy(y))}" r="2.5" fill="${colour}"><title>${escapeHtml(s.name)}: ${x}, ${y.toFixed(4)}</title></circle>`,
        )
        .join('');
      const legendY = TOP + 14 + i * 16;
      return (
        `<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="${width}"/>${dots}` +
        `<line x1="${WIDTH - RIGHT + 10}" y1="${legendY - 4}" x2="${WIDTH - RIGHT + 26}" y2="${legendY - 4}" stroke="${colour}" stroke-width="${width}"/>` +
        `<text x="${WIDTH - RIGHT + 30}" y="${legendY}" font-size="11">${escapeHtml(s.name)}</text>`
      );
    })
    .join('');
  const diagonal = axes.diagonal ? `<line x1="${f(sx(x0))}" y1="${f(sy(y0))}" x2="${f(sx(x1))}" y2="${f(sy(y1))}" stroke="#999" stroke-dasharray="4 3"/>` : '';
  return `<figure><svg width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">
<title>${escapeHtml(title)}</title>
<rect x="${LEFT}" y="${TOP}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>${diagonal}${lines}
<text x="${LEFT}" y="${HEIGHT - 8}" font-size="11">${escapeHtml(axes.x)}: ${x0} to ${x1}</text>
<text x="4" y="${TOP + 10}" font-size="11">${y1.toFixed(2)}</text><text x="4" y="${TOP + plotH}" font-size="11">${y0.toFixed(2)}</text>
<text x="4" y="${TOP + plotH / 2}" font-size="11">${escapeHtml(axes.y)}</text>
</svg><figcaption>${escapeHtml(title)}</figcaption></figure>`;
}
