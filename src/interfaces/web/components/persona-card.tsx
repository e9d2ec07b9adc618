// The persona card: initials avatar, headline quote, the key fields (goals, pain points, questions, channels, content, buying criteria) and the rest, every claim with its evidence.
import type { ManualEdit, Persona, View } from '../api-types.js';
import { FIELD_LABELS } from '../../../analysis/personas/persona-types.js';
import { Avatar } from './avatar.js';
import { Impact, Links, TraitsChart } from './persona-extras.js';
import { FieldSection, Heading, ManualEdits, QuoteLine } from './evidence.js';
import { NegativeMark, StatusBadge } from './status.js';
import { int, pct } from '../format.js';

export const KEY_FIELDS: readonly (readonly [string, string])[] = [
  ['goals', 'Goals'],
  ['pain_points', 'Pain points'],
  ['questions', 'Questions'],
  ['channels', 'Channels'],
  ['content', 'Content preferences'],
  ['buying_criteria', 'Buying criteria'],
];

const labelOf = (p: Persona, key: string): string => KEY_FIELDS.find(([k]) => k === key)?.[1] ?? p.fields[key]?.label ?? FIELD_LABELS[key] ?? key.replace(/_/g, ' ');

export function PersonaHeader({ p, version, status, headingLevel = 1 }: { p: Persona; version: number; status: string; headingLevel?: 1 | 2 }) {
  const unit = p.kind === 'account' ? 'accounts' : 'customers';
  const H = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <header className="persona-header">
      <Avatar id={p.id} name={p.name} negative={p.negative} size="lg" />
      <div>
        <H className="persona-name">
          {p.name} {p.negative ? <NegativeMark /> : null}
          {p.kind === 'account' ? <span className="badge">Account persona</span> : null}
        </H>
        <p className="persona-stats">
          <strong>{int(p.size)}</strong> {unit} ({pct(p.share_of_customers)} of {unit}) · {pct(p.share_of_revenue)} of revenue · {pct(p.share_of_margin)} of margin
          {p.stability !== null ? <> · stability {p.stability.toFixed(2)}</> : null}
        </p>
        <p className="persona-id">
          Persona {p.id} · version {version} <StatusBadge status={status} />
        </p>
      </div>
    </header>
  );
}

/** `level`: the heading level of the card's sections (2 on the persona page, 3 inside the library). */
export function PersonaBody({
  p, view, open, compact = false, level = 2, edits = [],
}: { p: Persona; view: View | null; open: boolean; compact?: boolean; level?: 2 | 3; edits?: readonly (ManualEdit & { via?: string })[] }) {
  const sub = (level + 1) as 3 | 4;
  const editsOf = (key: string): (ManualEdit & { via?: string })[] => edits.filter((e) => e.field === key);
  const keyKeys = KEY_FIELDS.map(([k]) => k);
  const rest = Object.keys(p.fields).filter((k) => !keyKeys.includes(k));
  const viewKeys = view ? view.fields.filter((k) => p.fields[k] !== undefined || FIELD_LABELS[k] !== undefined || keyKeys.includes(k)) : null;
  return (
    <>
      <ManualEdits edits={editsOf('name')} />
      <p className="persona-summary">{p.summary}</p>
      <ManualEdits edits={editsOf('summary')} />
      {p.headline_quote ? (
        <div className="headline-quote">
          <QuoteLine quote={p.headline_quote} />
        </div>
      ) : null}
      {view?.notes.length ? (
        <div className="view-notes">
          {view.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      ) : null}
      {viewKeys ? (
        <div className="fields">
          {viewKeys.map((k) => (
            <FieldSection key={k} field={p.fields[k]} label={labelOf(p, k)} open={open} note={view?.field_notes[k]} level={level} edits={editsOf(k)} />
          ))}
        </div>
      ) : (
        <>
          <div className="fields key-fields">
            {KEY_FIELDS.map(([k, label]) => (
              <FieldSection key={k} field={p.fields[k]} label={label} open={open} level={level} edits={editsOf(k)} />
            ))}
          </div>
          <TraitsChart p={p} level={level} />
          <Impact p={p} level={level} />
          {compact ? null : (
            <>
              <Links p={p} level={level} />
              <Heading level={level} className="more-heading">
                More evidence
              </Heading>
              <div className="fields">
                {rest.map((k) => (
                  <FieldSection key={k} field={p.fields[k]} label={labelOf(p, k)} open={open} level={sub} edits={editsOf(k)} />
                ))}
              </div>
            </>
          )}
        </>
      )}
      {view ? <Impact p={p} level={level} /> : null}
    </>
  );
}
