// Journey maps: the list (per persona and all customers) and one map with its grid, funnel, Sankey of real paths, attribution and nurturing scenario.
import { useApi } from '../api.js';
import type { JourneyHead, JourneyList, JourneyMap, Scenario } from '../api-types.js';
import { JourneyGrid } from '../components/journey-grid.js';
import { AttributionChart, FunnelChart, PathsSankey } from '../components/journey-charts.js';
import { ScenarioView } from '../components/scenario-view.js';
import { Await, StatusBadge } from '../components/status.js';
import { day, int, pct } from '../format.js';
import { Link, navigate, useLocation, usePrintMode } from '../router.js';

const withVersion = (path: string, version: string | null): string => (version ? `${path}${path.includes('?') ? '&' : '?'}version=${encodeURIComponent(version)}` : path);

export function JourneysPage() {
  const { query } = useLocation();
  const version = query.get('version');
  const [list] = useApi<JourneyList>(withVersion('/api/journeys', version));
  return (
    <>
      <h1>Journey maps</h1>
      <Await loaded={list} what="the journey maps">
        {(l) => (
          <>
            <p className="page-meta">
              Version {l.version} <StatusBadge status={l.status} /> · data as of {day(l.as_of)} · journeys followed for {l.window_days} days
            </p>
            <ul className="journey-list">
              {l.maps.map((m) => (
                <li key={m.group}>
                  <Link href={withVersion(`/journeys/${encodeURIComponent(m.group)}`, version)}>{m.name}</Link> <span className="muted">· {int(m.customers)} customers</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Await>
    </>
  );
}

export function JourneyPage({ group }: { group: string }) {
  const { query } = useLocation();
  const print = usePrintMode();
  const version = query.get('version');
  const base = `/api/journeys/${encodeURIComponent(group)}`;
  const [doc] = useApi<JourneyHead & { map: JourneyMap }>(withVersion(base, version));
  const [scenario] = useApi<JourneyHead & { scenario: Scenario }>(withVersion(`${base}/scenario`, version));
  const [list] = useApi<JourneyList>(withVersion('/api/journeys', version));
  return (
    <Await loaded={doc} what={`the journey map of ${group}`}>
      {(d) => (
        <article className="journey" data-group={d.group}>
          {print ? null : (
            <nav aria-label="Breadcrumb" className="breadcrumb">
              <Link href={withVersion('/journeys', version)}>Journey maps</Link> › <span aria-current="page">{d.name}</span>
            </nav>
          )}
          <header className="journey-header">
            <h1>Journey map · {d.name}</h1>
            <p className="page-meta">
              <span>
                Version {d.version} <StatusBadge status={d.status} /> · {int(d.map.customers)} customers · followed for {d.window_days} days · data as of {day(d.as_of)}
                {d.map.sample.exact ? '' : ` · sequences from a sample of ${int(d.map.sample.customers)} of ${int(d.map.sample.of)}`}
              </span>
              {list.state === 'ok' && !print ? (
                <label className="version-picker">
                  Map{' '}
                  <select value={d.group} onChange={(e) => navigate(withVersion(`/journeys/${encodeURIComponent(e.target.value)}`, version))}>
                    {list.data.maps.map((m) => (
                      <option key={m.group} value={m.group}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
            </p>
            {d.group !== 'all' && !print ? (
              <p>
                <Link href={withVersion(`/personas/${encodeURIComponent(d.group)}`, version)}>Persona card of {d.name}</Link>
              </p>
            ) : null}
          </header>
          <section aria-labelledby="map-h">
            <h2 id="map-h">Stage by stage</h2>
            <JourneyGrid map={d.map} />
          </section>
          <div className="chart-pair">
            <section aria-labelledby="funnel-h">
              <h2 id="funnel-h">Funnel</h2>
              <FunnelChart map={d.map} />
            </section>
            <section aria-labelledby="attr-h">
              <h2 id="attr-h">Which channels lead to decisions</h2>
              <p className="muted">
                {int(d.map.attribution.conversions)} decisions from {int(d.map.attribution.journeys)} journeys, credited by six models.
              </p>
              <AttributionChart map={d.map} />
            </section>
          </div>
          <section aria-labelledby="paths-h" className="page-break">
            <h2 id="paths-h">Real paths</h2>
            <p className="muted">
              The most common: {d.map.paths[0]?.top.slice(0, 2).map((t) => `${t.steps.join(' › ')} (${pct(t.share)})`).join('; ') || '—'}
            </p>
            <PathsSankey map={d.map} />
          </section>
          <section aria-labelledby="scenario-h" className="page-break">
            <h2 id="scenario-h">Nurturing scenario</h2>
            <Await loaded={scenario} what="the scenario">
              {(s) => <ScenarioView s={s.scenario} icsHref={withVersion(`${base}/scenario.ics`, version)} />}
            </Await>
          </section>
          {scenario.state === 'ok' ? <span data-ready="journey" hidden /> : null}
        </article>
      )}
    </Await>
  );
}
