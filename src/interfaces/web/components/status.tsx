// Small shared pieces: loading and error states, version status badges, the negative-persona mark.
import type { ApiFailure, Loaded } from '../api.js';
import { statusLabel } from '../format.js';
import type { ReactNode } from 'react';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error, title = 'Could not load this' }: { error: ApiFailure; title?: string }) {
  return (
    <div className="error-box" role="alert">
      <strong>{title}</strong>
      <p>{error.message}</p>
      {error.status === 503 ? <p>The workspace is busy (a build or an ingest is running). Try again in a few seconds.</p> : null}
    </div>
  );
}

/** Renders a loaded value, or its loading / error state. */
export function Await<T>({ loaded, what, children }: { loaded: Loaded<T>; what: string; children: (data: T) => ReactNode }) {
  if (loaded.state === 'loading') return <Loading what={what} />;
  if (loaded.state === 'error') return <ErrorBox error={loaded.error} title={`Could not load ${what}`} />;
  return <>{children(loaded.data)}</>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{statusLabel(status)}</span>;
}

export function NegativeMark() {
  return (
    <span className="badge badge-negative" title="A negative persona: customers who cost more than they bring">
      Negative
    </span>
  );
}
