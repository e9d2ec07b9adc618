// Emotions per stage: feedback tied to a stage (its `stage` column, else the customer's stage at the time), sentiment, a thought, pain points.
import type { Engine, Params } from '../../engine/engine.js';
import { STAGES, type Stage } from '../../contract/entities.js';
import { analyzeFeedback, type FeedbackRow, type GroupText } from '../text/analyze.js';
import { sharedLexicon } from '../text/corpus.js';
import type { Quote } from '../text/quotes.js';
import { CUST, membership } from './customer-stages.js';
import { ALL_GROUP, type PainPoint, type QuoteRef, type StageEmotion } from './journey-types.js';

export interface EmotionOptions {
  minimum: number;
  /** feedback rows analysed per group and stage, about (default 100) */
  perCell: number;
}

const SEP = '\u0001';
const FB = '_j_fb';

/** Stage of a feedback row: the column when set, else the stage the customer entered last before writing it (within the window). */
function stageSql(engine: Engine): string {
  const col = `CASE f.stage ${STAGES.map((s, i) => `WHEN ${engine.dialect.literal(s)} THEN ${i + 1}`).join(' ')} END`;
  const at = [1, 2, 3, 4, 5].map((i) => `CASE WHEN c.t${i} <= f.created_at THEN c.t${i} END`);
  const latest = engine.dialect.greatest(at);
  const byTime = `CASE ${[5, 4, 3, 2, 1].map((i) => `WHEN ${latest} = c.t${i} THEN ${i}`).join(' ')} END`;
  return `coalesce(${col}, ${byTime})`;
}

const ref = (q: Quote | null | undefined): QuoteRef | null =>
  q ? { text: q.text, feedback_id: q.feedback_id, source: q.source ?? null, rating: q.rating ?? null } : null;

/** The feedback an emotions analysis reads: counts per group and stage, and a hash sample of rows per cell. */
export interface EmotionInput {
  counts: { g: string; st: number; n: number; by_col: number }[];
  rows: { feedback_id: string; text: string; customer_id: string | null; source: string | null; rating: number | null; grp: string | null; st: number; in_group: boolean; in_all: boolean }[];
}

/** SQL only: the feedback tied to each group's stages (null without a feedback table). */
export async function readEmotionFeedback(engine: Engine, opts: EmotionOptions): Promise<EmotionInput | null> {
  if (!(await engine.tableExists('feedback'))) return null;
  const d = engine.dialect;
  await engine.exec(d.dropTable(FB));
  await engine.exec(
    d.createTableAs(
      FB,
      `SELECT f.feedback_id AS feedback_id, c.grp AS grp, ${stageSql(engine)} AS st, f.stage IS NOT NULL AS by_col
         FROM feedback f JOIN ${CUST} c ON c.customer_id = f.customer_id`,
      { temporary: true },
    ),
  );
  const counts = (
    await engine.all<{ g: string; st: number; n: number; by_col_n: number }>(
      `SELECT g, st, count(*) AS n, count(CASE WHEN by_col THEN 1 END) AS by_col_n FROM ${membership(FB, ALL_GROUP)} m WHERE st IS NOT NULL GROUP BY g, st`,
    )
  ).map((c) => ({ ...c, by_col: c.by_col_n }));
  // about perCell rows per group and stage, by a hash of the feedback id (no sort of all feedback)
  const params: Params = {};
  const rates = counts.map((c, i) => {
    params[`g${i}`] = c.g;
    params[`r${i}`] = Math.min(1, opts.perCell / Math.max(1, Number(c.n)));
    return `SELECT $g${i} AS g, ${Number(c.st)} AS st, CAST($r${i} AS ${d.types.float}) AS rate`;
  });
  const rows = rates.length
    ? await engine.all<{ feedback_id: string; text: string; customer_id: string | null; source: string | null; rating: number | null; grp: string | null; st: number; in_group: boolean; in_all: boolean }>(
        `SELECT f.feedback_id AS feedback_id, f.text AS text, f.customer_id AS customer_id, f.source AS source, f.rating AS rating, x.grp AS grp,
                x.st AS st, coalesce(x.in_group, ${d.bool(false)}) AS in_group, x.in_all AS in_all
           FROM (SELECT b.feedback_id AS feedback_id, b.grp AS grp, b.st AS st, ${d.hashSample('b.feedback_id', 'rg.rg_rate')} AS in_group,
                        ${d.hashSample('b.feedback_id', 'b.rate_all')} AS in_all
                   FROM (SELECT b.*, ra.rate AS rate_all FROM ${FB} b
                           JOIN (SELECT st, rate FROM (${rates.join(' UNION ALL ')}) r WHERE g = ${d.literal(ALL_GROUP)}) ra ON ra.st = b.st) b
                   LEFT JOIN (SELECT g AS grp, st, rate AS rg_rate FROM (${rates.join(' UNION ALL ')}) r) rg ON rg.grp = b.grp AND rg.st = b.st) x
           JOIN feedback f ON f.feedback_id = x.feedback_id WHERE x.in_group OR x.in_all ORDER BY feedback_id`,
        params,
      )
    : [];
  await engine.exec(d.dropTable(FB));
  return { counts, rows };
}

