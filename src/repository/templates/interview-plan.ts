// Interview plan: per persona, whom to interview (segment members, spread over its traits, nobody twice) and which questions, weakest fields first.
import type { Engine } from '../../engine/engine.js';
import { dataVersion } from './validate-claims.js';
import type { HandPersona } from './handmade-store.js';
import type { PersonaTemplate } from './template-schema.js';

export interface PlanEntry { persona: string; name: string; segment: string; target: number; customers: string[]; questions: string[]; weakest: string[] }

/** Always asked: how the purchase started, how they got informed, what decided it. */
export const CORE_QUESTIONS = [
  'Tell me about yourself: your role, your company or household, a typical week.',
  'What started your purchase reflection? What was going on at the time?',
  'How did you get informed: where did you look, whom did you ask, what did you read?',
  'What made you decide, and what almost stopped you?',
];
const STRATA = ['acquisition_channel', 'country', 'region', 'gender', 'industry', 'company_size', 'loyalty_tier'];

/** Segment members, round-robin over the strata of their traits so the picks differ; `taken` is shared across personas. */
export async function pickCustomers(engine: Engine, version: number, personaId: string, target: number, taken: Set<string>): Promise<string[]> {
  const sample = await engine.all<Record<string, unknown>>(`SELECT * FROM customers LIMIT 1`);
  const cols = STRATA.filter((c) => c in (sample[0] ?? {}));
  const key = cols.length ? cols.map((c) => `coalesce(CAST(c."${c}" AS ${engine.dialect.types.text}), '')`).join(` || '|' || `) : `''`;
  const rows = await engine.all<{ customer_id: string; k: string }>(
    `SELECT a.customer_id, ${key} AS k FROM _assignments a JOIN customers c ON c.customer_id = a.customer_id
     WHERE a.version = $v AND a.persona_id = $p ORDER BY a.customer_id`, { v: version, p: personaId },
  );
  const groups = new Map<string, string[]>();
  for (const r of rows) if (!taken.has(r.customer_id)) groups.set(r.k, [...(groups.get(r.k) ?? []), r.customer_id]);
  const queues = [...groups.values()].sort((a, b) => b.length - a.length);
  const picked: string[] = [];
  for (let round = 0; picked.length < target && queues.some((q) => q.length > round); round++) {
    for (const q of queues) { const c = q[round]; if (c !== undefined && picked.length < target) picked.push(c); }
  }
  for (const c of picked) taken.add(c);
  return picked;
}

export async function interviewPlan(
  engine: Engine, opts: { target: number; only?: string; hand: HandPersona[]; templates: PersonaTemplate[] },
): Promise<PlanEntry[]> {
  const v = await dataVersion(engine);
  const taken = new Set<string>();
  const plan: PlanEntry[] = [];
  const dataPersonas = v.personas.filter((p) => opts.only === undefined || p.id === opts.only);
  for (const h of opts.hand.filter((x) => opts.only === undefined || x.id === opts.only)) {
    const tpl = opts.templates.find((t) => t.name === h.template);
    const weakest = Object.entries(h.fields).filter(([, cs]) => !cs.some((c) => c.evidence.length)).map(([f]) => f);
    const questions = [...CORE_QUESTIONS, ...weakest.flatMap((f) => tpl?.fields.find((x) => x.name === f)?.question ?? `About ${f.replace(/_/g, ' ')}: what is true for you?`)];
    const customers = h.segment !== undefined ? await pickCustomers(engine, v.version, h.segment, opts.target, taken) : [];
    plan.push({ persona: h.id, name: h.name, segment: h.segment ?? 'none (link one with --segment to pick customers)', target: opts.target, customers, questions: [...new Set(questions)], weakest });
  }
  for (const p of dataPersonas) {
    const customers = await pickCustomers(engine, v.version, p.id, opts.target, taken);
    plan.push({ persona: p.id, name: p.name, segment: `${p.id} (version ${v.version})`, target: opts.target, customers, questions: CORE_QUESTIONS, weakest: [] });
  }
  return plan;
}

export function renderPlanMarkdown(plan: PlanEntry[]): string {
  return plan.map((e) => [
    `## ${e.persona} · ${e.name}`, '', `Segment: ${e.segment} · interview ${e.target}${e.customers.length < e.target ? ` (${e.customers.length} available)` : ''}`,
    e.weakest.length ? `Weakest fields (no evidence yet): ${e.weakest.join(', ')}` : '', '',
    '### Whom', '', ...e.customers.map((c) => `- ${c}`), '', '### Questions', '', ...e.questions.map((q, i) => `${i + 1}. ${q}`), '',
  ].join('\n')).join('\n');
}
