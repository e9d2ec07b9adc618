// What a persona weighs when buying: feedback mentioning price, quality, delivery, support, returns or setup (share, lift, quotes) and price level of its orders.
import type { Engine } from '../../engine/engine.js';
import type { Evidence, PersonaField, Quote } from './persona-types.js';
import { scrubPii } from '../text/pii.js';
import { splitSentencesFast } from '../text/sentences.js';
import { confidenceOf, lift } from './traits.js';
import { fieldOf, keyShares, pct, ranked, shareItem, times, type KeyCount } from './share-evidence.js';

/** Criteria and the words that name them (case-insensitive substrings; a leading or trailing space marks a word edge). */
export const CRITERIA: readonly { key: string; label: string; words: readonly string[] }[] = [
  { key: 'price', label: 'price and deals', words: ['price', 'cheap', 'discount', 'deal', ' sale', 'coupon', 'expensive', 'cost', 'budget', 'value for money', 'bargain', 'afford', 'free shipping', 'pricing'] },
  { key: 'quality', label: 'quality and durability', words: ['quality', 'durab', 'warranty', 'well made', 'built to last', 'sturdy', 'material', 'repair', 'reliab', 'craftsmanship', 'lasts'] },
  // not "deliver": b2b feedback says a project or a team "delivered"
  { key: 'delivery', label: 'delivery speed and timing', words: ['delivery', 'arrived', 'arrive in time', 'dispatched', 'courier', 'parcel', 'on time', 'tracking number', 'shipped', 'before christmas', 'in time'] },
  { key: 'support', label: 'support and advice', words: ['support', 'customer service', 'advice', 'helpful', 'response time', 'staff', 'expert'] },
  { key: 'returns', label: 'returns and fit', words: ['return', 'exchange', 'refund', 'size', ' fit', 'sizing'] },
  { key: 'information', label: 'specs, tests and reviews', words: ['spec', 'technical', 'weight', 'field test', 'comparison', 'compare', 'datasheet', 'documentation', 'expert review'] },
  { key: 'setup', label: 'setup and integrations', words: ['integrat', ' api', 'sync', 'setup', 'set up', 'onboard', 'easy to use', 'ease of use', 'security'] },
];

/** The sentence of a feedback text naming the criterion, or null when it is too short to say anything ("Hello, support team."). */
function sentenceWith(text: string, words: readonly string[]): string | null {
  const lower = (s: string): string => ` ${s.toLowerCase()} `;
  const hit = splitSentencesFast(text).find((s) => words.some((w) => lower(s).includes(w)) && s.trim().split(/\s+/).length >= 5);
  if (!hit) return null;
  const s = hit.trim();
  return s.length > 220 ? `${s.slice(0, 217)}…` : s;
}

const MARKS = '_criteria_marks';

/**
 * The one pass over the feedback marking what each text names (a table, mid / mcid / mseg / morder / c0…). The
 * statement has no parameters, so it starts at the call: a caller may run synchronous work while the engine reads.
 * Call `prepareCriteriaMarks` first. `assignments` is a table (customer_id, segment).
 */
export function startCriteriaMarks(engine: Engine, assignments: string, seed: number): Promise<void> {
  const d = engine.dialect;
  // one search per criterion on the lower-cased text: an ILIKE per word re-folds the text every time (5× slower), and a
  // regular expression over all the words costs a third less than a substring test per word
  const mentions = (words: readonly string[]): string => d.containsAny('t.lt', words);
  const order = d.hashText(['t.tid', d.literal(String(seed))]);
  const run = engine.exec(d.createTableAs(MARKS, `SELECT t.tid AS mid, t.tcid AS mcid, a.segment AS mseg, ${order} AS morder,
      ${CRITERIA.map((c, i) => `CASE WHEN ${mentions(c.words)} THEN 1 ELSE 0 END AS c${i}`).join(', ')}
      FROM (SELECT feedback_id AS tid, customer_id AS tcid, lower(text) AS lt FROM feedback) t JOIN ${d.ident(assignments)} a ON a.customer_id = t.tcid`, { temporary: true }));
  run.catch(() => undefined); // a failure surfaces where the caller awaits it
  return run;
}

/** Whether there is feedback to mark; drops marks a failed run left behind. */
export async function prepareCriteriaMarks(engine: Engine): Promise<boolean> {
  await engine.exec(engine.dialect.dropTable(MARKS));
  return engine.tableExists('feedback');
}

/**
 * `assignments` is a table (customer_id, segment). `marks`: the marking statement already started by the caller
 * (`startCriteriaMarks` after `prepareCriteriaMarks` gave true), else this runs it.
 */
