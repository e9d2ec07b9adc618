// One hand-made persona: claims per template field with their structured form, evidence and test against the data; coverage; team views; review.
import { useState, type FormEvent } from 'react';
import { ApiFailure, postJson, useApi } from '../api.js';
import { CHECK_FIELDS, CHECK_OPS, type ClaimResult, type HandCard, type HandClaim } from '../handmade-types.js';
import { EvidencePicker } from '../components/evidence-picker.js';
import { Await, StatusBadge } from '../components/status.js';
import { YourName, useYourName } from '../components/your-name.js';
import { lift, pct } from '../format.js';
import { Link } from '../router.js';

type Send = (path: string, body: unknown) => void;

function Verdict({ r }: { r: ClaimResult | undefined }) {
  if (!r || r.verdict === 'untested') return r?.check ? <span className="claim-meta">untested: {r.reason}</span> : null;
  return (
    <span className={`verdict verdict-${r.verdict}`} data-verdict={r.verdict}>
      {r.verdict === 'contradicted' ? '⚠ contradicted' : '✓ validated'}: {pct(r.share_segment, 1)} of {r.segment} vs {pct(r.share_all, 1)} of all ({lift(r.lift)}) · {r.basis}, n={r.segment_n}
    </span>
  );
}

function Claim({ field, item, c, result, send }: { field: string; item: number; c: HandClaim; result: ClaimResult | undefined; send: Send }) {
  const [adding, setAdding] = useState(false);
  const [refs, setRefs] = useState<string[]>([]);
  const path = `/api/handmade/{id}/claims/${field}/${item}`;
  return (
    <li className="hand-claim" data-claim={`${field}.${item}`}>
      <span className="claim">{c.text}</span>{' '}
      <span className={c.evidence.length ? 'confidence-high' : 'confidence-low'}>{c.evidence.length ? `evidenced: ${c.evidence.length} quote${c.evidence.length === 1 ? '' : 's'}` : 'assumption'}</span>
      {c.check ? (
        <span className="claim-meta">
          checked as <code>{`${c.check.field} ${c.check.op} ${c.check.value.join(', ')}`}</code>
        </span>
      ) : null}
      <Verdict r={result} />
      {c.evidence.map((e) => (
        <blockquote key={e.feedback_id} className="quote">
          “{e.quote}” <span className="claim-meta">— {e.source.replace('_', ' ')} {e.feedback_id}{e.customer_id ? ` · customer ${e.customer_id}` : ''}</span>
        </blockquote>
      ))}
      <div className="claim-actions">
        <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
          Attach evidence
        </button>{' '}
        <button type="button" onClick={() => send(path, { remove: true })}>
          Remove
        </button>
      </div>
      {adding ? (
        <div>
          <EvidencePicker id={`ev-${field}-${item}`} selected={refs} onChange={setRefs} />
          <button type="button" disabled={!refs.length} onClick={() => (send(path, { evidence: refs }), setAdding(false), setRefs([]))}>
            Attach {refs.length || ''} quote{refs.length === 1 ? '' : 's'}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function AddClaim({ card, send }: { card: HandCard; send: Send }) {
  const fields = card.template?.fields ?? Object.keys(card.persona.fields).map((name) => ({ name, label: name }));
  const [field, setField] = useState(fields[0]?.name ?? '');
  const [text, setText] = useState('');
  const [checkField, setCheckField] = useState('');
  const [op, setOp] = useState('=');
  const [value, setValue] = useState('');
  const [refs, setRefs] = useState<string[]>([]);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const values = value.split(',').map((v) => v.trim()).filter(Boolean);
    send('/api/handmade/{id}/claims', { field, text, ...(checkField.trim() && values.length ? { check: { field: checkField.trim(), op, value: values } } : {}), ...(refs.length ? { evidence: refs } : {}) });
    setText('');
    setCheckField('');
    setValue('');
    setRefs([]);
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="add-claim-title">
      <h2 id="add-claim-title">Add a claim</h2>
      <div className="form-row">
        <label htmlFor="claim-field">Field</label>
        <select id="claim-field" value={field} onChange={(e) => setField(e.target.value)}>
          {fields.map((f) => (
            <option key={f.name} value={f.name}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor="claim-text">Claim (prose)</label>
        <input id="claim-text" type="text" required maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} placeholder="Finds us through webinars" />
      </div>
      <fieldset>
        <legend>Structured form (what the data can test)</legend>
        <div className="form-row">
          <label htmlFor="check-field">Data field</label>
          <input id="check-field" type="text" list="check-fields" maxLength={60} value={checkField} onChange={(e) => setCheckField(e.target.value)} placeholder="first_touch_content" />
          <datalist id="check-fields">
            {CHECK_FIELDS.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          <label htmlFor="check-op">Operator</label>
          <select id="check-op" value={op} onChange={(e) => setOp(e.target.value)}>
            {CHECK_OPS.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <label htmlFor="check-value">Value(s)</label>
          <input id="check-value" type="text" maxLength={400} value={value} onChange={(e) => setValue(e.target.value)} placeholder="webinar" aria-describedby="check-value-hint" />
          <span id="check-value-hint" className="hint">
            comma-separated for “in”; days for days_to_decision
          </span>
        </div>
      </fieldset>
      <EvidencePicker id="new-claim-ev" selected={refs} onChange={setRefs} />
      <button type="submit" disabled={!text.trim()}>
        Add claim
      </button>
    </form>
  );
}

function Review({ card, send }: { card: HandCard; send: Send }) {
  const [by, setBy] = useYourName();
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saveVersion = (): void => {
    postJson<{ version: number }>('/api/handmade/versions', { personas: [card.persona.id] }).then(
      (r) => setSaved(r.version),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <section className="panel" aria-labelledby="hand-review-title">
      <h2 id="hand-review-title">Review</h2>
      <p>
        Status: <StatusBadge status={card.status} /> (revision {card.revision}). A draft is submitted for review; an approver approves it. Claims the data contradicts block approval.
      </p>
      <YourName name={by} onChange={setBy} id="hand-review-name" />
      <button type="button" disabled={card.status !== 'draft' || !by.trim()} onClick={() => send('/api/handmade/{id}/review', { action: 'submit', by })}>
        Submit for review
      </button>{' '}
      <button type="button" disabled={card.status !== 'in_review' || !by.trim()} onClick={() => send('/api/handmade/{id}/review', { action: 'approve', by })}>
        Approve
      </button>{' '}
      <button type="button" onClick={saveVersion}>
        Save as a persona-set version
      </button>
      {saved !== null ? (
        <p role="status">
          Saved as version {saved} (draft): <Link href={`/personas/${encodeURIComponent(card.persona.id)}?version=${saved}`}>open it</Link> or review it under <Link href="/versions">Versions</Link>.
        </p>
      ) : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function Editor({ initial, id }: { initial: HandCard; id: string }) {
  const [card, setCard] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<string | null>(null);
  const send: Send = (path, body) => {
    setError(null);
    postJson<HandCard>(path.replace('{id}', encodeURIComponent(id)), body).then(setCard, (e: unknown) => setError(e instanceof ApiFailure || e instanceof Error ? e.message : String(e)));
  };
  const p = card.persona;
  const labels = new Map((card.template?.fields ?? []).map((f) => [f.name, f.label]));
  const views = card.template?.views ?? {};
  const keys = view ? (views[view] ?? []).filter((k) => k in p.fields) : Object.keys(p.fields);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/handmade">Hand-made personas</Link> › {p.name}
      </p>
      <h1 className="persona-name">
        {p.name} <StatusBadge status={card.status} />
      </h1>
      <p className="persona-id">
        {p.id} · hand-made, template {p.template} · tested on {p.segment !== undefined ? `the members of ${p.segment}` : 'all customers'}
      </p>
      <p className="coverage" data-testid="coverage">
        Evidence coverage: {card.coverage.evidenced}/{card.coverage.claims} claims evidenced ({pct(card.coverage.share)}) by {card.coverage.customers} distinct customer{card.coverage.customers === 1 ? '' : 's'}; {card.coverage.fields_evidenced}/{card.coverage.fields} fields evidenced ({pct(card.coverage.field_share)})
      </p>
      {card.contradicted ? (
        <p className="error-box" role="alert">
          ⚠ {card.contradicted} claim{card.contradicted === 1 ? ' is' : 's are'} contradicted by the data: approval is blocked until {card.contradicted === 1 ? 'it changes' : 'they change'}.
        </p>
      ) : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <div className="view-tabs" role="group" aria-label="Team view">
        <button type="button" aria-pressed={view === null} onClick={() => setView(null)}>
          All fields
        </button>
        {Object.keys(views).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {v.toUpperCase()}
          </button>
        ))}
      </div>
      <div className="fields">
        {keys.map((k) => (
          <section key={k} className="field" data-field={k} aria-labelledby={`hf-${k}`}>
            <h2 id={`hf-${k}`} className="field-title">
              {labels.get(k) ?? k.replace(/_/g, ' ')}
            </h2>
            {p.fields[k]?.length ? (
              <ul className="evidence-list">
                {(p.fields[k] ?? []).map((c, i) => (
                  <Claim key={`${i}-${c.text}`} field={k} item={i + 1} c={c} result={card.validation?.find((r) => r.field === k && r.text === c.text)} send={send} />
                ))}
              </ul>
            ) : (
              <p className="insufficient">No claims yet.</p>
            )}
          </section>
        ))}
      </div>
      <AddClaim card={card} send={send} />
      <Review card={card} send={send} />
    </>
  );
}

export function HandmadePage({ id }: { id: string }) {
  const [loaded] = useApi<HandCard>(`/api/handmade/${encodeURIComponent(id)}`);
  return (
    <Await loaded={loaded} what="the persona">
      {(d) => <Editor initial={d} id={d.persona.id} />}
    </Await>
  );
}
