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
    throw new ApiFailure(e?.message ?? `request failed (${res.status})`, res.status, e?.code ?? 'error', e?.field);
  }
  return body as T;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return parse<T>(await fetch(path, { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) }));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) }));
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
