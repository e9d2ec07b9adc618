// Classifies a sentence as goal / pain_point / question / motivation / objection / other from cue rules and sentiment.
import { GOAL_CUES, MOTIVATION_CUES, NOT_GOAL, NOT_QUESTION, OBJECTION_CUES, PAIN_CUES, QUESTION_CUES, QUESTION_START } from './classify-rules.js';
import type { Cue } from './classify-rules.js';
import { naiveBayesScores } from './naive-bayes.js';
import { sentenceSentiment } from './sentiment.js';

export const SENTENCE_CLASSES = ['goal', 'pain_point', 'question', 'motivation', 'objection', 'other'] as const;
export type SentenceClass = (typeof SENTENCE_CLASSES)[number];
export type ClassScores = Record<SentenceClass, number>;

export interface ClassifyOptions {
  /** add the naive Bayes model's log-odds (trained on the shipped labelled sample) to the rule scores (default false:
   * on the held-out sentences it lowered accuracy from 0.94 to 0.93, see README) */
  readonly naiveBayes?: boolean;
}

// Ties go to the earlier class: a complaint phrased as a question is a question.
const PRIORITY: readonly SentenceClass[] = ['question', 'objection', 'pain_point', 'goal', 'motivation', 'other'];
const MIN_SCORE = 1.5;
const QUESTION_DECISIVE = 3;
const NB_WEIGHT = 0.5;

// Cues are written in lower case and matched against the lower-cased sentence: case-insensitive regexes are slower.
const lowerCase = (re: RegExp): RegExp => new RegExp(re.source, re.flags.replace('i', ''));
const lowerCues = (cues: readonly Cue[]): Cue[] => cues.map(([re, w]) => [lowerCase(re), w]);
const Q_CUES = lowerCues(QUESTION_CUES);
const G_CUES = lowerCues(GOAL_CUES);
const M_CUES = lowerCues(MOTIVATION_CUES);
const O_CUES = lowerCues(OBJECTION_CUES);
const P_CUES = lowerCues(PAIN_CUES);
const STRONG_MOTIVATION = M_CUES.filter(([re]) => re.source !== String.raw`\bbecause\b`);
const Q_START = lowerCase(QUESTION_START);
// in a neutral sentence "because" states a reason for a choice only in these shapes ("I fly with them because …")
const NEUTRAL_BECAUSE = /\b(?:i|we) (?:\w+ ){0,3}(?:them|it|this|here|there|one) because\b|\bbecause of (?:the|their|its|how)\b/;
const NOT_Q = lowerCase(NOT_QUESTION);
const NOT_G = lowerCase(NOT_GOAL);

const best = (cues: readonly Cue[], text: string): number => {
  let m = 0;
  for (const [re, w] of cues) if (w > m && re.test(text)) m = w;
  return m;
};

const AUX = /^(?:is|are|am|was|were|do|does|did|can|could|will|would|should|shall|has|have|had|may|might|isn't|aren't|doesn't|didn't|won't|can't|couldn't|wouldn't|hasn't|haven't)$/;
const SUBJECT = /^(?:i|you|we|they|it|he|she|there|anyone|anybody|someone|somebody|my|the|this|that|your|our|these|those|any|a|an)$/;
const WH = /^(?:what|why|how|when|where|which|who|whom|whose)$/;

function questionScore(t: string): number {
  if (NOT_Q.test(t)) return 0;
  let s = /\?\s*(?:[\p{Extended_Pictographic}\s]|[!.)])*$/u.test(t) ? 3 : /\?/.test(t) ? 1.5 : 0;
  const lead = t.replace(/^(?:@\w+\s+)+/, '').replace(/^(?:hi|hello|hey|ok|okay|so|and|but|also|please|quick question)[,!]?\s+/, '');
  const ws = lead.split(/[^a-z']+/).filter((w) => w !== '');
  const [w0 = '', w1 = '', w2 = '', w3 = ''] = ws;
  if (Q_START.test(t)) {
    // without a question mark, "When I called, ..." is a clause: ask for an auxiliary right after the wh-word
    if (s > 0) s += 1;
    else if (WH.test(w0) && [w1, w2, w3].some((w) => AUX.test(w))) s += 3;
    else if (AUX.test(w0) && SUBJECT.test(w1)) s += 3;
    else if (w0 === 'why') s += 3;
  }
  return Math.max(s, best(Q_CUES, t));
}

/** Rule scores per class (higher = more evidence); `sentiment` in [-1, 1] is computed when not given. */
export function ruleScores(sentence: string, sentiment: number = sentenceSentiment(sentence)): ClassScores {
  const text = sentence.trim().toLowerCase().replace(/’/g, "'");
  const question = questionScore(text);
  const goal = NOT_G.test(text) ? 0 : best(G_CUES, text);
  const objection = best(O_CUES, text);
  const cue = sentiment < 0.3 ? best(P_CUES, text) : 0;
  // a bare "because" explains a complaint as often as a choice: it needs a positive, or a neutral complaint-free, sentence
  const becauseOk = sentiment > 0.05 || (sentiment >= 0 && cue === 0 && NEUTRAL_BECAUSE.test(text));
  let motivation = sentiment < -0.1 ? 0 : best(becauseOk ? M_CUES : STRONG_MOTIVATION, text);
  if (motivation > 0 && sentiment > 0.2) motivation += 0.5;
  let pain = cue + (sentiment < -0.05 ? 1 : 0) + (sentiment < -0.4 ? 1 : 0);
  if (cue === 0) pain = sentiment < -0.25 ? 2 : 0;
  return { goal, pain_point: pain, question, motivation, objection, other: 0 };
}

/** Scores per class: rules, plus naive Bayes log-odds against "other" unless disabled. */
export function classScores(text: string, sentiment?: number, options: ClassifyOptions = {}): ClassScores {
  const s = ruleScores(text, sentiment);
  if (options.naiveBayes ?? false) {
    const nb = naiveBayesScores(text);
    for (const c of SENTENCE_CLASSES) if (c !== 'other') s[c] += NB_WEIGHT * Math.max(0, nb[c] - nb.other);
  }
  return s;
}

/** The class of one sentence. */
export function classifySentence(text: string, sentiment?: number, options: ClassifyOptions = {}): SentenceClass {
  const s = classScores(text, sentiment, options);
  // an interrogative sentence is a question, whatever else it says ("why is my bag still missing")
  if (s.question >= QUESTION_DECISIVE) return 'question';
  let label: SentenceClass = 'other';
  let top = 0;
  for (const c of PRIORITY) {
    if (c !== 'other' && s[c] >= MIN_SCORE && s[c] > top + 1e-9) {
      top = s[c];
      label = c;
    }
  }
  return label;
}
