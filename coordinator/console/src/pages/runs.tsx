import { useEffect, useState } from 'preact/hooks';

import { errorText, getJson } from '../api.js';
import { usePolling } from '../polling.js';

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
  const [runs, setRuns] = useState<RunRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePolling(async () => {
    try {
      setRuns((await getJson<{ runs: RunRow[] }>('/api/runs')).runs);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, 3000);
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
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Created</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
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
