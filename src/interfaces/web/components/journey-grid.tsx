// The journey map grid: stages as columns; rows for customers, time, touchpoints, actions, thoughts, the emotion curve, pain points, drop-off and opportunities.
import type { ReactNode } from 'react';
import type { JourneyMap } from '../api-types.js';
import { Chart } from './chart.js';
import { hours, int, label, lift, pct, signed } from '../format.js';

function Row({ title, children, className }: { title: string; children: ReactNode[]; className?: string }) {
  return (
    <tr className={className}>
      <th scope="row">{title}</th>
      {children.map((c, i) => (
        <td key={i}>{c}</td>
      ))}
    </tr>
  );
}

const none = <span className="muted">—</span>;

export function JourneyGrid({ map }: { map: JourneyMap }) {
  const stages = map.funnel.map((f) => f.stage);
  const at = <T extends { stage: string }>(xs: T[], s: string): T | undefined => xs.find((x) => x.stage === s);
  const emotions = stages.map((s) => at(map.emotions, s));
  return (
    <div className="table-scroll journey-scroll" tabIndex={0} role="region" aria-label="Journey map by stage">
      <table className="journey-grid">
        <caption className="visually-hidden">Journey map: stages as columns</caption>
        <thead>
          <tr>
            <td />
            {stages.map((s) => (
              <th key={s} scope="col">
                {label(s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <Row title="Customers">
            {map.funnel.map((f) => (
              <>
                <strong>{int(f.customers)}</strong>
                {f.conversion !== null ? <span className="muted"> ({pct(f.conversion)})</span> : null}
              </>
            ))}
          </Row>
          <Row title="Time to get here">
            {map.funnel.map((f) => (f.median_hours === null ? none : <>median {hours(f.median_hours)}<br /><span className="muted">p90 {hours(f.p90_hours)}</span></>))}
          </Row>
          <Row title="Touchpoints">
            {stages.map((s) => {
              const t = at(map.touchpoints, s);
              if (!t || !t.channels.length) return none;
              return (
                <ul className="cell-list">
                  {t.channels.slice(0, 3).map((c) => (
                    <li key={c.key}>
                      {label(c.key)} {pct(c.share)}
                      {c.lift !== null ? <span className="muted"> · {lift(c.lift)}</span> : null}
                    </li>
                  ))}
                </ul>
              );
            })}
          </Row>
          <Row title="Actions">
            {stages.map((s) => {
              const cells = (at(map.touchpoints, s)?.cells ?? []).filter((c) => c.channel !== null && c.content_type !== null).sort((a, b) => b.touches - a.touches).slice(0, 3);
              if (!cells.length) return none;
              return (
                <ul className="cell-list">
                  {cells.map((c) => (
                    <li key={`${c.channel}-${c.content_type}`}>
                      {label(c.content_type)} via {label(c.channel)} <span className="muted">{pct(c.share)}</span>
                    </li>
                  ))}
                </ul>
              );
            })}
          </Row>
          <Row title="Thoughts" className="thoughts">
            {emotions.map((e) =>
              e?.thought ? (
                <blockquote className="quote small">
                  <p>“{e.thought.text}”</p>
                  <footer>
                    {e.thought.source ?? 'feedback'} {e.thought.feedback_id}
                  </footer>
                </blockquote>
              ) : (
                none
              ),
            )}
          </Row>
          <tr className="emotion-row">
            <th scope="row">Emotion</th>
            <td colSpan={stages.length}>
              <Chart
                height={150}
                label={`Emotion by stage (mean sentiment of feedback, −1 to +1): ${stages.map((s, i) => `${s} ${signed(emotions[i]?.sentiment)}`).join(', ')}`}
                option={{
                  grid: { left: 36, right: 16, top: 16, bottom: 24 },
                  xAxis: { type: 'category', data: stages.map(label), boundaryGap: true },
                  yAxis: { type: 'value', min: -1, max: 1, splitNumber: 2 },
                  tooltip: { trigger: 'axis' },
                  series: [
                    {
                      type: 'line',
                      data: emotions.map((e) => (e && !e.suppressed && e.sentiment !== null ? Number(e.sentiment.toFixed(2)) : null)),
                      symbolSize: 8,
                      label: { show: true, formatter: (x: { value: number }) => signed(x.value) },
                      lineStyle: { width: 3 },
                      markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#8a93a6', type: 'dashed' }, label: { show: false } },
                    },
                  ],
                }}
                table={
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Stage</th>
                        <th scope="col">Sentiment</th>
                        <th scope="col">Feedback</th>
                        <th scope="col">Positive</th>
                        <th scope="col">Negative</th>
                      </tr>
                    </thead>
                    <tbody>
                      {stages.map((s, i) => (
                        <tr key={s}>
                          <td>{label(s)}</td>
                          <td>{signed(emotions[i]?.sentiment)}</td>
                          <td>{int(emotions[i]?.feedback ?? 0)}</td>
                          <td>{pct(emotions[i]?.positive)}</td>
                          <td>{pct(emotions[i]?.negative)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
            </td>
          </tr>
          <Row title="Pain points">
            {emotions.map((e) =>
              e?.pain_points.length ? (
                <ul className="cell-list">
                  {e.pain_points.slice(0, 3).map((p) => (
                    <li key={p.theme}>
                      {p.theme} <span className="muted">({p.customers} customers{p.lift !== null ? `, ${lift(p.lift)}` : ''})</span>
                    </li>
                  ))}
                </ul>
              ) : (
                none
              ),
            )}
          </Row>
          <Row title="Stop here">
            {stages.map((s) => {
              const d = at(map.dropoff, s);
              if (!d || !d.stopped) return none;
              const last = d.last_touches.channel[0];
              return (
                <>
                  {int(d.stopped)} <span className="muted">({pct(d.share)})</span>
                  {last ? <div className="muted">last touch: {label(last.key)} {pct(last.share)}</div> : null}
                </>
              );
            })}
          </Row>
          <Row title="Opportunities" className="opportunities">
            {stages.map((s) => {
              const o = map.opportunities.filter((x) => x.stage === s);
              return o.length ? (
                <ul className="cell-list">
                  {o.map((x) => (
                    <li key={x.text}>{x.text}</li>
                  ))}
                </ul>
              ) : (
                none
              );
            })}
          </Row>
        </tbody>
      </table>
    </div>
  );
}
