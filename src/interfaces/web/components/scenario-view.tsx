// The nurturing scenario: per stage what to send on which channel (by observed lift), when and how often, and the content plan.
import type { Scenario } from '../api-types.js';
import { hours, int, label, lift, pct } from '../format.js';

export function ScenarioView({ s, icsHref }: { s: Scenario; icsHref: string }) {
  if (!s.steps.length) return <p className="muted">No stage-to-stage progress to build a scenario from.</p>;
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Nurturing steps">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col" className="num">
                Audience
              </th>
              <th scope="col" className="num">
                Move on
              </th>
              <th scope="col">Send (channel · content, lift)</th>
              <th scope="col">When</th>
              <th scope="col">How often</th>
            </tr>
          </thead>
          <tbody>
            {s.steps.map((st) => (
              <tr key={`${st.stage}-${st.next}`}>
                <th scope="row">
                  {label(st.stage)} → {label(st.next)}
                </th>
                <td className="num">{int(st.audience)}</td>
                <td className="num">{pct(st.rate)}</td>
                <td>
                  <ul className="cell-list">
                    {st.send.map((r) => (
                      <li key={`${r.channel}-${r.content_type}`}>
                        {label(r.content_type)} via {label(r.channel)} <span className="muted">({lift(r.lift)}, {int(r.moved)}/{int(r.customers)} moved on)</span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  from {hours(st.when.start_after_hours)}
                  {st.when.median_hours !== null ? <span className="muted"> · next stage after {hours(st.when.median_hours)} (median)</span> : null}
                </td>
                <td>
                  {st.how_often.touches}× every {hours(st.how_often.every_hours)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Content plan</h3>
      <p className="muted">
        {pct(s.curated_share)} curated content, the rest your own. <a href={icsHref}>Download as a calendar (.ics)</a>
      </p>
      <ol className="plan">
        {s.plan.map((p) => (
          <li key={p.index}>
            <strong>{hours(p.offset_hours)}</strong> · {label(p.stage)} · {label(p.channel)} · {p.source}: {p.title}
            <div className="muted">{p.reason}</div>
          </li>
        ))}
      </ol>
    </>
  );
}
