// The persona card: initials avatar, headline quote, the key fields (goals, pain points, questions, channels, content, buying criteria) and the rest, every claim with its evidence.
import type { EChartsCoreOption } from 'echarts/core';
import type { ManualEdit, Persona, View } from '../api-types.js';
import { FIELD_LABELS } from '../../../analysis/personas/persona-types.js';
import { Avatar } from './avatar.js';
import { Chart } from './chart.js';
import { FieldSection, Heading, ManualEdits, QuoteLine } from './evidence.js';
import { NegativeMark, StatusBadge } from './status.js';
import { int, lift, pct, value } from '../format.js';
import { Link } from '../router.js';

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

function traitsOption(p: Persona): EChartsCoreOption | null {
  const traits = p.traits.filter((t) => t.lift !== null && t.lift > 0).slice(0, 8).reverse();
  if (traits.length < 2) return null;
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'log', name: 'lift', nameLocation: 'end', axisLabel: { formatter: '{value}×' }, min: 0.1 },
    yAxis: { type: 'category', data: traits.map((t) => t.label), axisLabel: { width: 180, overflow: 'truncate' } },
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'bar',
        data: traits.map((t) => ({ value: t.lift, itemStyle: { color: t.direction === 'high' ? '#1f5f8b' : '#c2572b' } })),
        label: { show: true, position: 'right', formatter: (x: { value: number }) => `${x.value.toFixed(1)}×` },
      },
    ],
  };
}

export function TraitsChart({ p, level = 2 }: { p: Persona; level?: 2 | 3 }) {
  const option = traitsOption(p);
  if (!option) return null;
  const traits = p.traits.filter((t) => t.lift !== null && t.lift > 0).slice(0, 8);
  return (
    <section className="traits" aria-labelledby={`traits-${p.id}`}>
      <Heading level={level} id={`traits-${p.id}`}>
        What sets them apart
      </Heading>
      <Chart
        option={option}
        height={Math.max(160, traits.length * 30 + 40)}
        label={`Strongest traits of ${p.name} against all customers: ${traits.map((t) => `${t.label} ${lift(t.lift)}`).join(', ')}`}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">Trait</th>
                <th scope="col">Persona</th>
                <th scope="col">All</th>
                <th scope="col">Lift</th>
              </tr>
            </thead>
            <tbody>
              {traits.map((t) => (
                <tr key={t.feature}>
                  <td>{t.label}</td>
                  <td>{value(t.value)}</td>
                  <td>{value(t.all)}</td>
                  <td>{lift(t.lift)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}

function Impact({ p, level }: { p: Persona; level: 2 | 3 }) {
  if (!p.impact && !p.exclusion_rule) return null;
  const im = p.impact;
  const rows = im
    ? ([
        ['customers', im.customers],
        ['revenue', im.revenue],
        ['margin', im.margin],
        ['support minutes', im.support_minutes],
        ['refund value', im.refunds],
      ] as const)
    : [];
  return (
    <section className="impact" aria-labelledby={`impact-${p.id}`}>
      <Heading level={level} id={`impact-${p.id}`}>
        What they cost
      </Heading>
      {im ? (
        <Chart
          height={200}
          label={`Shares of ${p.name}: ${rows.map(([k, v]) => `${pct(v)} of ${k}`).join(', ')}`}
          option={{
            grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
            yAxis: { type: 'category', data: rows.map(([k]) => k).reverse() },
            series: [{ type: 'bar', data: rows.map(([, v]) => v).reverse(), itemStyle: { color: '#a3316f' }, label: { show: true, position: 'right', formatter: (x: { value: number }) => pct(x.value) } }],
          }}
        />
      ) : null}
      {p.exclusion_rule ? (
        <p className="exclusion">
          <span className="label">Exclusion rule:</span> <code>{p.exclusion_rule.text}</code> — precision {p.exclusion_rule.precision.toFixed(2)}, recall{' '}
          {p.exclusion_rule.recall.toFixed(2)}
        </p>
      ) : null}
    </section>
  );
}

function Links({ p, level }: { p: Persona; level: 2 | 3 }) {
  if (!p.links?.length) return null;
  return (
    <section className="links" aria-labelledby={`links-${p.id}`}>
      <Heading level={level} id={`links-${p.id}`}>
        {p.kind === 'account' ? 'Buying committee' : 'Works at'}
      </Heading>
      <ul>
        {p.links.map((l) => (
          <li key={l.persona_id}>
            <Link href={`/personas/${encodeURIComponent(l.persona_id)}`}>{l.name}</Link>: {pct(l.share)} (n={int(l.n)}
            {l.lift !== null ? `, ${lift(l.lift)}` : ''})
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The card body; `view` picks and orders the fields, `open` expands every claim's evidence (print). */
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
