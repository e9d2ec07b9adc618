// Scored leads: the summary (qualified at the threshold, events, confidence, problems by row) and the table with closest personas, fit, stage, next content and reasons.
import type { LeadScore, ScoreSummary } from '../api-types.js';
import { int, label, pct } from '../format.js';
import { Link } from '../router.js';

export interface Scored {
  version: number;
  threshold: number;
  threshold_source: 'default' | 'recalibrated';
  summary: ScoreSummary;
  scores: LeadScore[];
}

const SHOWN = 200;

export function ScoreResults({ r }: { r: Scored }) {
  const s = r.summary;
  return (
    <section aria-labelledby="scored-h">
      <h2 id="scored-h">Scored leads</h2>
      <p aria-live="polite" className="score-summary">
        {int(s.scored)} of {int(s.records)} leads scored against version {r.version}: <strong>{int(s.qualified)} qualified</strong> (fit ≥ {r.threshold},{' '}
        {r.threshold_source === 'recalibrated' ? 'recalibrated on outcomes' : 'the model’s default'}) · {int(s.with_events)} with events · mean confidence {pct(s.confidence)}
      </p>
      {s.unknown_columns.length ? <p className="muted">Ignored columns the data contract does not know: {s.unknown_columns.join(', ')}</p> : null}
      {s.problem_count ? (
        <details className="problems">
          <summary>
            {s.problem_count} problem{s.problem_count === 1 ? '' : 's'} in the input{s.skipped ? ` (${s.skipped} lead${s.skipped === 1 ? '' : 's'} not scored)` : ''}
          </summary>
          <ul>
            {s.problems.slice(0, 50).map((p, i) => (
              <li key={i}>
                row {p.line}
                {p.column ? ` (${p.column})` : ''}: {p.message}
                {p.skipped ? ' — not scored' : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Scored leads">
        <table className="data-table scores">
          <thead>
            <tr>
              <th scope="col">Lead</th>
              <th scope="col">Closest persona</th>
              <th scope="col">Negative persona</th>
              <th scope="col">Qualified</th>
              <th scope="col" className="num">
                Fit
              </th>
              <th scope="col" className="num">
                Confidence
              </th>
              <th scope="col">Stage · next content</th>
              <th scope="col">Reasons</th>
            </tr>
          </thead>
          <tbody>
            {r.scores.slice(0, SHOWN).map((x) => (
              <tr key={x.lead_id} data-lead={x.lead_id}>
                <th scope="row" className="mono">
                  {x.lead_id}
                </th>
                <td>
                  {x.persona_id ? <Link href={`/personas/${encodeURIComponent(x.persona_id)}?version=${r.version}`}>{x.persona_name ?? x.persona_id}</Link> : '—'}
                  {x.persona_similarity !== null ? <div className="muted">similarity {pct(x.persona_similarity)}</div> : null}
                </td>
                <td>
                  {x.negative_persona_id ? (
                    <>
                      {x.negative_persona_name ?? x.negative_persona_id}
                      {x.negative_similarity !== null ? <div className="muted">similarity {pct(x.negative_similarity)}</div> : null}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{x.qualified ? <span className="badge status-published">yes</span> : <span className="badge">no</span>}</td>
                <td className="num">{pct(x.fit_score)}</td>
                <td className="num">{pct(x.confidence)}</td>
                <td>
                  {x.stage ? label(x.stage) : '—'}
                  {x.next_content ? <div className="muted">next: {x.next_content}</div> : null}
                </td>
                <td>
                  <ul className="cell-list">
                    {x.reasons.map((reason, i) => (
                      <li key={i}>{reason.text}</li>
                    ))}
                  </ul>
                  {x.missing.length ? <div className="muted">missing: {x.missing.join(', ')}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.scores.length > SHOWN ? (
        <p className="muted">
          Showing the first {SHOWN} of {int(r.scores.length)}. For all of them with every reason: <code>archetype score leads.csv --out scored.csv</code>
        </p>
      ) : null}
    </section>
  );
}
