import { useState } from 'preact/hooks';

import { download, getJson } from '../api.js';
import { Bars, HeatMap, Histogram, LineChart, type Series } from '../charts.js';
import { useResource } from '../polling.js';
import { TableHead } from '../table-head.js';

type Metrics = Record<string, number>;

interface RunDetails {
  run: {
    id: string;
    name: string;
    status: string;
    completedRounds: number;
    spec: { rounds: number; strategy?: { name?: string } };
    error: string | null;
    exclusions: { siteId: string; reason: string; at: string }[] | null;
  };
  rounds: {
    number: number;
    kind: 'train' | 'evaluate';
    status: string;
    metrics: Metrics | null;
    tasks: {
      siteId: string;
      status: string;
      reason: string | null;
      update: { metrics: Metrics; sampleCount: number } | null;
      progress: { phase: string; fraction: number } | null;
    }[];
  }[];
  consents: { siteId: string; state: string; reason: string | null }[];
  models: { id: string; round: number; sha256: string; bytes: number; evaluation: Metrics | null; createdAt: string }[];
}

interface SiteQuality {
  siteId: string;
  samples: number | null;
  labelDivergence: number | null;
  intensityDivergence: Record<string, number>;
  lesionSizeDivergence?: number | null;
  sliceSpacingDivergence?: number | null;
  vendors: string[];
  agreement: { statistic: string; value: number; interval: [number, number] | null } | null;
  flags: string[];
}

interface DataQuality {
  sites: SiteQuality[];
  exclusions: { siteId: string; reason: string }[];
}

interface LabelMappings {
  classes: string[];
  sites: { siteId: string; shared: boolean; since: string | null; auditSeq: number | null; byClass: Record<string, string[]> }[];
}

interface Profile {
  profile: { labels?: { counts: Record<string, number | null> }; intensity?: Record<string, { histogram: (number | null)[] }> };
}

/** The figures plotted when present, in this order: loss, accuracy, discrimination, overlap. */
const CURVES: [string, string][] = [
  ['val_loss', 'Validation loss'],
  ['val_accuracy', 'Validation accuracy'],
  ['val_auroc_1', 'Validation AUROC'],
  ['val_auroc', 'Validation AUROC'],
  ['val_dice', 'Validation Dice'],
  ['train_loss', 'Training loss'],
  ['val_local_accuracy', 'Validation accuracy after local training'],
];

/**
 * Per metric: one line per site (the figure each site reported with its update in each training round: the
 * model it received, measured on its own validation data) and one for the global model (the sample-weighted
 * evaluation of each version).
 */
function curves(details: RunDetails): { title: string; series: Series[] }[] {
  const charts: { title: string; series: Series[] }[] = [];
  const shown = new Set<string>();
  for (const [key, title] of CURVES) {
    if (shown.has(title)) continue;
    const bySite = new Map<string, [number, number][]>();
    for (const round of details.rounds.filter((r) => r.kind === 'train')) {
      for (const task of round.tasks) {
        const value = task.update?.metrics[key];
        if (value !== undefined) bySite.set(task.siteId, [...(bySite.get(task.siteId) ?? []), [round.number, value]]);
      }
    }
    const global = details.models.filter((m) => m.evaluation?.[key] !== undefined).map((m): [number, number] => [m.round, m.evaluation![key]!]);
    const series = [
      ...[...bySite].sort(([a], [b]) => a.localeCompare(b)).map(([name, points]) => ({ name, points })),
      ...(global.length ? [{ name: 'global model', points: global }] : []),
    ];
    if (series.length === 0) continue;
    shown.add(title);
    charts.push({ title, series });
  }
  return charts;
}

