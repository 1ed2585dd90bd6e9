// Small SVG charts drawn here rather than by a charting library: a few hundred lines of markup, no runtime
// dependency, and each chart carries its numbers as a table for screen readers and for copying.

import { TableHead } from './table-head.js';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

export interface Series {
  name: string;
  points: [number, number][];
}

const W = 420;
const H = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 32 };

function ticks(lo: number, hi: number, count: number): number[] {
  if (hi === lo) return [lo];
  return Array.from({ length: count + 1 }, (_, i) => lo + ((hi - lo) * i) / count);
}

const short = (value: number): string => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3).replace(/\.?0+$/, ''));

/** One metric over rounds, a line per site (and the global model), with a legend and the numbers as a table. */
export function LineChart({ title, series, xLabel = 'round' }: { title: string; series: Series[]; xLabel?: string }) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return null;
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y0 === y1) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const x = (v: number) => PAD.left + ((v - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const rounds = [...new Set(xs)].sort((a, b) => a - b);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title} by ${xLabel}, ${series.length} lines`}>
        {ticks(y0, y1, 4).map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} class="grid" />
            <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end" class="tick">
              {short(t)}
            </text>
          </g>
        ))}
        {rounds.map((r) => (
          <text key={r} x={x(r)} y={H - PAD.bottom + 16} text-anchor="middle" class="tick">
            {r}
          </text>
        ))}
        <text x={(W + PAD.left) / 2} y={H - 2} text-anchor="middle" class="tick">
          {xLabel}
        </text>
        {series.map((s, i) => (
          <g key={s.name}>
            <polyline fill="none" stroke={PALETTE[i % PALETTE.length]} stroke-width="2" points={s.points.map(([a, b]) => `${x(a)},${y(b)}`).join(' ')} />
            {s.points.map(([a, b]) => (
              <circle key={a} cx={x(a)} cy={y(b)} r="3" fill={PALETTE[i % PALETTE.length]} />
            ))}
          </g>
        ))}
      </svg>
      <ul class="legend">
        {series.map((s, i) => (
          <li key={s.name}>
            <span class="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
            {s.name}
          </li>
        ))}
      </ul>
      <details>
        <summary>Numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th scope="col" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r}>
                <th scope="row">{r}</th>
                {series.map((s) => (
                  <td key={s.name}>{s.points.find((p) => p[0] === r)?.[1].toFixed(4) ?? '–'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** From pale to dark orange as `t` goes from 0 to 1. */
function shadeOf(t: number): [number, number, number] {
  const [light, dark] = [
    [254, 230, 206],
    [166, 54, 3],
  ] as const;
  return [0, 1, 2].map((k) => Math.round(light[k]! + (dark[k]! - light[k]!) * t)) as [number, number, number];
}

/** WCAG relative luminance of an sRGB colour. */
function luminance(rgb: [number, number, number]): number {
  const [r, g, b] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever contrasts more with the background: one of them always reaches 4.5:1. */
function textOn(background: [number, number, number]): string {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

/** Values in [0, 1] as a grid of shaded cells (darker is further from the pooled data), each cell labelled with its number. */
export function HeatMap({ title, rows, columns, values }: { title: string; rows: string[]; columns: string[]; values: (number | null)[][] }) {
  const max = Math.max(0.0001, ...values.flat().filter((v): v is number => v !== null));
  return (
    <table class="heatmap">
      <caption>{title}</caption>
      <TableHead columns={['site', ...columns]} />
      <tbody>
        {rows.map((row, i) => (
          <tr key={row}>
            <th scope="row">{row}</th>
            {columns.map((c, j) => {
              const v = values[i]?.[j] ?? null;
              const background = v === null ? null : shadeOf(v / max);
              return (
                <td
                  key={c}
                  style={{ background: background ? `rgb(${background.join(', ')})` : 'transparent', color: background ? textOn(background) : '#111' }}
                >
                  {v === null ? '–' : v.toFixed(3)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Counts by category as horizontal bars (a site's label or vendor histogram). */
export function Bars({ title, counts }: { title: string; counts: Record<string, number | null> }) {
  const entries = Object.entries(counts);
  const max = Math.max(1, ...entries.map(([, v]) => v ?? 0));
  return (
    <figure class="bars">
      <figcaption>{title}</figcaption>
      <dl>
        {entries.map(([key, value]) => (
          <div key={key} class="bar-row">
            <dt>{key}</dt>
            <dd>
              <span class="bar" style={{ width: `${((value ?? 0) / max) * 100}%` }} aria-hidden="true" />
              {value === null ? 'fewer than k' : value}
            </dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}

/** A histogram over ordered bins (intensity from dark to bright) as columns, with its counts as a table. */
export function Histogram({ title, counts }: { title: string; counts: (number | null)[] }) {
  const [w, h, gap] = [320, 90, 1];
  const max = Math.max(1, ...counts.map((c) => c ?? 0));
  const bar = w / Math.max(1, counts.length);
  return (
    <figure class="histogram">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${w} ${h + 14}`} role="img" aria-label={`${title}: ${counts.length} bins from dark to bright`}>
        {counts.map((c, i) => {
          const height = ((c ?? 0) / max) * h;
          return <rect key={i} x={i * bar + gap / 2} y={h - height} width={bar - gap} height={height} fill={c === null ? '#bbb' : PALETTE[0]} />;
        })}
        <text x={0} y={h + 12} class="tick">
          dark
        </text>
        <text x={w} y={h + 12} text-anchor="end" class="tick">
          bright
        </text>
      </svg>
      <details>
        <summary>Numbers</summary>
        <p>{counts.map((c) => (c === null ? '<k' : String(c))).join(' · ')}</p>
      </details>
    </figure>
  );
}
