// Lead scoring: paste or upload leads (CSV, TSV, JSON, JSON Lines), score them against the personas, see the table with reasons.
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiFailure, postJson } from '../api.js';
import type { LeadScore, ScoreSummary } from '../api-types.js';
import { ErrorBox } from '../components/status.js';
import { int, label, pct } from '../format.js';
import { parseLeads } from '../lead-input.js';
import { Link } from '../router.js';

interface Scored {
  version: number;
  threshold: number;
  threshold_source: 'default' | 'recalibrated';
  summary: ScoreSummary;
  scores: LeadScore[];
}

const SHOWN = 200;

function Results({ r }: { r: Scored }) {
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

export function ScoringPage() {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | ApiFailure | null>(null);
  const [result, setResult] = useState<Scored | null>(null);
  const onFile = (e: ChangeEvent<HTMLInputElement>): void => {
    const f = e.target.files?.[0];
    if (!f) return;
    if (f.size > 20_000_000) return setError('That file is over 20 MB: score it from the command line with `archetype score FILE --out scored.csv`.');
    f.text().then(setText, () => setError('Could not read the file.'));
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setError(null);
    let leads;
    try {
      leads = parseLeads(text).leads;
    } catch (err) {
      return setError((err as Error).message);
    }
    if (leads.length > 10_000) return setError(`${int(leads.length)} leads: the page scores up to 10,000 at a time (the command line has no limit).`);
    setBusy(true);
    postJson<Scored>('/api/leads/score-batch', { leads }).then(
      (r) => {
        setResult(r);
        setBusy(false);
      },
      (err: unknown) => {
        setError(err instanceof ApiFailure ? err : new ApiFailure(String(err), 0, 'network', undefined));
        setBusy(false);
      },
    );
  };
  return (
    <>
      <h1>Lead scoring</h1>
      <p className="section-intro">
        Each lead gets its closest persona and negative persona, a fit score, the stage it is at, the content to send next and the reasons, all from the
        published persona set (else the latest). Attributes use the data contract’s column names; a lead’s events are looked up in the workspace by its id.
      </p>
      <form className="panel score-form" onSubmit={submit}>
        <div className="form-row">
          <label htmlFor="leads-text">Leads (CSV or TSV with a header row, a JSON array or JSON Lines)</label>
        </div>
        <textarea
          id="leads-text"
          className="leads-text"
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          placeholder={'lead_id,country,age,acquisition_channel\nl1,DE,34,organic_search'}
        />
        <div className="button-row">
          <label htmlFor="leads-file" className="file-label">
            Or upload a file
          </label>
          <input id="leads-file" type="file" accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson" onChange={onFile} />
          <button type="submit" disabled={busy || !text.trim()}>
            {busy ? 'Scoring…' : 'Score the leads'}
          </button>
        </div>
        {typeof error === 'string' ? (
          <p className="error-box" role="alert">
            {error}
          </p>
        ) : error ? (
          <ErrorBox error={error} title="Could not score" />
        ) : null}
      </form>
      {result ? <Results r={result} /> : null}
    </>
  );
}
