// A team's view of a persona: the view's fields and notes, the evidence, manual edits marked as such beside it, comments and open change requests.
import { FIELD_LABELS, FIELD_ORDER, type Persona, type PersonaField } from '../../analysis/personas/persona-types.js';
import type { ResolvedView } from '../../repository/views.js';
import type { PersonaAnnotations } from '../../repository/annotations.js';
import type { InterviewCount } from '../../repository/interviews.js';
import type { GuideQuestion } from '../../repository/interview-guide.js';
import type { JourneyMap } from '../../analysis/journeys/journey-types.js';
import { evidenceLine, headerLine } from './persona-card.js';

export interface ViewInput {
  persona: Persona;
  version: number;
  status: string;
  /** null: every field */
  view: ResolvedView | null;
  annotations: PersonaAnnotations;
  interviews: InterviewCount | null;
  questionsToAsk: GuideQuestion[];
  /** the persona's journey map of this version, when the build made one */
  journey: JourneyMap | null;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const day = (iso: string): string => iso.slice(0, 10);

function keysOf(i: ViewInput): string[] {
  if (i.view) return i.view.fields;
  return [...new Set([...FIELD_ORDER, 'themes', ...Object.keys(i.persona.fields), 'journey', 'interviews'])];
}

interface Block {
  key: string;
  label: string;
  lines: string[];
}

/** The view as labelled blocks of lines, shared by the text and Markdown renderings. */
function blocks(i: ViewInput): Block[] {
  const p = i.persona;
  const a = i.annotations;
  const out: Block[] = [];
  const marks = (key: string): string[] => {
    const lines: string[] = [];
    for (const e of a.edits.filter((x) => x.field === key))
      lines.push(`✎ manual edit by ${e.author}, ${day(e.created_at)}${e.comment_id !== null ? ` (request #${e.comment_id})` : ''}: ${e.text}   [not computed from data; evidence ${p.fields[key]?.items.length ? 'above' : 'none'}]`);
    for (const e of a.carried_edits.filter((x) => x.field === key))
      lines.push(`✎ manual edit from ${e.via} by ${e.author}, ${day(e.created_at)}: ${e.text}   [made on an earlier version: check it still holds]`);
    for (const c of a.comments.filter((x) => x.field === key))
      lines.push(c.kind === 'request'
        ? `⚑ request #${c.comment_id} by ${c.author}: ${c.text}   [${c.status}${c.status !== 'open' ? ` by ${c.resolved_by}${c.resolution && c.resolution !== c.text ? `: ${c.resolution}` : ''}` : ''}]`
        : `💬 #${c.comment_id} ${c.author}, ${day(c.created_at)}: ${c.text}`);
    for (const c of a.carried_requests.filter((x) => x.field === key)) lines.push(`⚑ open request #${c.comment_id} from ${c.via} by ${c.author}: ${c.text}`);
    const note = i.view?.field_notes[key];
    if (note) lines.push(`note: ${note}`);
    return lines;
  };
  for (const key of keysOf(i)) {
    if (key === 'interviews') {
      if (i.interviews) out.push({ key, label: 'Interviews', lines: [`${i.interviews.interviews} of ${i.interviews.target} done (${i.interviews.people} customers)${i.interviews.remaining ? ` — ${i.interviews.remaining} to go: \`archetype interview-guide ${p.id}\`` : ''}`] });
      continue;
    }
    if (key === 'journey') {
      if (i.journey) out.push({ key, label: 'Journey', lines: journeyLines(i.journey) });
      continue;
    }
    if (key === 'questions_to_ask') {
      if (i.questionsToAsk.length) out.push({ key, label: 'Questions to ask', lines: i.questionsToAsk.map((q) => q.text) });
      continue;
    }
    const f: PersonaField | undefined = p.fields[key];
    const extra = marks(key);
    if (!f && !extra.length) continue;
    const label = f?.label ?? FIELD_LABELS[key] ?? key;
    const lines = f ? (f.insufficient ? [`not enough evidence: ${f.insufficient}`] : f.items.map(evidenceLine)) : [];
    out.push({ key, label, lines: [...lines, ...extra] });
  }
  for (const key of ['name', 'summary']) {
    const extra = marks(key);
    if (extra.length) out.push({ key, label: key === 'name' ? 'Name' : 'Summary', lines: extra });
  }
  return out;
}

/** Expectations along the journey: per stage, how many get there, how they feel, what hurts; then the opportunities. */
function journeyLines(j: JourneyMap): string[] {
  const lines = j.funnel.map((f) => {
    const e = j.emotions.find((x) => x.stage === f.stage);
    const pain = e?.pain_points[0];
    return [
      `${f.stage.padEnd(13)} ${f.customers.toLocaleString('en-US')}${f.conversion !== null ? ` (${pct(f.conversion)})` : ''}`,
      f.median_hours !== null ? `median ${(f.median_hours / 24).toFixed(1)} days` : '',
      e && !e.suppressed && e.sentiment !== null ? `sentiment ${e.sentiment >= 0 ? '+' : '−'}${Math.abs(e.sentiment).toFixed(2)}` : '',
      pain ? `pain: ${pain.theme} (${pain.customers})` : '',
      e?.thought ? `“${e.thought.text.length > 70 ? `${e.thought.text.slice(0, 69).trimEnd()}…` : e.thought.text}”` : '',
    ].filter(Boolean).join(' · ');
  });
  return [...lines, ...j.opportunities.slice(0, 3).map((o) => `opportunity at ${o.stage}: ${o.text}`)];
}

export function renderViewText(i: ViewInput): string {
  const p = i.persona;
  const out: string[] = [headerLine(p, i.version, i.status)];
  const unit = p.kind === 'account' ? 'accounts' : 'customers';
  out.push(`${p.size.toLocaleString('en-US')} ${unit} (${pct(p.share_of_customers)} of ${unit}, ${pct(p.share_of_revenue)} of revenue)` + (i.view ? ` · ${i.view.label} view` : ''));
  for (const n of i.view?.notes ?? []) out.push(`» ${n}`);
  out.push('', p.summary, '');
  for (const b of blocks(i)) b.lines.forEach((l, j) => out.push(`${(j === 0 ? b.label : '').padEnd(18)}${l}`));
  const open = i.annotations.comments.filter((c) => c.kind === 'request' && c.status === 'open').length + i.annotations.carried_requests.length;
  if (open) out.push('', `${open} open change request(s): resolve with \`archetype resolve ID --accept [--edit TEXT] | --decline --reason TEXT --by NAME\``);
  return out.join('\n') + '\n';
}

const esc = (s: string): string => s.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`);

export function renderViewMarkdown(i: ViewInput): string {
  const p = i.persona;
  const out: string[] = [`# ${esc(p.name)}${i.view ? ` — ${esc(i.view.label)} view` : ''}`, '', `*Persona ${p.id} · version ${i.version} (${i.status}) · ${p.size.toLocaleString('en-US')} ${p.kind === 'account' ? 'accounts' : 'customers'}, ${pct(p.share_of_customers)}*`, ''];
  for (const n of i.view?.notes ?? []) out.push(`> ${esc(n)}`, '');
  out.push(esc(p.summary), '');
  for (const b of blocks(i)) out.push(`## ${esc(b.label)}`, '', ...b.lines.map((l) => `- ${esc(l)}`), '');
  return out.join('\n');
}
