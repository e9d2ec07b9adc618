// Composes a persona's feedback text from its templates: sentiment-driven sentence kinds, source framing, rare PII.
import type { Rng } from '../shared/rng.js';
import type { Stage } from '../contract/entities.js';
import type { CompanySpec, PersonaTexts } from './persona-spec.js';

const FIRST = ['Anna', 'Lukas', 'Sophie', 'James', 'Marta', 'Pierre', 'Elena', 'Jonas', 'Chloe', 'Tom', 'Priya', 'Mateo'];
const LAST = ['Berg', 'Dubois', 'Smith', 'Rossi', 'Jansen', 'Novak', 'Keller', 'Larsen', 'Moreau', 'Walsh', 'Okafor', 'Silva'];

/** Share of feedback texts carrying an email, a phone number or a name, so PII scrubbing has something to find. */
export const PII_SHARE = 0.02;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

function fill(rng: Rng, template: string, texts: PersonaTexts, store: string): string {
  const s = template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot === 'theme') return pick(rng, texts.themes);
    if (slot === 'store') return store;
    const values = texts.slots[slot];
    return values ? pick(rng, values) : slot;
  });
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function pii(rng: Rng): string {
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  switch (rng.int(4)) {
    case 0:
      return `My name is ${first} ${last}, in case you need it.`;
    case 1:
      return `You can reach me at ${first.toLowerCase()}.${last.toLowerCase()}${String(10 + rng.int(89))}@example.com.`;
    case 2:
      return `Call me on +44 7700 900${String(100 + rng.int(899))} if anything is unclear.`;
    default:
      return `My name is ${first}, phone (555) 01${String(10 + rng.int(89))}, email ${first.toLowerCase()}@example.org.`;
  }
}

/** The middle sentence's kind, by stage and sentiment: what people talk about at each step of the journey. */
function middle(texts: PersonaTexts, stage: Stage, positive: boolean): readonly (readonly string[])[] {
  if (positive) {
    if (stage === 'awareness') return [texts.goals, texts.motivations];
    if (stage === 'consideration') return [texts.goals, texts.questions, texts.motivations];
    if (stage === 'decision') return [texts.motivations, texts.goals];
    return [texts.motivations, texts.goals, texts.happy];
  }
  if (stage === 'awareness' || stage === 'consideration') return [texts.objections, texts.questions, texts.goals];
  if (stage === 'decision') return [texts.objections, texts.pains, texts.questions];
  return [texts.pains, texts.questions, texts.objections];
}

export interface FeedbackDraft {
  text: string;
  rating: string;
  question: string;
}

export function composeFeedback(
  rng: Rng, company: CompanySpec, texts: PersonaTexts, source: string, stage: Stage, positive: boolean,
): FeedbackDraft {
  const store = company.shortName;
  const parts: string[] = [];
  const used = new Set<string>();
  const say = (templates: readonly string[]): void => {
    const t = pick(rng, templates);
    if (used.has(t)) return;
    used.add(t);
    parts.push(fill(rng, t, texts, store));
  };
  say(positive ? texts.happy : texts.unhappy);
  say(pick(rng, middle(texts, stage, positive)));
  if (rng.next() < 0.3) say(texts.questions);
  if (rng.next() < 0.35) say(rng.next() < 0.5 ? texts.goals : texts.pains);
  if (rng.next() < 0.25) parts.push(pick(rng, positive ? company.commonHappy : company.commonUnhappy));
  if (rng.next() < PII_SHARE) parts.push(pii(rng));
  if (rng.next() < 0.5) rng.shuffle(parts);
  let text = parts.join(' ');
  let question = '';
  let rating = '';
  const score = positive ? (rng.next() < 0.55 ? 5 : rng.next() < 0.9 ? 4 : 3) : rng.next() < 0.4 ? 1 : rng.next() < 0.7 ? 2 : 3;
  switch (source) {
    case 'review':
      rating = String(score);
      break;
    case 'survey':
      rating = String(score);
      question = pick(rng, company.surveyQuestions[stage]);
      break;
    case 'interview':
      question = pick(rng, company.surveyQuestions[stage]);
      text = `Interview notes: ${text}`;
      break;
    case 'support':
      text = `Hello, support team. ${text} Thanks.`;
      break;
    case 'sales_note':
      text = `Call note, ${store} rep: prospect said "${text}"`;
      break;
    default:
      text = `${text} #${store.toLowerCase()}`;
  }
  return { text, rating, question };
}
