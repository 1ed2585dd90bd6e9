import { useEffect } from 'preact/hooks';

import { getJson } from '../api.js';
import { useResource } from '../polling.js';
import { TableHead } from '../table-head.js';

interface RunRow {
  id: string;
  name: string;
  status: string;
  rounds: number;
  completedRounds: number;
  createdAt: string;
  error: string | null;
}

/** The researcher's runs, refreshed every few seconds. */
export function RunsPage() {
  const { data: runs, error } = useResource(async () => (await getJson<{ runs: RunRow[] }>('/api/runs')).runs, 3000);
  useEffect(() => {
    document.title = 'Runs · Consilium';
  }, []);
  return (
    <section>
      <h1>Runs</h1>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {runs === null ? (
        <p>Loading…</p>
      ) : runs.length === 0 ? (
        <p>
          No runs yet. Create one with <code>consilium run create spec.yaml</code>.
        </p>
      ) : (
        <table>
          <TableHead columns={['Run', 'Status', 'Progress', 'Created', 'Error']} />
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>
                  <a href={`#/runs/${run.id}`}>{run.name}</a>
                  <div class="id">{run.id}</div>
                </td>
                <td>
                  <span class={`status status-${run.status}`}>{run.status}</span>
                </td>
                <td>
                  <progress max={Math.max(1, run.rounds)} value={run.completedRounds} aria-label={`${run.completedRounds} of ${run.rounds} rounds`} />{' '}
                  {run.completedRounds}/{run.rounds}
                </td>
                <td>{new Date(run.createdAt).toLocaleString()}</td>
                <td>{run.error ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
