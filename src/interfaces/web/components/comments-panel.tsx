// Comments and change requests on a persona: the list (open requests first, manual edits marked as such), a form to add one, and accept / decline for open requests.
import { useState, type FormEvent } from 'react';
import { ApiFailure, postJson, type Loaded } from '../api.js';
import type { Annotations, CommentRecord } from '../api-types.js';
import { FIELD_LABELS } from '../../../analysis/personas/persona-types.js';
import { Await, ErrorBox } from './status.js';
import { YourName, useYourName } from './your-name.js';
import { useReadOnly, useSession } from '../session.js';
import { day } from '../format.js';

const fieldLabel = (f: string): string => (f === 'name' ? 'Name' : f === 'summary' ? 'Summary' : (FIELD_LABELS[f] ?? f.replace(/_/g, ' ')));

function Resolve({ c, by, onDone }: { c: CommentRecord; by: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [edit, setEdit] = useState(c.proposal ?? c.text);
  const [error, setError] = useState<ApiFailure | null>(null);
  const send = (accept: boolean): void => {
    setError(null);
    postJson(`/api/comments/${c.comment_id}/resolve`, accept ? { accept, by, edit } : { accept, by, reason }).then(onDone, (e: unknown) =>
      setError(e instanceof ApiFailure ? e : new ApiFailure(String(e), 0, 'network', undefined)),
    );
  };
  return (
    <div className="resolve">
      <div className="form-row">
        <label htmlFor={`edit-${c.comment_id}`}>Text that goes in if accepted</label>
        <input id={`edit-${c.comment_id}`} value={edit} onChange={(e) => setEdit(e.target.value)} />
      </div>
      <div className="form-row">
        <label htmlFor={`reason-${c.comment_id}`}>Reason if declined</label>
        <input id={`reason-${c.comment_id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="button" onClick={() => send(true)} disabled={!by.trim()}>
          Accept #{c.comment_id}
        </button>
        <button type="button" className="secondary" onClick={() => send(false)} disabled={!by.trim() || !reason.trim()}>
          Decline #{c.comment_id}
        </button>
      </div>
      {error ? <ErrorBox error={error} title="Could not resolve" /> : null}
    </div>
  );
}

function Item({ c, by, onChange }: { c: CommentRecord & { via?: string }; by: string; onChange: () => void }) {
  const open = c.kind === 'request' && c.status === 'open';
  // resolving puts an edit on the persona: approvers and admins only when signed in
  const role = useSession()?.role;
  const mayResolve = role === undefined || role === null || role === 'approver' || role === 'admin';
  return (
    <li className={`comment comment-${c.kind}${open ? ' comment-open' : ''}`} data-comment={c.comment_id}>
      <p className="comment-head">
        <strong>{c.kind === 'request' ? `Change request #${c.comment_id}` : `Comment #${c.comment_id}`}</strong> on {fieldLabel(c.field)} · {c.author}, {day(c.created_at)}
        {c.status ? <span className={`badge request-${c.status}`}>{c.status}</span> : null}
        {c.via ? <span className="muted"> · from {c.via}</span> : null}
      </p>
      <p className="comment-text">{c.text}</p>
      {c.proposal ? <p className="muted">Proposed: {c.proposal}</p> : null}
      {c.resolution ? (
        <p className="muted">
          {c.status === 'accepted' ? 'Went in' : 'Declined'} by {c.resolved_by}: {c.resolution}
        </p>
      ) : null}
      {open && !c.via && mayResolve ? <Resolve c={c} by={by} onDone={onChange} /> : null}
    </li>
  );
}

export const commentsPath = (personaId: string, version: number): string => `/api/personas/${encodeURIComponent(personaId)}/comments?version=${version}`;

/** `notes` and `reload` come from the page, which also shows the manual edits beside the evidence. */
export function CommentsPanel({ personaId, version, notes, reload }: { personaId: string; version: number; notes: Loaded<Annotations>; reload: () => void }) {
  const path = commentsPath(personaId, version);
  const [by, setBy] = useYourName();
  const readOnly = useReadOnly();
  const [field, setField] = useState('pain_points');
  const [text, setText] = useState('');
  const [request, setRequest] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setError(null);
    setSent(null);
    postJson<CommentRecord>(path, { field, text, author: by, request }).then(
      (c) => {
        setText('');
        setSent(`${c.kind === 'request' ? 'Change request' : 'Comment'} #${c.comment_id} added.`);
        reload();
      },
      (err: unknown) => setError(err instanceof ApiFailure ? err : new ApiFailure(String(err), 0, 'network', undefined)),
    );
  };
  return (
    <section className="panel comments" aria-labelledby="comments-h">
      <h2 id="comments-h">Comments and change requests</h2>
      <Await loaded={notes} what="comments">
        {(a) => {
          const all = [...a.comments, ...a.carried_requests].sort((x, y) => Number(y.status === 'open') - Number(x.status === 'open') || x.comment_id - y.comment_id);
          const edits = [...a.edits, ...a.carried_edits];
          return (
            <>
              {edits.length ? (
                <p className="muted edits-note">
                  {edits.length} manual edit{edits.length === 1 ? '' : 's'} in force ({[...new Set(edits.map((e) => fieldLabel(e.field)))].join(', ')}), shown beside the evidence and marked as not computed from data.
                </p>
              ) : null}
              {all.length ? (
                <ul className="comment-list">
                  {all.map((c) => (
                    <Item key={c.comment_id} c={c} by={by} onChange={reload} />
                  ))}
                </ul>
              ) : (
                <p className="muted">No comments yet.</p>
              )}
              {readOnly ? (
                <p className="muted">Signed in as a viewer: comments are read-only.</p>
              ) : (
                <form className="comment-form" onSubmit={submit}>
                  <h3>Add a comment</h3>
                  <YourName name={by} onChange={setBy} id="comment-name" />
                  <div className="form-row">
                    <label htmlFor="comment-field">Field</label>
                    <select id="comment-field" value={field} onChange={(e) => setField(e.target.value)}>
                      {a.fields.map((f) => (
                        <option key={f} value={f}>
                          {fieldLabel(f)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="form-row">
                    <label htmlFor="comment-text">Comment</label>
                    <textarea id="comment-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} required maxLength={4000} />
                  </div>
                  <div className="form-row checkbox">
                    <input id="comment-request" type="checkbox" checked={request} onChange={(e) => setRequest(e.target.checked)} />
                    <label htmlFor="comment-request">This is a change request (stays open until accepted or declined)</label>
                  </div>
                  <button type="submit" disabled={!by.trim() || !text.trim()}>
                    {request ? 'Request the change' : 'Add the comment'}
                  </button>
                  <p role="status" className="muted">
                    {sent}
                  </p>
                  {error ? <ErrorBox error={error} title="Could not add it" /> : null}
                </form>
              )}
            </>
          );
        }}
      </Await>
    </section>
  );
}
