// Sign-in: an API token (from `archetype token create`) exchanged for a session cookie; the token itself is never kept by the page.
import { useState, type FormEvent } from 'react';
import { ApiFailure, postJson } from '../api.js';
import type { SessionInfo } from '../api-types.js';

export function LoginPage({ onSignedIn }: { onSignedIn: (s: SessionInfo) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    postJson<SessionInfo>('/api/session', { token: token.trim() }).then(
      (s) => {
        setToken('');
        onSignedIn(s);
      },
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof ApiFailure ? err.message : String(err));
      },
    );
  };
  return (
    <>
      <h1>Sign in</h1>
      <p>This workspace needs an API token. Ask an admin for one (<code>archetype token create --role viewer --name you</code>) and paste it here.</p>
      <form className="login-form" onSubmit={submit}>
        <label htmlFor="login-token">API token</label>
        <input id="login-token" type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} required />
        <button type="submit" disabled={busy || token.trim() === ''}>
          Sign in
        </button>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
      </form>
    </>
  );
}
