// Persona-set versions: history with status and data snapshot, review and publish, diffs between versions, and a build with live progress.
import { useEffect, useState } from 'react';
import { ApiFailure, getJson, postJson, useApi } from '../api.js';
import type { BuildJob, Meta, VersionDiff, VersionSummary } from '../api-types.js';
import { YourName, useYourName } from '../components/your-name.js';
import { DiffView } from '../components/version-diff.js';
import { Await, ErrorBox, StatusBadge } from '../components/status.js';
import { day, int } from '../format.js';
import { Link } from '../router.js';

function BuildPanel({ onBuilt }: { onBuilt: () => void }) {
  const [job, setJob] = useState<BuildJob | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const t = setTimeout(() => {
      getJson<BuildJob>(`/api/builds/${job.id}`).then(
        (j) => {
          setJob(j);
          if (j.state === 'done') onBuilt();
        },
        (e: unknown) => setError(e instanceof ApiFailure ? e : null),
      );
    }, 700);
    return () => clearTimeout(t);
  }, [job, onBuilt]);
  const start = (): void => {
    setError(null);
    postJson<BuildJob>('/api/builds', {}).then(setJob, (e: unknown) => setError(e instanceof ApiFailure ? e : new ApiFailure(String(e), 0, 'network', undefined)));
  };
  return (
    <section aria-labelledby="build" className="panel">
      <h2 id="build">Build a new version</h2>
      <p>Runs features → segments → personas → journey maps on the current data and saves a new draft version. Pages keep working from the last version meanwhile.</p>
      <button type="button" onClick={start} disabled={job?.state === 'running'}>
        {job?.state === 'running' ? 'Building…' : 'Start a build'}
      </button>
      {job ? (
        <div className="build-progress" aria-live="polite">
          <progress max={job.total} value={job.done} aria-label="Build progress">
            {job.done}/{job.total}
          </progress>{' '}
          {job.state === 'running' ? `Step ${job.done}/${job.total}: ${job.step}` : null}
          {job.state === 'done' ? (
            <span>
              Built version {job.version}. <Link href={`/?version=${job.version ?? ''}`}>See its personas</Link>
            </span>
          ) : null}
          {job.state === 'failed' ? <span className="error-text">Build failed: {job.error}</span> : null}
        </div>
      ) : null}
      {error ? <ErrorBox error={error} title="Could not start the build" /> : null}
    </section>
  );
}

const ACTIONS: Record<string, ('submit' | 'approve' | 'reject' | 'publish' | 'archive')[]> = {
  draft: ['submit', 'approve', 'reject'],
  in_review: ['approve', 'reject'],
  approved: ['publish', 'reject'],
  rejected: ['submit'],
  published: ['archive'],
  archived: [],
};

const ACTION_LABEL: Record<string, string> = { submit: 'Send for review', approve: 'Approve', reject: 'Reject', publish: 'Publish', archive: 'Archive' };

function Review({ versions, onDone }: { versions: VersionSummary[]; onDone: () => void }) {
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
  const live = [...versions].reverse().filter((v) => (ACTIONS[v.status] ?? []).length > 0);
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
            {(ACTIONS[v.status] ?? []).map((a) => (
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

function Diff({ versions }: { versions: VersionSummary[] }) {
  const latest = versions[versions.length - 1]?.version ?? 1;
  const published = versions.filter((v) => v.status === 'published' && v.version !== latest).pop()?.version;
  const [from, setFrom] = useState<number>(published ?? Math.max(1, latest - 1));
  const [to, setTo] = useState<number>(latest);
  const [diff] = useApi<VersionDiff>(versions.length > 1 && from !== to ? `/api/diff?from=${from}&to=${to}` : null);
  if (versions.length < 2) return null;
  const pick = (id: string, value: number, set: (n: number) => void, text: string) => (
    <label htmlFor={id} className="inline-field">
      {text}{' '}
      <select id={id} value={value} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version} ({v.status.replace('_', ' ')})
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="panel" aria-labelledby="diff-h">
      <h2 id="diff-h">Compare versions</h2>
      <div className="button-row">
        {pick('diff-from', from, setFrom, 'From')}
        {pick('diff-to', to, setTo, 'to')}
      </div>
      {from === to ? <p className="muted">Pick two different versions.</p> : <Await loaded={diff} what="the diff">{(d) => <DiffView d={d} />}</Await>}
    </section>
  );
}

export function VersionsPage({ meta }: { meta: Meta | null }) {
  const [list, reload] = useApi<{ versions: VersionSummary[] }>('/api/versions');
  return (
    <>
      <h1>Versions</h1>
      <Await loaded={list} what="the versions">
        {(d) => (
          <>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Persona-set versions">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Status</th>
                    <th scope="col">Built</th>
                    <th scope="col">Data as of</th>
                    <th scope="col" className="num">
                      Customers
                    </th>
                    <th scope="col" className="num">
                      Personas
                    </th>
                    <th scope="col">Last step</th>
                    <th scope="col" className="num">
                      Open requests
                    </th>
                    <th scope="col">Checksum</th>
                  </tr>
                </thead>
                <tbody>
                  {[...d.versions].reverse().map((v) => (
                    <tr key={v.version} data-version={v.version}>
                      <th scope="row">
                        <Link href={`/?version=${v.version}`}>{v.version}</Link>
                      </th>
                      <td>
                        <StatusBadge status={v.status} />
                      </td>
                      <td>{day(v.created_at)}</td>
                      <td>{day(v.data_as_of)}</td>
                      <td className="num">{int(v.customers)}</td>
                      <td className="num">{v.personas}</td>
                      <td>{v.last_action ? `${v.last_action.action} by ${v.last_action.actor}, ${day(v.last_action.at)}` : '—'}</td>
                      <td className="num">{v.open_requests}</td>
                      <td className="mono">{v.checksum}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {meta?.features.review ? <Review versions={d.versions} onDone={reload} /> : null}
            {meta?.features.diff ? <Diff versions={d.versions} /> : null}
          </>
        )}
      </Await>
      {meta ? <BuildPanel onBuilt={reload} /> : null}
    </>
  );
}
