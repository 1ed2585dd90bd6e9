import { useEffect, useState } from 'preact/hooks';

import { errorText, getJson } from '../api.js';
import { TableHead } from '../table-head.js';

interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subjects: Record<string, string>;
  payload: Record<string, unknown>;
  hash: string;
}

type Verdict = { ok: true; events: number; checkpoints?: number } | { ok: false; seq: number; reason: string };

const FILTERS = [
  ['run', 'Run id', 'text'],
  ['site', 'Site id', 'text'],
  ['action', 'Action (e.g. update.accepted)', 'text'],
  ['from', 'From (ISO time)', 'text'],
  ['to', 'To (ISO time)', 'text'],
] as const;
const PAGE = 25;

/** For auditors: the chain, filtered and paged by sequence number; verification on demand. */
export function AuditPage() {
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState<Record<string, string>>({});
  // The `after` of each page seen, so Previous goes back exactly.
  const [pages, setPages] = useState<number[]>([0]);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const after = pages.at(-1)!;

  useEffect(() => {
    document.title = 'Audit trail · Consilium';
    const query = new URLSearchParams({ limit: String(PAGE), ...(after ? { after: String(after) } : {}) });
    for (const [key, value] of Object.entries(applied)) if (value.trim()) query.set(key, value.trim());
    getJson<{ events: AuditEvent[]; next: number | null }>(`/api/audit?${query}`)
      .then((page) => {
        setEvents(page.events);
        setNext(page.next);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [applied, after]);

  const verify = async () => {
    setVerifying(true);
    try {
      const v = await getJson<Verdict>('/api/audit/verify');
      setVerdict(v.ok ? `Chain verified: ${v.events} events, ${v.checkpoints ?? 0} signed checkpoints.` : `Chain BROKEN at event ${v.seq}: ${v.reason}`);
    } catch (e) {
      setVerdict(`Verification failed: ${errorText(e)}`);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <section>
      <h1>Audit trail</h1>
      <div class="toolbar">
        <button type="button" onClick={() => void verify()} disabled={verifying}>
          Verify chain
        </button>
        <p aria-live="polite" data-testid="verdict" class={verdict?.includes('BROKEN') ? 'error' : 'ok'}>
          {verifying ? 'Verifying…' : verdict}
        </p>
      </div>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filters);
          setPages([0]);
        }}
      >
        {FILTERS.map(([key, label, type]) => (
          <div key={key}>
            <label for={`filter-${key}`}>{label}</label>
            <input
              id={`filter-${key}`}
              type={type}
              value={filters[key] ?? ''}
              onInput={(e) => setFilters({ ...filters, [key]: (e.target as HTMLInputElement).value })}
            />
          </div>
        ))}
        <button type="submit">Filter</button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <table>
        <TableHead columns={['#', 'Time', 'Actor', 'Action', 'Subjects', 'Payload']} />
        <tbody>
          {events.map((event) => (
            <tr key={event.seq}>
              <th scope="row">{event.seq}</th>
              <td>{new Date(event.at).toLocaleString()}</td>
              <td>{event.actor}</td>
              <td>{event.action}</td>
              <td>
                {Object.entries(event.subjects).map(([key, value]) => (
                  <div key={key}>
                    {key}: {key === 'modelVersionId' ? <a href={`#/lineage/${value}`}>{value}</a> : value}
                  </div>
                ))}
              </td>
              <td>
                <details>
                  <summary>payload</summary>
                  <pre>{JSON.stringify(event.payload, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Audit pages">
        <button type="button" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>
          Previous
        </button>
        <button type="button" disabled={next === null} onClick={() => setPages([...pages, next!])}>
          Next
        </button>
      </nav>
    </section>
  );
}
