import { useState } from 'preact/hooks';

import { getJson, postJson } from '../api.js';
import { useAction, useResource } from '../polling.js';
import { TableHead } from '../table-head.js';

interface Site {
  id: string;
  name: string;
  online: boolean;
  lastSeenAt: string | null;
  agentVersion: string | null;
  backend: { name: string; device: string } | null;
  dataset: { kind?: string; trainSamples?: number | null; validationSamples?: number | null; classes?: string[] } | null;
  revokedAt: string | null;
  certificate: { serial: string; notAfter: string; daysLeft: number } | null;
}

/** For hospital IT and the federation's admins: every site's state, enrolment tokens and revocation. */
export function SitesPage() {
  const { data: sites, error, reload } = useResource(async () => (await getJson<{ sites: Site[] }>('/api/sites')).sites, 5000);
  const { message, act } = useAction(reload);
  const [newSite, setNewSite] = useState('');
  document.title = 'Sites · Consilium';
  return (
    <section>
      <h1>Sites</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await postJson('/api/sites', { id: newSite.trim() });
            setNewSite('');
            return `Site ${newSite.trim()} registered; give it an enrolment token.`;
          });
        }}
      >
        <div>
          <label for="site-id">New site id</label>
          <input id="site-id" value={newSite} pattern="[A-Za-z0-9][A-Za-z0-9._-]*" onInput={(e) => setNewSite((e.target as HTMLInputElement).value)} required />
        </div>
        <button type="submit">Register site</button>
      </form>
      <p aria-live="polite" data-testid="site-message" class="message">
        {message}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {sites && (
        <table>
          <TableHead columns={['Site', 'Online', 'Last seen', 'Certificate', 'Agent', 'Training on', 'Data', 'Actions']} />
          <tbody>
            {sites.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.id}</th>
                <td>{s.revokedAt ? 'revoked' : s.online ? 'online' : 'offline'}</td>
                <td>{s.lastSeenAt ? new Date(s.lastSeenAt).toLocaleString() : 'never'}</td>
                <td>
                  {s.certificate ? `until ${s.certificate.notAfter.slice(0, 10)} (${s.certificate.daysLeft} days left)` : 'none'}
                  {s.certificate && s.certificate.daysLeft < 30 && <strong class="warn"> renew soon</strong>}
                </td>
                <td>{s.agentVersion ?? '–'}</td>
                <td>{s.backend ? `${s.backend.name} on ${s.backend.device}` : '–'}</td>
                <td>
                  {s.dataset
                    ? `${s.dataset.kind ?? ''} ${s.dataset.trainSamples ?? '<k'} train / ${s.dataset.validationSamples ?? '<k'} validation${s.dataset.classes ? `; ${s.dataset.classes.join(', ')}` : ''}`
                    : '–'}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      void act(async () => {
                        const t = await postJson<{ token: string; expiresAt: string }>(`/api/sites/${encodeURIComponent(s.id)}/enrolment-tokens`, {});
                        return `Enrolment token for ${s.id} (shown once, valid until ${t.expiresAt}): ${t.token}`;
                      })
                    }
                  >
                    Enrolment token
                  </button>{' '}
                  <button
                    type="button"
                    class="danger"
                    disabled={s.revokedAt !== null}
                    onClick={() => {
                      if (confirm(`Revoke every certificate of ${s.id} and close its connection?`))
                        void act(async () => {
                          const r = await postJson<{ certificates: number }>(`/api/sites/${encodeURIComponent(s.id)}/revoke`, {});
                          return `${s.id} revoked (${r.certificates} certificates).`;
                        });
                    }}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
