// A persona as a readable card: plain text for the terminal and Markdown for sharing (views pick and order the fields).
import { FIELD_ORDER, VIEWS, type Evidence, type Persona, type PersonaField } from '../../analysis/personas/persona-types.js';

export type ViewName = keyof typeof VIEWS;

/** A manual edit shown with the card: an accepted change request's text, marked as not computed from data. */
export interface CardEdit {
  field: string;
  text: string;
  author: string;
  created_at: string;
  comment_id: number | null;
  /** "version 3, p2" when it was made on an earlier version of this persona */
  via?: string;
}

const editLabel = (p: Persona, field: string): string => p.fields[field]?.label ?? (field === 'name' ? 'Name' : field === 'summary' ? 'Summary' : field);
const editLine = (e: CardEdit): string =>
  `${e.text} — by ${e.author}, ${e.created_at.slice(0, 10)}${e.comment_id !== null ? ` (request #${e.comment_id})` : ''}${e.via ? ` (made on ${e.via}: check it still holds)` : ''}`;

/** The manual edits as terminal lines after the card (none: nothing). */
export function editsText(p: Persona, edits: readonly CardEdit[]): string {
  if (!edits.length) return '';
  return ['', 'Manual edits (not computed from data; the evidence above is unchanged):', ...edits.map((e) => `  ✎ ${editLabel(p, e.field).padEnd(16)}${editLine(e)}`)].join('\n') + '\n';
}

export function fieldsFor(p: Persona, view?: ViewName): PersonaField[] {
  const keys: readonly string[] = view ? VIEWS[view] : [...FIELD_ORDER, 'themes'];
  return keys.map((k) => p.fields[k]).filter((f): f is PersonaField => f !== undefined);
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function evidenceLine(e: Evidence): string {
  const q = e.quotes?.[0] ? `  “${e.quotes[0].text}”` : '';
  return `${e.claim}   n=${e.n.toLocaleString('en-US')}  ${e.confidence}${q}`;
}

export function headerLine(p: Persona, version: number, status: string): string {
  return `${p.name.toUpperCase()}${p.negative ? ' (negative)' : ''}   persona ${p.id} · version ${version} (${status})`;
}

export function renderCardText(p: Persona, version: number, status: string, view?: ViewName, edits: readonly CardEdit[] = []): string {
  const out: string[] = [];
  out.push(headerLine(p, version, status));
  const unit = p.kind === 'account' ? 'accounts' : 'customers';
  const money = p.fields['value']?.insufficient ? '' : `, ${pct(p.share_of_revenue)} of revenue, ${pct(p.share_of_margin)} of margin`;
  out.push(`${p.size.toLocaleString('en-US')} ${unit} (${pct(p.share_of_customers)} of ${unit}${money})` + (p.stability !== null ? ` · stability ${p.stability.toFixed(2)}` : ''));
  if (view) out.push(`view: ${view}`);
  out.push('');
  if (p.headline_quote) out.push(`“${p.headline_quote.text}”   ${p.headline_quote.source ?? ''}${p.headline_quote.rating ? `, ${p.headline_quote.rating}★` : ''}`, '');
  out.push(p.summary, '');
  const missing: string[] = [];
  for (const f of fieldsFor(p, view)) {
    if (f.insufficient) {
      missing.push(`${f.label.toLowerCase()} (${f.insufficient})`);
      continue;
    }
    f.items.forEach((e, i) => out.push(`${(i === 0 ? f.label : '').padEnd(18)}${evidenceLine(e)}`));
  }
  if (p.impact)
    out.push('', `Costs: ${pct(p.impact.refunds)} of refund value, ${pct(p.impact.support_minutes)} of support minutes for ${pct(p.impact.margin)} of margin`);
  if (p.exclusion_rule) out.push(`Exclusion rule: ${p.exclusion_rule.text}   precision ${p.exclusion_rule.precision.toFixed(2)}, recall ${p.exclusion_rule.recall.toFixed(2)}`);
  if (missing.length) out.push('', `Not enough evidence: ${missing.join('; ')}`);
  return out.join('\n') + '\n' + editsText(p, edits);
}

const md = (s: string): string => s.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`);

export function renderCardMarkdown(p: Persona, version: number, status: string, view?: ViewName, edits: readonly CardEdit[] = []): string {
  const out: string[] = [];
  out.push(`# ${md(p.name)}${p.negative ? ' (negative persona)' : ''}`, '');
  out.push(`*Persona ${p.id} · version ${version} (${status})${view ? ` · ${view} view` : ''}*`, '');
  const unit = p.kind === 'account' ? 'accounts' : 'customers';
  const money = p.fields['value']?.insufficient ? '' : `, ${pct(p.share_of_revenue)} of revenue, ${pct(p.share_of_margin)} of margin`;
  out.push(`**${p.size.toLocaleString('en-US')} ${unit}** — ${pct(p.share_of_customers)} of ${unit}${money}` + (p.stability !== null ? ` · stability ${p.stability.toFixed(2)}` : ''), '');
  if (p.headline_quote) out.push(`> “${md(p.headline_quote.text)}” — ${p.headline_quote.source ?? 'feedback'} ${p.headline_quote.feedback_id}`, '');
  out.push(md(p.summary), '');
  for (const f of fieldsFor(p, view)) {
    out.push(`## ${f.label}`, '');
    if (f.insufficient) {
      out.push(`*Not enough evidence: ${md(f.insufficient)}*`, '');
      continue;
    }
    out.push('| claim | persona | all | lift | n | confidence |', '|---|---|---|---|---|---|');
    for (const e of f.items) {
      const v = (x: number | null): string => (x === null ? '—' : Math.abs(x) <= 1 ? x.toFixed(2) : x.toLocaleString('en-US', { maximumFractionDigits: 1 }));
      out.push(`| ${md(e.claim)} | ${v(e.value)} | ${v(e.all)} | ${e.lift === null ? '—' : `${e.lift.toFixed(2)}×`} | ${e.n} | ${e.confidence} |`);
    }
    const quotes = f.items.flatMap((e) => e.quotes ?? []).slice(0, 3);
    if (quotes.length) out.push('', ...quotes.map((q) => `> “${md(q.text)}” — ${q.source ?? 'feedback'} ${q.feedback_id}`));
    out.push('');
  }
  if (p.impact) out.push('## Impact', '', `${pct(p.impact.customers)} of customers, ${pct(p.impact.revenue)} of revenue, ${pct(p.impact.margin)} of margin, ${pct(p.impact.support_minutes)} of support minutes, ${pct(p.impact.refunds)} of refund value`, '');
  if (p.exclusion_rule) out.push('## Exclusion rule', '', `\`${p.exclusion_rule.text}\` — precision ${p.exclusion_rule.precision.toFixed(2)}, recall ${p.exclusion_rule.recall.toFixed(2)}`, '');
  if (edits.length) {
    out.push('## Manual edits', '', '*Made by people from accepted change requests — not computed from data; the evidence above is unchanged.*', '');
    for (const e of edits) out.push(`- ✎ **${md(editLabel(p, e.field))}**: ${md(editLine(e))}`);
    out.push('');
  }
  out.push('## How this was computed', '', 'Every number above is computed from the workspace data: per-customer features by SQL in the engine, segments fitted on a sample and assigned to every customer by SQL, shares and lifts against all customers. Quotes are scrubbed of personal data.', '');
  return out.join('\n');
}
