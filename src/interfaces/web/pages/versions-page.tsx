// Persona-set versions: history with status and data snapshot, review and publish, diffs between versions, and a build with live progress.
import { useApi } from '../api.js';
import type { Meta, VersionSummary } from '../api-types.js';
import { BuildPanel } from '../components/build-panel.js';
import { ReviewPanel } from '../components/review-panel.js';
import { DiffPanel } from '../components/diff-panel.js';
import { Await, StatusBadge } from '../components/status.js';
import { day, int } from '../format.js';
import { Link } from '../router.js';

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
            {meta?.features.review ? <ReviewPanel versions={d.versions} onDone={reload} /> : null}
            {meta?.features.diff ? <DiffPanel versions={d.versions} /> : null}
          </>
        )}
      </Await>
      {meta ? <BuildPanel onBuilt={reload} /> : null}
    </>
  );
}