function Consents({ details }: { details: RunDetails }) {
  return (
    <table>
      <caption>Consent per site</caption>
      <TableHead columns={['Site', 'State', 'Reason']} />
      <tbody>
        {details.consents.map((c) => (
          <tr key={c.siteId}>
            <th scope="row">{c.siteId}</th>
            <td>{c.state}</td>
            <td>{c.reason || '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function QualitySection({ runId, live }: { runId: string; live: boolean }) {
  // The comparison, and each compared site's latest profile for its histograms.
  const { data, error } = useResource(
    async () => {
      const quality = await getJson<DataQuality>(`/api/runs/${runId}/data-quality`);
      const entries = await Promise.all(
        quality.sites.map(
          async (s) =>
            [s.siteId, (await getJson<{ profiles: Profile[] }>(`/api/sites/${encodeURIComponent(s.siteId)}/profiles`)).profiles[0]?.profile] as const,
        ),
      );
      return { quality, profiles: Object.fromEntries(entries.filter((e): e is [string, Profile['profile']] => e[1] !== undefined)) };
    },
    15000,
    live,
    runId,
  );
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p>Loading the data-quality comparison…</p>;
  const { quality, profiles } = data;
  const keys = [...new Set(quality.sites.flatMap((s) => Object.keys(s.intensityDivergence)))].sort();
  const columns = ['labels', ...keys.map((k) => `intensity ${k}`)];
  return (
    <section aria-labelledby="quality">
      <h2 id="quality">Data quality across sites</h2>
      <HeatMap
        title="Divergence from the pooled data (Jensen–Shannon; 0 = identical)"
        rows={quality.sites.map((s) => s.siteId)}
        columns={columns}
        values={quality.sites.map((s) => [s.labelDivergence, ...keys.map((k) => s.intensityDivergence[k] ?? null)])}
      />
      <table>
        <caption>Sites compared</caption>
        <TableHead columns={['Site', 'Samples', 'Vendors', 'Reader agreement', 'Flags']} />
        <tbody>
          {quality.sites.map((s) => (
            <tr key={s.siteId}>
              <th scope="row">{s.siteId}</th>
              <td>{s.samples ?? 'fewer than k'}</td>
              <td>{s.vendors.join(', ') || '–'}</td>
              <td>
                {s.agreement
                  ? `${s.agreement.statistic} ${s.agreement.value.toFixed(3)}${s.agreement.interval ? ` (95 % ${s.agreement.interval[0].toFixed(3)} to ${s.agreement.interval[1].toFixed(3)})` : ''}`
                  : '–'}
              </td>
              <td>{s.flags.length ? s.flags.join('; ') : 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="grid">
        {Object.entries(profiles).map(([siteId, profile]) => (
          <div key={siteId}>
            {profile.labels && <Bars title={`${siteId}: labels`} counts={profile.labels.counts} />}
            {Object.entries(profile.intensity ?? {}).map(([key, summary]) => (
              <Histogram key={key} title={`${siteId}: intensity histogram (${key})`} counts={summary.histogram} />
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}

/** Which local label terms each site merged into each class: only sites that share their terms show them. */
function MappingsSection({ runId }: { runId: string }) {
  const { data, error } = useResource(() => getJson<LabelMappings>(`/api/runs/${runId}/label-mappings`), 15000, false, runId);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p>Loading the label mappings…</p>;
  return (
    <section aria-labelledby="mappings">
      <h2 id="mappings">Label mappings</h2>
      <table>
        <caption>Local terms each site merged into each class (sites that share them; audited)</caption>
        <TableHead columns={['Class', ...data.sites.map((s) => s.siteId)]} />
        <tbody>
          {data.classes.map((c) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {data.sites.map((s) => (
                <td key={s.siteId}>{s.shared ? [c, ...(s.byClass[c] ?? [])].join(', ') : 'not shared'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One run for its researcher: progress, consents, exclusions, live curves per site, data quality, label mappings, models. */
export function RunPage({ id }: { id: string }) {
  const [live, setLive] = useState(true);
  const { data: details, error } = useResource(
    async () => {
      const next = await getJson<RunDetails>(`/api/runs/${id}`);
      setLive(['pending', 'running'].includes(next.run.status));
      return next;
    },
    2000,
    live,
    id,
  );
  if (!details)
    return error ? (
      <p role="alert" class="error">
        {error}
      </p>
    ) : (
      <p>Loading…</p>
    );
  const { run } = details;
  document.title = `${run.name} · Consilium`;
  const open = details.rounds.find((r) => r.status === 'collecting');
  return (
    <section>
      <p>
        <a href="#/runs">← Runs</a>
      </p>
      <h1>{run.name}</h1>
      <p class="id">{run.id}</p>
      <p aria-live="polite" data-testid="run-status">
        <span class={`status status-${run.status}`}>{run.status}</span> · {run.completedRounds} of {run.spec.rounds} rounds completed
        {open ? ` · ${open.kind === 'evaluate' ? 'final evaluation' : `round ${open.number}`} collecting` : ''}
        {run.spec.strategy?.name ? ` · ${run.spec.strategy.name}` : ''}
      </p>
      <progress max={Math.max(1, run.spec.rounds)} value={run.completedRounds} aria-label="rounds completed" />
      {run.error && (
        <p role="alert" class="error">
          {run.error}
        </p>
      )}
      {open && (
        <ul class="tasks" aria-label="Sites working on the open round">
          {open.tasks.map((t) => (
            <li key={t.siteId}>
              {t.siteId}: {t.status === 'sent' ? (t.progress ? `${t.progress.phase} ${Math.round(t.progress.fraction * 100)} %` : 'waiting') : t.status}
            </li>
          ))}
        </ul>
      )}
      <div class="grid">
        <Consents details={details} />
        <table>
          <caption>Exclusions</caption>
          <TableHead columns={['Site', 'Reason']} />
          <tbody>
            {(run.exclusions ?? []).length === 0 ? (
              <tr>
                <td colSpan={2}>none</td>
              </tr>
            ) : (
              run.exclusions!.map((e) => (
                <tr key={e.siteId}>
                  <th scope="row">{e.siteId}</th>
                  <td>{e.reason}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <h2>Curves</h2>
      <div class="grid" data-testid="curves">
        {curves(details).map((c) => (
          <LineChart key={c.title} title={c.title} series={c.series} />
        ))}
      </div>
      <QualitySection runId={run.id} live={live} />
      <MappingsSection runId={run.id} />
      <h2>Model versions</h2>
      <table>
        <TableHead columns={['Round', 'Validation accuracy', 'SHA-256', 'Size', 'Download']} />
        <tbody>
          {details.models.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.round}</th>
              <td>{m.evaluation?.['val_accuracy']?.toFixed(3) ?? '–'}</td>
              <td class="id">{m.sha256.slice(0, 16)}…</td>
              <td>{(m.bytes / 1024).toFixed(1)} KiB</td>
              <td>
                <button type="button" class="link" onClick={() => void download(`/api/models/${m.id}/model.json`, `model-round-${m.round}.json`)}>
                  model.json
                </button>{' '}
                <button type="button" class="link" onClick={() => void download(`/api/models/${m.id}/weights.bin`, 'weights.bin')}>
                  weights.bin
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
