// The web UI's JSON client: typed GET/POST against /api, errors carrying the server's message and field, and a loading hook.
import { useCallback, useEffect, useState } from 'react';

export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly field: string | undefined,
  ) {
    super(message);
  }
}

/** The CSRF value the server set at sign-in (a cookie the page may read); sent back in a header on every state-changing request. */
function csrfToken(): string | null {
  const m = /(?:^|;\s*)archetype_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1] as string) : null;
}

/** A 401 anywhere means the session ended (or never began): the app shows its sign-in form. */
export const SIGN_IN_EVENT = 'archetype:sign-in';

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiFailure(`the server answered ${res.status} with something that is not JSON`, res.status, 'bad-response', undefined);
  }
  if (!res.ok) {
    const e = (body as { error?: { message?: string; code?: string; field?: string } } | null)?.error;
    if (res.status === 401 && e?.code === 'auth/required') window.dispatchEvent(new Event(SIGN_IN_EVENT));
    throw new ApiFailure(e?.message ?? `request failed (${res.status})`, res.status, e?.code ?? 'error', e?.field);
  }
  return body as T;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return parse<T>(await fetch(path, { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) }));
}

function writeHeaders(): Record<string, string> {
  const csrf = csrfToken();
  return { 'content-type': 'application/json', accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) };
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(await fetch(path, { method: 'POST', headers: writeHeaders(), body: JSON.stringify(body) }));
}

export async function deleteJson<T>(path: string): Promise<T> {
  return parse<T>(await fetch(path, { method: 'DELETE', headers: writeHeaders() }));
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: ApiFailure } | { state: 'ok'; data: T };

/** Loads a GET path (null: nothing to load); `reload` fetches again, e.g. after a POST changed it. */
export function useApi<T>(path: string | null): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    setResult((r) => (r.state === 'ok' ? r : { state: 'loading' }));
    getJson<T>(path, ctl.signal).then(
      (data) => setResult({ state: 'ok', data }),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setResult({ state: 'error', error: e instanceof ApiFailure ? e : new ApiFailure(e instanceof Error ? e.message : String(e), 0, 'network', undefined) });
      },
    );
    return () => ctl.abort();
  }, [path, tick]);
  return [result, useCallback(() => setTick((t) => t + 1), [])];
}