export async function buyingCriteria(engine: Engine, assignments: string, opts: { seed: number; quotes?: number; marks?: Promise<void> }): Promise<Map<number, PersonaField>> {
  const d = engine.dialect;
  const a = d.ident(assignments);
  const items = new Map<number, Evidence[]>();
  const hasFeedback = opts.marks ? true : await prepareCriteriaMarks(engine);
  if (hasFeedback) {
    // one pass over the feedback marks what each text names; counts and quote candidates come from that narrow table
    const marks = MARKS;
    await (opts.marks ?? startCriteriaMarks(engine, assignments, opts.seed));
    const cols = CRITERIA.flatMap((_, i) => [`sum(c${i}) AS n${i}`, `count(DISTINCT CASE WHEN c${i} = 1 THEN mcid END) AS p${i}`]);
    const rows = await engine.all<Record<string, number>>(`SELECT mseg AS seg, count(*) AS fb, ${cols.join(', ')} FROM ${marks} GROUP BY mseg`);
    const bases = new Map(rows.map((r) => [Number(r['seg']), Number(r['fb'])]));
    const counts: KeyCount[] = rows.flatMap((r) => CRITERIA.map((c, i) => ({ seg: Number(r['seg']), key: c.key, n: Number(r[`n${i}`]), people: Number(r[`p${i}`]) })));
    const shares = keyShares(counts, bases);
    // a few quotes per segment and criterion, picked by a seeded hash (deterministic), PII scrubbed
    const per = opts.quotes ?? 4; // read a few more than the two shown: short ones are skipped
    const parts = CRITERIA.map((_, i) => `SELECT mid AS qid, mseg AS qseg, ${i} AS qk, morder AS qorder FROM ${marks} WHERE c${i} = 1`);
    const picked = d.firstRowsPerGroup(parts.join(' UNION ALL '), 'qseg, qk', 'qorder, qid', per);
    const quoteRows = await engine.all<{ qid: string; qtext: string; qsrc: string | null; qrating: number | null; qseg: number; qk: number }>(
      `SELECT q.qid AS qid, f.text AS qtext, f.source AS qsrc, f.rating AS qrating, q.qseg AS qseg, q.qk AS qk
         FROM (SELECT qid, qseg, qk FROM (${picked}) x) q JOIN feedback f ON f.feedback_id = q.qid ORDER BY qseg, qk, qid`,
    );
    await engine.exec(d.dropTable(marks));
    for (const [seg, list] of shares) {
      const out: Evidence[] = [];
      // a criterion is theirs when they name it more often than others do
      for (const s of ranked(list, 0.05).filter((x) => (x.lift ?? 0) >= 1.1).slice(0, 3)) {
        const i = CRITERIA.findIndex((c) => c.key === s.key);
        const c = CRITERIA[i] as (typeof CRITERIA)[number];
        const quotes: Quote[] = [];
        for (const q of quoteRows.filter((r) => Number(r.qseg) === seg && Number(r.qk) === i)) {
          const text = sentenceWith(String(q.qtext), c.words);
          if (text === null || quotes.some((x) => x.text === scrubPii(text))) continue;
          quotes.push({ text: scrubPii(text), feedback_id: String(q.qid), source: q.qsrc ?? null, rating: q.qrating === null ? null : Number(q.qrating) });
        }
        out.push({
          ...shareItem(s, `${c.label}: ${pct(s.value)} of their feedback mentions it (all ${pct(s.all)}${times(s.lift)}), ${s.people.toLocaleString('en-US')} customers`,
            `feedback texts of the persona's customers containing any of ${c.words.map((w) => `"${w.trim()}"`).join(', ')} (case-insensitive), over all their feedback (${s.base.toLocaleString('en-US')}), vs all customers; n = customers who wrote one`),
          quotes: quotes.slice(0, 2),
        });
      }
      items.set(seg, out);
    }
  }
  if (await engine.tableExists('orders')) {
    // price level from orders: the share of a persona's orders below the median order amount of all customers
    const median = Number((await engine.all<{ m: number | null }>(`SELECT ${d.quantile('o.amount', 0.5)} AS m FROM orders o JOIN ${a} a ON a.customer_id = o.customer_id WHERE o.amount > 0`))[0]?.m ?? NaN);
    if (Number.isFinite(median)) {
      const rows = await engine.all<{ seg: number; n: number; below: number; people: number }>(
        `SELECT a.segment AS seg, count(*) AS n, sum(CASE WHEN o.amount < $median THEN 1 ELSE 0 END) AS below, count(DISTINCT o.customer_id) AS people
           FROM orders o JOIN ${a} a ON a.customer_id = o.customer_id WHERE o.amount > 0 GROUP BY a.segment`, { median },
      );
      const total = rows.reduce((t, r) => t + Number(r.n), 0);
      const allShare = total ? rows.reduce((t, r) => t + Number(r.below), 0) / total : 0;
      for (const r of rows) {
        const value = Number(r.n) ? Number(r.below) / Number(r.n) : 0;
        const l = lift(value, allShare);
        if (l === null || (l < 1.15 && l > 0.85)) continue;
        const sensitive = l >= 1.15;
        const seg = Number(r.seg);
        const list = items.get(seg) ?? [];
        list.push({
          claim: `${sensitive ? 'price-sensitive' : 'pays for more than price'}: ${pct(value)} of their orders below the median order of ${median.toLocaleString('en-US', { maximumFractionDigits: 0 })} (all ${pct(allShare)}${times(l)})`,
          value, all: allShare, lift: l, n: Number(r.people), confidence: confidenceOf(Number(r.people), allShare > 0 && allShare < 1 ? (value - allShare) / Math.sqrt(allShare * (1 - allShare)) : 0),
          definition: `orders (amount > 0, any status) of the persona's customers with amount below the median order amount of all customers (${median}), over all their orders (${Number(r.n).toLocaleString('en-US')}), vs all customers; n = customers with an order`,
        });
        items.set(seg, list);
      }
    }
  }
  return new Map([...items].map(([seg, list]) => [seg, fieldOf('buying_criteria', list, 'their feedback names no buying criterion more than others do, and their order sizes are typical')]));
}