/** JavaScript only (synchronous): sentiment, thoughts and pain points per group and stage. */
export function analyseEmotions(input: EmotionInput, opts: EmotionOptions): Map<string, StageEmotion[]> {
  const out = new Map<string, StageEmotion[]>();
  const { counts, rows } = input;
  const row = (r: (typeof rows)[number], group: string): FeedbackRow => ({
    feedback_id: String(r.feedback_id), text: String(r.text ?? ''), group: `${group}${SEP}${STAGES[Number(r.st) - 1]}`,
    customer_id: r.customer_id === null ? null : String(r.customer_id), source: r.source ?? null,
    rating: r.rating === null || r.rating === undefined ? null : Number(r.rating), stage: STAGES[Number(r.st) - 1] ?? null,
  });
  const grouped = rows.filter((r) => r.grp !== null && r.in_group).map((r) => row(r, String(r.grp)));
  const everyone = rows.filter((r) => r.in_all).map((r) => row(r, ALL_GROUP));
  const cells = new Map<string, GroupText | null>();
  // a bounded part-of-speech sample keeps the fixed cost of the text analysis small, learnt once for both analyses
  // (their texts overlap); the maps read no statement lists
  const lexicon = sharedLexicon([...grouped, ...everyone].map((r) => r.text), { posSample: 1000 });
  for (const list of [grouped, everyone]) {
    if (list.length === 0) continue;
    const analysis = analyzeFeedback(list, { minCustomers: opts.minimum, includeAll: false, lexicon, statements: false, quotes: 1 });
    for (const g of analysis.groups) cells.set(g.group, g.suppressed ? null : g);
  }
  const groups = new Set(counts.map((c) => c.g));
  for (const g of groups) {
    out.set(g, STAGES.map((stage, k): StageEmotion => {
      const c = counts.find((x) => x.g === g && Number(x.st) === k + 1);
      const cell = cells.get(`${g}${SEP}${stage}`) ?? null;
      const n = Number(c?.n ?? 0);
      const byCol = Number(c?.by_col ?? 0);
      return emotion(stage, n, byCol, cell);
    }));
  }
  return out;
}

function emotion(stage: Stage, feedback: number, byColumn: number, cell: GroupText | null): StageEmotion {
  const base = { stage, feedback, by_column: byColumn, by_time: feedback - byColumn };
  if (!cell)
    return { ...base, analysed: 0, customers: 0, suppressed: feedback > 0, sentiment: null, positive: null, negative: null, thought: null, pain_points: [] };
  const stageQuote = cell.stages.find((s) => !s.suppressed && s.stage === stage);
  const thought = stageQuote && !stageQuote.suppressed ? stageQuote.quote : cell.headline;
  const pains = cell.themes
    .filter((t) => t.sentiment < -0.05)
    .sort((a, b) => b.customers - a.customers || a.sentiment - b.sentiment)
    .slice(0, 3)
    .map((t): PainPoint => ({ theme: t.phrase, customers: t.customers, sentences: t.sentences, sentiment: t.sentiment, lift: Number.isFinite(t.lift) ? t.lift : null, quote: ref(t.quotes[0]) }));
  return {
    ...base, analysed: cell.feedback, customers: cell.customers, suppressed: false, sentiment: cell.sentiment.mean,
    positive: cell.sentiment.positive, negative: cell.sentiment.negative, thought: ref(thought), pain_points: pains,
  };
}
