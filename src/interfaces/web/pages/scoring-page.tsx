// Lead scoring: paste or upload leads (CSV, TSV, JSON, JSON Lines), score them against the personas, see the table with reasons.
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiFailure, postJson } from '../api.js';
import { ErrorBox } from '../components/status.js';
import { ScoreResults, type Scored } from '../components/score-table.js';
import { int } from '../format.js';
import { parseLeads } from '../lead-input.js';
import type { Meta } from '../api-types.js';

const mb = (bytes: number): string => `${+(bytes / 1024 / 1024).toFixed(1)} MB`;

export function ScoringPage({ meta }: { meta: Meta | null }) {
  // the server's limits (server.limits in archetype.yaml), checked here first so a big file fails with a clear message before it is sent
  const maxBytes = meta?.limits.upload_bytes ?? 10 * 1024 * 1024;
  const maxLeads = meta?.limits.batch_leads ?? 10_000;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | ApiFailure | null>(null);
  const [result, setResult] = useState<Scored | null>(null);
  const onFile = (e: ChangeEvent<HTMLInputElement>): void => {
    const f = e.target.files?.[0];
    if (!f) return;
    if (f.size > maxBytes) return setError(`That file is over ${mb(maxBytes)}, the most this server takes in one upload: score it from the command line with \`archetype score FILE --out scored.csv\`.`);
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
    if (leads.length > maxLeads) return setError(`${int(leads.length)} leads: this server scores up to ${int(maxLeads)} at a time (the command line has no limit).`);
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
      {result ? <ScoreResults r={result} /> : null}
    </>
  );
}
