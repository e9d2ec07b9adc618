// Feedback text analysis per group (persona): sentiment, themes, goals / pain points / questions / motivations /
// objections with quotes, and sentiment per journey stage. Groups under the privacy minimum get no figures.
import { problem } from '../../shared/problems.js';
import { buildCorpus } from './corpus.js';
import type { Corpus, CorpusOptions, FeedbackRow } from './corpus.js';
import { docSentiments, stages, summarise } from './group-sentiment.js';
import type { SentimentSummary, StageSentiment } from './group-sentiment.js';
import type { Quote, QuoteOptions } from './quotes.js';
import type { RatingScale } from './rating.js';
import { clusterStatements } from './statements.js';
import type { StatementList } from './statements.js';
import { customersPerGroup } from './theme-stats.js';
import { extractThemes } from './themes.js';
import type { Theme } from './themes.js';

export type { FeedbackRow } from './corpus.js';
export type { SentimentSummary, StageSentiment } from './group-sentiment.js';

export interface AnalyzeOptions extends CorpusOptions {
  /** groups (and stage cells) with fewer distinct customers get no statistics or quotes (default 10) */
  readonly minCustomers?: number;
  /** rating scale; 'auto' (default) reads it per source: 0–10 when any rating is 0 or above 5, else 1–5 */
  readonly ratingScale?: RatingScale | 'auto';
  /** weight of the rating in a document's blended sentiment (default 0.5) */
  readonly ratingWeight?: number;
  /** |sentiment| at or under this is neutral (default 0.08, chosen on airline-tweets dev rows) */
  readonly neutralBand?: number;
  readonly maxThemes?: number;
  readonly maxStatements?: number;
  readonly quotes?: number;
  /** brand, product and company names the PII scrubber must not take for personal names or handles */
  readonly keepNames?: readonly string[];
  /** add a group "all" with every row (default true) */
  readonly includeAll?: boolean;
  /** cluster goals, pain points, questions, motivations and objections (default true); false leaves those lists empty, for callers that read only themes, sentiment and quotes */
  readonly statements?: boolean;
}

export interface GroupText {
  readonly group: string;
  readonly suppressed: false;
  readonly customers: number;
  readonly feedback: number;
  readonly sentences: number;
  readonly sentiment: SentimentSummary;
  /** a representative quote for the group: the best quote of its top theme */
  readonly headline: Quote | null;
  readonly themes: readonly Theme[];
  readonly goals: StatementList;
  readonly pain_points: StatementList;
  readonly questions: StatementList;
  readonly motivations: StatementList;
  readonly objections: StatementList;
  readonly stages: readonly StageSentiment[];
}

export interface ProblemData {
  readonly code: string;
  readonly message: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface SuppressedGroup {
  readonly group: string;
  readonly suppressed: true;
  readonly problem: ProblemData;
}

export interface TextAnalysis {
  /** one entry per group, sorted by name; "all" last when included */
  readonly groups: readonly (GroupText | SuppressedGroup)[];
  readonly rows: number;
  readonly sentences: number;
  readonly ms: number;
}

export const ALL_GROUP = 'all';

/** Analyses feedback rows per group. Deterministic: the same rows in the same order give the same result. */
export function analyzeFeedback(rows: readonly FeedbackRow[], options: AnalyzeOptions = {}): TextAnalysis {
  const started = Date.now();
  const min = options.minCustomers ?? 10;
  const band = options.neutralBand ?? 0.08;
  const quotes = options.quotes ?? 3;
  const quoteOptions: QuoteOptions = { pii: { keep: options.keepNames ?? [] } };
  // without statement lists nothing reads the sentence classes
  const corpus = buildCorpus(rows, options.statements === false ? { ...options, labels: false } : options);
  const G = corpus.groups.length;
  const customers = customersPerGroup(corpus);
  const { text, blended } = docSentiments(corpus, options);
  const all = Int32Array.from(corpus.sentenceText.keys());
  const themes = extractThemes(corpus, all, { maxThemes: options.maxThemes ?? 10, quotes, quoteOptions });
  const statementOptions = { max: options.maxStatements ?? 6, quotes, quoteOptions };
  const none: StatementList = { sentences: 0, customers: 0, sentiment: 0, items: [], unclustered: 0 };
  const cluster = (cls: Parameters<typeof clusterStatements>[1]): StatementList[] =>
    options.statements === false ? Array.from({ length: G + 1 }, () => none) : clusterStatements(corpus, cls, statementOptions);
  const goals = cluster('goal');
  const pains = cluster('pain_point');
  const questions = cluster('question');
  const motivations = cluster('motivation');
  const objections = cluster('objection');

  const docsOf: number[][] = Array.from({ length: G + 1 }, () => []);
  corpus.docs.forEach((d, i) => {
    (docsOf[d.group] as number[]).push(i);
    (docsOf[G] as number[]).push(i);
  });
  const sentencesOf = new Float64Array(G + 1);
  corpus.sentenceDoc.forEach((d) => {
    sentencesOf[(corpus.docs[d] as Corpus['docs'][number]).group]++;
    sentencesOf[G]++;
  });
  // a real group called "all" keeps its name; the aggregate then says what it is
  const names = [...corpus.groups, corpus.groups.includes(ALL_GROUP) ? `${ALL_GROUP} (every group)` : ALL_GROUP];
  const columns = options.includeAll === false ? names.slice(0, G) : names;
  const groups = columns.map((group, c): GroupText | SuppressedGroup => {
    const size = customers[c] as number;
    if (size < min) {
      const p = problem('persona/group-too-small', { size, minimum: min });
      return { group, suppressed: true, problem: { code: p.code, message: p.message, params: p.params } };
    }
    const docs = docsOf[c] as number[];
    return {
      group,
      suppressed: false,
      customers: size,
      feedback: docs.length,
      sentences: sentencesOf[c] as number,
      sentiment: summarise(docs, text, blended, corpus, band),
      headline: themes[c]?.[0]?.quotes[0] ?? null,
      themes: themes[c] ?? [],
      goals: goals[c] as StatementList,
      pain_points: pains[c] as StatementList,
      questions: questions[c] as StatementList,
      motivations: motivations[c] as StatementList,
      objections: objections[c] as StatementList,
      stages: stages(corpus, docs, text, blended, band, min, quoteOptions),
    };
  });
  return { groups, rows: rows.length, sentences: corpus.sentenceText.length, ms: Date.now() - started };
}

/**
 * Loads what the analysis loads lazily on first use (the language model's pipelines, lexicons: ~0.1–0.3 s once per
 * process), so that a caller can pay it while the engine works rather than after.
 */
export function warmUpTextAnalysis(): void {
  const rows: FeedbackRow[] = ['The delivery was late and support never answered.', 'Great quality, fast shipping, would buy again!'].map((text, i) => (
    { feedback_id: `warm-up-${i}`, text, group: 'warm-up', customer_id: `warm-up-${i}`, rating: i === 0 ? 1 : 5, source: null, stage: null }
  ));
  analyzeFeedback(rows, { minCustomers: 1, includeAll: false, posSample: 10, statements: false });
}
