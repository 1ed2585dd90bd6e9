import './style.css';

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { ApiError, errorText, getJson, type Role, type Session, setToken } from './api.js';
import { AuditPage } from './pages/audit.js';
import { LineagePage } from './pages/lineage.js';
import { RunPage } from './pages/run.js';
import { RunsPage } from './pages/runs.js';
import { SitesPage } from './pages/sites.js';
import { TokensPage } from './pages/tokens.js';

/** The pages each role may open, in menu order; the coordinator enforces the same roles on every request. */
const PAGES: Record<Role, { hash: string; label: string }[]> = {
  researcher: [{ hash: '#/runs', label: 'Runs' }],
  auditor: [
    { hash: '#/audit', label: 'Audit trail' },
    { hash: '#/lineage', label: 'Model lineage' },
  ],
  admin: [
    { hash: '#/sites', label: 'Sites' },
    { hash: '#/tokens', label: 'API tokens' },
  ],
  monitor: [],
};

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

function SignIn({ onSession }: { onSession: (session: Session) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setToken(value.trim());
    try {
      onSession(await getJson<Session>('/api/session'));
    } catch (e) {
      setToken(null);
      setError(e instanceof ApiError && e.status === 401 ? 'That token is not known, or it was revoked or has expired.' : errorText(e));
    }
  };
  return (
    <main class="signin">
      <h1>Consilium</h1>
      <form onSubmit={submit}>
        <label for="token">API token</label>
        <input
          id="token"
          type="password"
          autocomplete="off"
          value={value}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          aria-describedby="token-help"
          required
        />
        <p id="token-help" class="help">
          A token from <code>consilium token create</code>. It is kept in this page's memory only: reloading signs you out.
        </p>
        <button type="submit">Sign in</button>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

function Page({ session, hash }: { session: Session; hash: string }) {
  const allowed = PAGES[session.role];
  const [path, ...rest] = hash.replace(/^#\//, '').split('/');
  const id = rest.join('/') || null;
  const may = (page: string) => allowed.some((p) => p.hash === `#/${page}`);
  if (path === 'runs' && may('runs')) return id ? <RunPage id={id} /> : <RunsPage />;
  if (path === 'audit' && may('audit')) return <AuditPage />;
  if (path === 'lineage' && may('lineage')) return <LineagePage id={id} />;
  if (path === 'sites' && may('sites')) return <SitesPage />;
  if (path === 'tokens' && may('tokens')) return <TokensPage />;
  if (allowed.length === 0) return <p>The {session.role} role has no pages here; it reads /metrics.</p>;
  location.hash = allowed[0]!.hash;
  return null;
}

function App() {
  const [session, setSession] = useState<Session | null>(null);
  const hash = useHash();
  if (!session) return <SignIn onSession={setSession} />;
  const signOut = () => {
    setToken(null);
    setSession(null);
  };
  return (
    <>
      <header>
        <span class="brand">Consilium</span>
        <nav aria-label="Pages">
          <ul>
            {PAGES[session.role].map((p) => (
              <li key={p.hash}>
                <a href={p.hash} aria-current={hash.startsWith(p.hash) ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {session.name} ({session.role})
        </span>
        <button type="button" class="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        <Page session={session} hash={hash} />
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
