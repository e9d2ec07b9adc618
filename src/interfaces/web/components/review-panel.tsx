// Review and publish: the workflow actions each version's status allows (submit, approve, reject, publish, archive), done under your name.
import { useState } from 'react';
import { ApiFailure, postJson } from '../api.js';
import type { VersionSummary } from '../api-types.js';
import { YourName, useYourName } from './your-name.js';
import { ErrorBox, StatusBadge } from './status.js';
import { useSession } from '../session.js';

const ACTIONS: Record<string, ('submit' | 'approve' | 'reject' | 'publish' | 'archive')[]> = {
  draft: ['submit', 'approve', 'reject'],
  in_review: ['approve', 'reject'],
  approved: ['publish', 'reject'],
  rejected: ['submit'],
  published: ['archive'],
  archived: [],
};

const ACTION_LABEL: Record<string, string> = { submit: 'Send for review', approve: 'Approve', reject: 'Reject', publish: 'Publish', archive: 'Archive' };

export function ReviewPanel({ versions, onDone }: { versions: VersionSummary[]; onDone: () => void }) {
  const [by, setBy] = useYourName();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const act = (version: number, action: string): void => {
    setError(null);
    setDone(null);
    postJson<{ from: string; to: string; archived: number[] }>(`/api/versions/${version}/review`, { action, by, ...(comment.trim() ? { comment } : {}) }).then(
      (t) => {
        setDone(`Version ${version}: ${t.from.replace('_', ' ')} → ${t.to.replace('_', ' ')}${t.archived.length ? ` (archived version ${t.archived.join(', ')})` : ''}`);
        setComment('');
        onDone();
      },
      (e: unknown) => setError(e instanceof ApiFailure ? e : new ApiFailure(String(e), 0, 'network', undefined)),
    );
  };
  // signed in as an editor: only sending for review; deciding is an approver's (the server checks either way)
  const role = useSession()?.role;
  const allowed = (status: string) => (ACTIONS[status] ?? []).filter((a) => role !== 'editor' || a === 'submit');
  const live = [...versions].reverse().filter((v) => allowed(v.status).length > 0);
  return (
    <section className="panel" aria-labelledby="review-h">
      <h2 id="review-h">Review and publish</h2>
      <p className="muted">Draft → in review → approved → published; publishing archives the version published before. Every step goes into the audit log.</p>
      <YourName name={by} onChange={setBy} id="review-name" />
      <div className="form-row">
        <label htmlFor="review-comment">Note (optional)</label>
        <input id="review-comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
      </div>
      <ul className="review-list">
        {live.map((v) => (
          <li key={v.version}>
            Version {v.version} <StatusBadge status={v.status} />{' '}
            {allowed(v.status).map((a) => (
              <button key={a} type="button" className={a === 'reject' || a === 'archive' ? 'secondary' : undefined} disabled={!by.trim()} onClick={() => act(v.version, a)} data-action={a}>
                {ACTION_LABEL[a]} {v.version}
              </button>
            ))}
          </li>
        ))}
      </ul>
      {!by.trim() ? <p className="hint">Enter your name to review.</p> : null}
      <p role="status" aria-live="polite">
        {done}
      </p>
      {error ? <ErrorBox error={error} title="Could not do that" /> : null}
    </section>
  );
}
