// A build started from the page: POST /api/builds, then the job's step and progress polled until it is done or failed.
import { useEffect, useState } from 'react';
import { ApiFailure, getJson, postJson } from '../api.js';
import type { BuildJob } from '../api-types.js';
import { ErrorBox } from './status.js';
import { Link } from '../router.js';

export function BuildPanel({ onBuilt }: { onBuilt: () => void }) {
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
