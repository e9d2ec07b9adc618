// A claim that opens its evidence: the persona's value against all customers, lift, n, confidence, how it was computed and the quotes behind it.
import type { ReactNode } from 'react';
import type { Evidence, ManualEdit, PersonaField, Quote } from '../api-types.js';
import { day, int, lift, value } from '../format.js';

export function QuoteLine({ quote }: { quote: Quote }) {
  return (
    <blockquote className="quote">
      <p>“{quote.text}”</p>
      <footer>
        {quote.source ?? 'feedback'} {quote.feedback_id}
        {quote.rating ? <span aria-label={`rated ${quote.rating} of 5`}> · {'★'.repeat(Math.max(0, Math.min(5, Math.round(quote.rating))))}</span> : null}
      </footer>
    </blockquote>
  );
}

/** The numbers of a claim in one line: the persona's value against all customers when there is a comparison, lift, n and confidence. */
function Numbers({ e }: { e: Evidence }) {
  return (
    <p className="numbers">
      {e.all !== null ? (
        <>
          this persona <strong>{value(e.value)}</strong> · all customers <strong>{value(e.all)}</strong> ·{' '}
        </>
      ) : null}
      {e.lift !== null ? (
        <>
          lift <strong>{lift(e.lift)}</strong> ·{' '}
        </>
      ) : null}
      n=<strong>{int(e.n)}</strong> · <span className={`confidence confidence-${e.confidence}`}>{e.confidence} confidence</span>
    </p>
  );
}

/** A claim; on screen a disclosure that opens its evidence, in print (`open`) the claim with its evidence laid out compactly. */
export function EvidenceItem({ e, open }: { e: Evidence; open: boolean }) {
  const body = (
    <div className="evidence-body">
      <Numbers e={e} />
      <p className="definition">
        <span className="label">How it was computed:</span> {e.definition}
      </p>
      {e.quotes?.length ? (
        <div className="quotes">
          {e.quotes.slice(0, open ? 2 : undefined).map((q) => (
            <QuoteLine key={q.feedback_id + q.text} quote={q} />
          ))}
        </div>
      ) : null}
    </div>
  );
  if (open)
    return (
      <li className="evidence evidence-open">
        <p className="claim">{e.claim}</p>
        {body}
      </li>
    );
  return (
    <li className="evidence">
      <details>
        <summary>
          <span className="claim">{e.claim}</span>
          <span className="claim-meta">
            n={int(e.n)} · <span className={`confidence confidence-${e.confidence}`}>{e.confidence}</span>
            {e.lift !== null ? <> · {lift(e.lift)}</> : null}
          </span>
        </summary>
        {body}
      </details>
    </li>
  );
}

/** A heading at a given level, so a field is h2 on the persona page and h4 inside the library. */
export function Heading({ level, id, className, children }: { level: 2 | 3 | 4 | 5; id?: string; className?: string; children: ReactNode }) {
  const H = `h${level}` as const;
  return (
    <H id={id} className={className}>
      {children}
    </H>
  );
}

/** A manual edit accepted from a change request: shown beside the evidence, marked as not computed from data. */
export function ManualEdits({ edits }: { edits: readonly (ManualEdit & { via?: string })[] }) {
  if (!edits.length) return null;
  return (
    <ul className="manual-edits">
      {edits.map((e) => (
        <li key={e.edit_id}>
          <span className="badge badge-manual">manual edit</span> {e.text}{' '}
          <span className="muted">
            — {e.author}, {day(e.created_at)}
            {e.via ? `, made on ${e.via}` : ''}; not computed from data
          </span>
        </li>
      ))}
    </ul>
  );
}

export function FieldSection({
  field, label, open, note, level = 2, edits = [],
}: { field: PersonaField | undefined; label: string; open: boolean; note?: string | undefined; level?: 2 | 3 | 4 | 5; edits?: readonly (ManualEdit & { via?: string })[] }) {
  const id = `field-${field?.key ?? label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="field" aria-labelledby={id}>
      <Heading level={level} id={id} className="field-title">
        {label}
      </Heading>
      {note ? <p className="field-note">{note}</p> : null}
      {!field ? (
        <p className="insufficient">No evidence in the data yet.</p>
      ) : field.insufficient ? (
        <p className="insufficient">Not enough evidence: {field.insufficient}</p>
      ) : (
        <ul className="evidence-list">
          {field.items.map((e, i) => (
            <EvidenceItem key={`${i}-${e.claim}`} e={e} open={open} />
          ))}
        </ul>
      )}
      <ManualEdits edits={edits} />
    </section>
  );
}
