// Feedback text per segment: pulls a bounded, deterministic sample of each segment's feedback and runs the text analysis.
import type { Engine } from '../../engine/engine.js';
import { analyzeFeedback, type FeedbackRow } from '../text/analyze.js';
import type { StatementList } from '../text/statements.js';
import type { Quote } from './persona-types.js';
import type { GroupText, TextStatement } from './text-insights.js';

export interface SegmentTextOptions {
  minimum: number;
  seed: number;
  /** feedback rows analysed per segment at most (default 4000) */
  perSegment?: number;
  /** called when the rows are read, right before the (synchronous) analysis: e.g. to start an engine statement meanwhile */
  whileAnalysing?: () => void;
}

const quote = (q: { feedback_id: string; text: string; source?: string | null; rating?: number | null }): Quote => ({
  text: q.text, feedback_id: q.feedback_id, source: q.source ?? null, rating: q.rating ?? null,
});

function statements(list: StatementList): TextStatement[] {
  return list.items.map((s) => ({ text: s.text, sentences: s.sentences, customers: s.customers, sentiment: s.sentiment, quotes: s.quotes.map(quote) }));
}

/** Map segment → text insights (segments under the privacy minimum are left out). */
export async function segmentTexts(engine: Engine, assignments: string, opts: SegmentTextOptions): Promise<Map<number, GroupText>> {
  const d = engine.dialect;
  const per = opts.perSegment ?? 4000;
  const rows: FeedbackRow[] = [];
  const order = d.hashText(['f.feedback_id', d.literal(String(opts.seed))]);
  const joined = `SELECT f.feedback_id AS feedback_id, f.text AS text, f.customer_id AS customer_id, f.source AS source, f.rating AS rating,
       f.stage AS stage, a.segment AS segment, ${order} AS __order
       FROM feedback f JOIN ${d.ident(assignments)} a ON a.customer_id = f.customer_id`;
  await engine.stream(
    `SELECT feedback_id, text, customer_id, source, rating, stage, segment
       FROM (${d.firstRowsPerGroup(joined, 'segment', '__order, feedback_id', per)}) x ORDER BY segment, feedback_id`,
    undefined,
    (chunk) => {
      for (const r of chunk)
        rows.push({
          feedback_id: String(r['feedback_id']), text: String(r['text'] ?? ''), group: String(r['segment']),
          customer_id: r['customer_id'] === null ? null : String(r['customer_id']), source: (r['source'] as string | null) ?? null,
          rating: r['rating'] === null || r['rating'] === undefined ? null : Number(r['rating']), stage: (r['stage'] as string | null) ?? null,
        });
    },
  );
  const out = new Map<number, GroupText>();
  if (rows.length === 0) return out;
  // part-of-speech tagging (the term lexicon) on a 3,000-sentence sample: it was half of the text step at 10k customers,
  // and a company's vocabulary is covered long before that (the journeys' emotions use 1,000)
  opts.whileAnalysing?.();
  const analysis = analyzeFeedback(rows, { minCustomers: opts.minimum, includeAll: false, posSample: 3000 });
  for (const g of analysis.groups) {
    if (g.suppressed) continue;
    out.set(Number(g.group), {
      feedback: g.feedback, customers: g.customers, sentiment: g.sentiment.mean,
      themes: g.themes.map((t) => ({ phrase: t.phrase, sentences: t.sentences, customers: t.customers, share: t.share, allShare: t.allShare, lift: t.lift, sentiment: t.sentiment, quotes: t.quotes.map(quote) })),
      goals: statements(g.goals), pain_points: statements(g.pain_points), questions: statements(g.questions),
      motivations: statements(g.motivations), objections: statements(g.objections),
      headline: g.headline ? quote(g.headline) : null,
    });
  }
  return out;
}
