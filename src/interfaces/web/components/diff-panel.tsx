// Compare versions: two pickers (default: the published version against the latest) and the diff between them.
import { useState } from 'react';
import { useApi } from '../api.js';
import type { VersionDiff, VersionSummary } from '../api-types.js';
import { DiffView } from './version-diff.js';
import { Await } from './status.js';

export function DiffPanel({ versions }: { versions: VersionSummary[] }) {
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
