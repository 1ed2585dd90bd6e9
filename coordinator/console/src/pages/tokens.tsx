import { useState } from 'preact/hooks';

import { deleteJson, errorText, getJson, postJson, type Role } from '../api.js';
import { usePolling } from '../polling.js';

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
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('researcher');
  const [message, setMessage] = useState<string | null>(null);
  const load = async () => {
    try {
      setTokens((await getJson<{ tokens: Token[] }>('/api/tokens')).tokens);
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  usePolling(load, 10000);
  document.title = 'API tokens · Consilium';
  const act = async (work: () => Promise<string>) => {
    try {
      setMessage(await work());
      await load();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
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
      {tokens && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
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
