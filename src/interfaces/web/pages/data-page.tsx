// The workspace's data: entities with row counts, files, date ranges and quarantined rows, and the quarantine itself with reasons.
import { useApi } from '../api.js';
import type { QuarantinedRow, WorkspaceStatus } from '../api-types.js';
import { Await } from '../components/status.js';
import { day, int } from '../format.js';
import { Link, navigate, useLocation } from '../router.js';

const PAGE = 50;

function Quarantine({ entity, offset }: { entity: string | null; offset: number }) {
  const params = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  if (entity) params.set('entity', entity);
  const [q] = useApi<{ total: number; rows: QuarantinedRow[] }>(`/api/quarantine?${params.toString()}`);
  const go = (e: string | null, o: number): void => {
    const p = new URLSearchParams();
    if (e) p.set('entity', e);
    if (o) p.set('offset', String(o));
    const s = p.toString();
    navigate(`/data${s ? `?${s}` : ''}`, { replace: true });
  };
  return (
    <Await loaded={q} what="the quarantine">
      {(d) =>
        d.total === 0 ? (
          <p>No quarantined rows{entity ? ` for ${entity}` : ''}: every row passed the data contract.</p>
        ) : (
          <>
            <p aria-live="polite">
              {int(d.total)} quarantined row{d.total === 1 ? '' : 's'}
              {entity ? ` for ${entity}` : ''}; showing {offset + 1}–{Math.min(d.total, offset + d.rows.length)}.
            </p>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Quarantined rows">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Entity</th>
                    <th scope="col">File</th>
                    <th scope="col">Line</th>
                    <th scope="col">Column</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Raw row</th>
                  </tr>
                </thead>
                <tbody>
                  {d.rows.map((r) => (
                    <tr key={`${r.file}:${r.line}:${r.code}:${r.column ?? ''}`}>
                      <td>{r.entity}</td>
                      <td className="mono">{r.file.split(/[\\/]/).pop()}</td>
                      <td className="num">{r.line}</td>
                      <td>{r.column ?? '—'}</td>
                      <td>{r.message}</td>
                      <td className="mono raw">{r.raw}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="pager">
              <button type="button" disabled={offset === 0} onClick={() => go(entity, Math.max(0, offset - PAGE))}>
                Previous
              </button>
              <button type="button" disabled={offset + PAGE >= d.total} onClick={() => go(entity, offset + PAGE)}>
                Next
              </button>
            </div>
          </>
        )
      }
    </Await>
  );
}

export function DataPage() {
  const { query } = useLocation();
  const entity = query.get('entity');
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  const [status] = useApi<WorkspaceStatus>('/api/status');
  return (
    <>
      <h1>Data</h1>
      <Await loaded={status} what="the workspace status">
        {(s) => (
          <>
            <p className="page-meta">
              Workspace <strong>{s.workspace.name}</strong> ({s.workspace.engine}) · {s.ingests} ingest{s.ingests === 1 ? '' : 's'} · last {day(s.last_ingest)}
            </p>
            <section aria-labelledby="entities">
              <h2 id="entities">Entities</h2>
              <div className="table-scroll" tabIndex={0} role="region" aria-label="Entities">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Entity</th>
                      <th scope="col" className="num">
                        Rows
                      </th>
                      <th scope="col" className="num">
                        Quarantined
                      </th>
                      <th scope="col" className="num">
                        Files
                      </th>
                      <th scope="col">From</th>
                      <th scope="col">To</th>
                      <th scope="col">Last ingest</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.entities.map((e) => (
                      <tr key={e.entity}>
                        <th scope="row">{e.entity}</th>
                        <td className="num">{int(e.rows)}</td>
                        <td className="num">
                          {e.quarantined ? <Link href={`/data?entity=${e.entity}`}>{int(e.quarantined)}</Link> : '0'}
                        </td>
                        <td className="num">{e.files}</td>
                        <td>{day(e.from)}</td>
                        <td>{day(e.to)}</td>
                        <td>{day(e.last_ingest)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section aria-labelledby="quarantine">
              <h2 id="quarantine">Quarantine</h2>
              <label className="inline-field">
                Entity{' '}
                <select value={entity ?? ''} onChange={(e) => navigate(`/data${e.target.value ? `?entity=${e.target.value}` : ''}`, { replace: true })}>
                  <option value="">all</option>
                  {s.entities.map((e) => (
                    <option key={e.entity} value={e.entity}>
                      {e.entity} ({int(e.quarantined)})
                    </option>
                  ))}
                </select>
              </label>
              <Quarantine entity={entity} offset={offset} />
            </section>
          </>
        )}
      </Await>
    </>
  );
}
