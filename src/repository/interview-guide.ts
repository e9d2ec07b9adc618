// An interview guide per persona: demographic and behavioural questions, the fields with the weakest evidence first, probes that test the data's claims.
import { FIELD_LABELS, FIELD_ORDER, type Evidence, type Persona, type PersonaField } from '../analysis/personas/persona-types.js';
import type { InterviewCount } from './interviews.js';
import { definingTraits } from './drift.js';

export type QuestionKind = 'demographic' | 'behavioural' | 'probe';

export interface GuideQuestion {
  kind: QuestionKind;
  text: string;
}

export interface GuideSection {
  field: string;
  label: string;
  /** 0 (no evidence) … 1 (many customers, high confidence) */
  strength: number;
  evidence: string;
  questions: GuideQuestion[];
}

export interface InterviewGuide {
  persona: { id: string; name: string; kind: Persona['kind']; size: number };
  version: number;
  interviews: InterviewCount | null;
  recruit: string[];
  sections: GuideSection[];
  closing: GuideQuestion[];
  after: string[];
}

const CONFIDENCE_WEIGHT = { high: 1, medium: 0.6, low: 0.3 } as const;

/** How well a field is evidenced: mean over its claims of confidence × a log-scaled count (1000 customers ≈ full weight). */
export function evidenceStrength(f: PersonaField | undefined): number {
  if (!f || f.insufficient || f.items.length === 0) return 0;
  const s = f.items.map((e) => CONFIDENCE_WEIGHT[e.confidence] * Math.min(1, Math.log10(e.n + 1) / 3));
  return s.reduce((a, b) => a + b, 0) / s.length;
}

function evidenceWords(f: PersonaField | undefined): string {
  if (!f) return 'no data';
  if (f.insufficient || f.items.length === 0) return `not enough evidence (${f.insufficient ?? 'no claims'})`;
  const low = f.items.filter((e) => e.confidence === 'low').length;
  const n = Math.max(...f.items.map((e) => e.n));
  return `${f.items.length} claim${f.items.length > 1 ? 's' : ''}, up to n=${n.toLocaleString('en-US')}${low ? `, ${low} of low confidence` : ''}`;
}

/** The product context to anchor questions: the persona's biggest category by spend, if the data shows one. */
function category(p: Persona): string {
  const claim = p.fields['behaviour']?.items.find((e) => /% of spend/.test(e.claim))?.claim;
  const m = claim ? /^(.+?)\s+\d/.exec(claim) : null;
  return m?.[1] ?? (p.kind === 'account' ? 'a purchase like this' : 'something from us');
}

type Templates = (ctx: { what: string; b2b: boolean }) => GuideQuestion[];
const b = (text: string): GuideQuestion => ({ kind: 'behavioural', text });
const d = (text: string): GuideQuestion => ({ kind: 'demographic', text });

