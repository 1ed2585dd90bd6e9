import { useState } from 'preact/hooks';

import { deleteJson, getJson, postJson, type Role } from '../api.js';
import { useAction, useResource } from '../polling.js';
import { TableHead } from '../table-head.js';

interface Token {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const ROLES: Role[] = ['researcher', 'auditor', 'admin', 'monitor'];

/** API tokens: create (the secret is shown once), list, revoke. */
export function TokensPage() {
  const { data: tokens, error, reload } = useResource(async () => (await getJson<{ tokens: Token[] }>('/api/tokens')).tokens, 10000);
  const { message, act } = useAction(reload);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('researcher');
  document.title = 'API tokens · Consilium';
  return (
    <section>
      <h1>API tokens</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const created = await postJson<{ token: string }>('/api/tokens', { name: name.trim(), role });
            setName('');
            return `Token "${name.trim()}" (${role}), shown once: ${created.token}`;
          });
        }}
      >
        <div>
          <label for="token-name">Name</label>
          <input id="token-name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} required />
        </div>
        <div>
          <label for="token-role">Role</label>
          <select id="token-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Create token</button>
      </form>
      <p aria-live="polite" class="message" data-testid="token-message">
        {message}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {tokens && (
        <table>
          <TableHead columns={['Name', 'Role', 'Created', 'Last used', 'State', 'Actions']} />
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <th scope="row">{t.name}</th>
                <td>{t.role}</td>
                <td>
                  {new Date(t.createdAt).toLocaleString()} by {t.createdBy}
                </td>
                <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'}</td>
                <td>{t.revokedAt ? `revoked ${new Date(t.revokedAt).toLocaleString()}` : 'active'}</td>
                <td>
                  <button
                    type="button"
                    class="danger"
                    disabled={t.revokedAt !== null}
                    onClick={() => void act(async () => (await deleteJson(`/api/tokens/${t.id}`), `Token "${t.name}" revoked.`))}
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
