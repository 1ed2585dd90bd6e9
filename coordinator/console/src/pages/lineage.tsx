import { useEffect, useState } from 'preact/hooks';

import { download, errorText, getJson } from '../api.js';
import { PALETTE } from '../charts.js';

interface Contributor {
  updateId: string;
  siteId: string;
  sha256: string;
  sampleCount: number;
  datasetFingerprint: string | null;
  round: number;
}

interface Version {
  id: string;
  round: number;
  sha256: string;
  parentId: string | null;
  strategy: string | null;
  contributors: Contributor[];
  excluded: { siteId: string; reason: string }[];
}

interface Lineage {
  model: Version;
  ancestry: Version[];
  run: { id: string; name: string; specSha256: string; rounds: number };
}

interface Node {
  id: string;
  label: string;
  kind: 'dataset' | 'site' | 'update' | 'model';
}

const COLUMNS: Node['kind'][] = ['dataset', 'site', 'update', 'model'];
const COLUMN_TITLES = { dataset: 'Datasets', site: 'Sites', update: 'Updates', model: 'Model versions' };

/** The lineage as a layered graph: datasets → sites → updates → model versions, each version also from its parent. */
function graph(lineage: Lineage): { nodes: Node[]; edges: [string, string][] } {
  const nodes = new Map<string, Node>();
  const edges: [string, string][] = [];
  const add = (node: Node) => nodes.set(node.id, node);
  for (const version of lineage.ancestry) {
    add({ id: `m:${version.id}`, label: `round ${version.round}`, kind: 'model' });
    if (version.parentId) edges.push([`m:${version.parentId}`, `m:${version.id}`]);
    for (const c of version.contributors) {
      add({ id: `s:${c.siteId}`, label: c.siteId, kind: 'site' });
      add({ id: `u:${c.updateId}`, label: `${c.siteId} r${c.round} (${c.sampleCount})`, kind: 'update' });
      edges.push([`s:${c.siteId}`, `u:${c.updateId}`], [`u:${c.updateId}`, `m:${version.id}`]);
      if (c.datasetFingerprint) {
        add({ id: `d:${c.datasetFingerprint}`, label: `${c.datasetFingerprint.slice(0, 10)}…`, kind: 'dataset' });
        edges.push([`d:${c.datasetFingerprint}`, `s:${c.siteId}`]);
      }
    }
  }
  return { nodes: [...nodes.values()], edges: [...new Map(edges.map((e) => [e.join('>'), e])).values()] };
}

function Graph({ lineage }: { lineage: Lineage }) {
  const { nodes, edges } = graph(lineage);
  const columns = COLUMNS.map((kind) => nodes.filter((n) => n.kind === kind));
  const rows = Math.max(1, ...columns.map((c) => c.length));
  const [W, rowH, boxW, boxH] = [880, 30, 170, 22];
  const H = 40 + rows * rowH;
  const position = new Map<string, { x: number; y: number }>();
  columns.forEach((column, i) =>
    column.forEach((node, j) => position.set(node.id, { x: 20 + i * ((W - boxW - 40) / 3), y: 36 + j * rowH * (rows / Math.max(1, column.length)) })),
  );
  return (
    <figure class="lineage">
      <figcaption>
        Lineage of round {lineage.model.round} of run {lineage.run.name}: {nodes.length} nodes, {edges.length} edges
      </figcaption>
      <div class="scroll">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          width={W}
          height={H}
          role="img"
          aria-label={`Lineage graph with ${nodes.length} nodes; the lists below give the same links`}
        >
          {COLUMNS.map((kind, i) => (
            <text key={kind} x={20 + i * ((W - boxW - 40) / 3)} y={18} class="column-title">
              {COLUMN_TITLES[kind]}
            </text>
          ))}
          {edges.map(([from, to]) => {
            const a = position.get(from)!;
            const b = position.get(to)!;
            // A version's parent is in the same column: an arc on its right, so it crosses nothing.
            if (a.x === b.x)
              return (
                <path
                  key={`${from}>${to}`}
                  d={`M ${a.x + boxW} ${a.y + boxH / 2} C ${a.x + boxW + 30} ${a.y + boxH / 2}, ${b.x + boxW + 30} ${b.y + boxH / 2}, ${b.x + boxW} ${b.y + boxH / 2}`}
                  fill="none"
                  class="edge"
                />
              );
            return <line key={`${from}>${to}`} x1={a.x + boxW} y1={a.y + boxH / 2} x2={b.x} y2={b.y + boxH / 2} class="edge" />;
          })}
          {nodes.map((node) => {
            const p = position.get(node.id)!;
            return (
              <g key={node.id}>
                <rect x={p.x} y={p.y} width={boxW} height={boxH} rx="4" fill="#fff" stroke={PALETTE[COLUMNS.indexOf(node.kind)]} stroke-width="2" />
                <text x={p.x + 6} y={p.y + 15} class="node-label">
                  {node.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}

/** For auditors: which data, sites and updates made a model version, as a graph and as lists, and its PROV export. */
export function LineagePage({ id }: { id: string | null }) {
  const [input, setInput] = useState(id ?? '');
  const [lineage, setLineage] = useState<Lineage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'Model lineage · Consilium';
    setLineage(null);
    if (!id) return;
    setInput(id);
    getJson<Lineage>(`/api/models/${encodeURIComponent(id)}/lineage`)
      .then((l) => {
        setLineage(l);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [id]);
  return (
    <section>
      <h1>Model lineage</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          location.hash = `#/lineage/${input.trim()}`;
        }}
      >
        <div>
          <label for="model-id">Model version id</label>
          <input id="model-id" value={input} onInput={(e) => setInput((e.target as HTMLInputElement).value)} required />
        </div>
        <button type="submit">Show lineage</button>
      </form>
      <p class="help">Model version ids are in the audit trail (model.created events link here).</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {lineage && (
        <>
          <button type="button" onClick={() => void download(`/api/models/${lineage.model.id}/lineage?format=prov`, `lineage-${lineage.model.id}.prov.json`)}>
            Export W3C PROV-JSON
          </button>
          <Graph lineage={lineage} />
          <h2>Versions</h2>
          <ol>
            {lineage.ancestry.map((v) => (
              <li key={v.id}>
                round {v.round} ({v.strategy ?? 'initial weights'}), sha256 {v.sha256.slice(0, 16)}…: {v.contributors.length} updates
                {v.contributors.length > 0 && ` from ${[...new Set(v.contributors.map((c) => c.siteId))].join(', ')}`}
                {v.excluded.length > 0 && `; excluded ${v.excluded.map((e) => `${e.siteId} (${e.reason})`).join(', ')}`}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