const TEMPLATES: Record<string, Templates> = {
  demographics: ({ b2b }) =>
    b2b
      ? [d('What is your role, and what does your team do?'), d('How large is your company, and in which industry and country does it work?'), d('Who else takes part when you buy for the company?')]
      : [d('Which age bracket are you in: under 25, 25–34, 35–44, 45–54, 55 or over?'), d('Where do you live, and who do you live with?'), d('What do you do for a living?')],
  behaviour: ({ what }) => [b(`Walk me through the last time you bought ${what}: when, where, and how did you pay?`), b('How often do you buy things like this, and has that changed in the last year?'), b('On which device do you usually order: phone, app, computer, in a shop?')],
  value: ({ what }) => [b(`Roughly how much do you spend on ${what} in a year?`), b('What would make you spend more with us, or less?')],
  channels: () => [b('How did you first hear about us?'), b('When we contact you (email, ads, social), what do you open and what do you ignore?')],
  content: () => [b('Which guides, videos, photos or articles helped you decide? Where did you find them?'), b('What would you like to read or watch before your next purchase?')],
  goals: ({ what }) => [b(`What were you trying to achieve when you bought ${what}?`), b('How do you know it went well?')],
  pain_points: () => [b('What was the most frustrating part of buying from us? Tell me about the last time it happened.'), b('What did you do about it?')],
  questions: () => [b('What did you need to know before you bought, and where did you look for the answer?'), b('Which question did nobody answer well?')],
  motivations: () => [b('Why did you choose us rather than somewhere else?'), b('What would make you switch?')],
  buying_criteria: ({ b2b }) => [b(b2b ? 'How did you compare suppliers, and what decided it?' : 'How did you compare options, and what mattered most in the end?'), b('Which criterion would you never compromise on?')],
  triggers: () => [b('What happened just before you decided to buy the first time?'), b('What usually makes you start looking again?')],
  objections: () => [b('What nearly stopped you from buying?'), b('What would you need to hear to overcome that?')],
  information_sources: () => [b('Where do you get advice or reviews before buying: friends, forums, magazines, social media?'), b('Whom do you trust most for advice, and why?')],
  support: () => [b('Tell me about the last time you contacted customer service: what happened, and how did it end?'), b('What would good support have looked like?')],
  buying_committee: () => [b('Who is involved in choosing and approving a purchase like this, and who has the final word?')],
  accounts: () => [b('Where do you work, and how does your company buy from us?')],
  typical_day: ({ what }) => [b(`Walk me through a typical day: where does ${what} fit in?`), b('Which tools, apps or websites do you use during that day?')],
  themes: () => [b('When you think about shopping with us, what comes to mind first?')],
};

/** A probe that tests a claim of the data with the interviewee's own experience. */
function probe(e: Evidence): GuideQuestion {
  const quote = e.quotes?.[0]?.text;
  const bare = (t: string): string => t.trim().replace(/[.!]+$/, '');
  return { kind: 'probe', text: quote ? `Others said “${bare(quote)}” — does that match your experience? Tell me about a time.` : `Our data says “${bare(e.claim)}” — does that ring true for you? Why, or why not?` };
}

export function interviewGuide(p: Persona, version: number, interviews: InterviewCount | null): InterviewGuide {
  const b2b = p.kind === 'account' || 'buying_committee' in p.fields || 'accounts' in p.fields;
  const what = category(p);
  const keys = [...new Set([...FIELD_ORDER, ...Object.keys(p.fields)])].filter((k) => TEMPLATES[k] && (k !== 'buying_committee' || p.kind === 'account') && (k !== 'accounts' || 'accounts' in p.fields));
  const sections = keys.map((k): GuideSection => {
    const f = p.fields[k];
    const strength = evidenceStrength(f);
    const questions = [...(TEMPLATES[k] as Templates)({ what, b2b })];
    const weak = f?.items.filter((e) => e.confidence !== 'high').slice(0, 2) ?? [];
    questions.push(...weak.map(probe));
    return { field: k, label: f?.label ?? FIELD_LABELS[k] ?? k, strength, evidence: evidenceWords(f), questions };
  });
  // weakest evidence first; among equals, the card's order
  sections.sort((x, y) => x.strength - y.strength || keys.indexOf(x.field) - keys.indexOf(y.field));
  const traits = definingTraits(p, 4).map((t) => `${t.label} ${t.direction === 'high' ? 'above' : 'below'} average${t.lift !== null ? ` (${t.lift.toFixed(1)}×)` : ''}`);
  return {
    persona: { id: p.id, name: p.name, kind: p.kind, size: p.size },
    version,
    interviews,
    recruit: [
      `Customers assigned to ${p.id} in version ${version}: \`archetype assignments --version ${version}\` lists them (persona_id = ${p.id}).`,
      ...(traits.length ? [`They stand out by: ${traits.join('; ')}.`] : []),
      'Prefer people not interviewed yet, recent buyers and a mix of countries and ages within the persona.',
    ],
    sections,
    closing: [b('Is there anything we did not ask that we should have?'), b('May we contact you again with a follow-up question?')],
    after: [
      'Write the notes as one Markdown file per interview (optional front matter: customer, date, rating, stage).',
      `Import them: \`archetype ingest notes/*.md --entity feedback --source interview --customer CUSTOMER_ID\`; they feed the next build (\`archetype refresh\`).`,
    ],
  };
}
