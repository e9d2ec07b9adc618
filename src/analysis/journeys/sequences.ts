// Ordered sequences of sampled customers (`_j_seq`): stage, channel and event paths with repeats collapsed, last touch, attribution path.
import type { Engine } from '../../engine/engine.js';
import type { Dialect } from '../../engine/dialect.js';
import { leftJoins } from '../../engine/joins.js';
import { SAMPLE } from './customer-stages.js';
import { SEV } from './sample.js';
import { scratchTable } from './scratch-tables.js';

export const SEQ = '_j_seq';
const DICT = '_j_dict';

/** Touches kept per attribution path: the last ones before the decision (or the window's end). */
export const MAX_ATTRIBUTION_TOUCHES = 30;

/** Codes → names of channels (c), content types (k) and events (e); code 0 is "none". */
export interface Dictionary {
  name(kind: 'c' | 'k' | 'e', code: number): string | null;
}

// A touch packed into one BIGINT: seconds since the sample's first touch · 2^32 + stage · 2^28 + order · 2^27
// + channel · 2^19 + content type · 2^12 + event. Sorting the integers sorts by time (ties: stage, order, names).
const LIMITS = { c: 255, k: 127, e: 4095 } as const;
const SHIFT = { t: 4294967296, s: 268435456, o: 134217728, c: 524288, k: 4096 } as const;
const field = (d: Dialect, x: string, f: 's' | 'o' | 'c' | 'k' | 'e'): string => {
  switch (f) {
    case 's': return `(${d.intDiv(x, String(SHIFT.s))} % 8)`;
    case 'o': return `(${d.intDiv(x, String(SHIFT.o))} % 2)`;
    case 'c': return `(${d.intDiv(x, String(SHIFT.c))} % 256)`;
    case 'k': return `(${d.intDiv(x, String(SHIFT.k))} % 128)`;
    case 'e': return `(${x} % 4096)`;
  }
};

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Codes of channels, content types and events: 1 = most frequent (ties by name), the rarest share the limit. */
async function buildDictionary(engine: Engine): Promise<{ kind: string; value: string; code: number }[]> {
  const d = engine.dialect;
  const part = (kind: string, col: string): string => `SELECT '${kind}' AS kind, ${col} AS value, count(*) AS n FROM ${SEV} WHERE o = 0 AND ${col} IS NOT NULL GROUP BY ${col}`;
  const counts = await engine.all<{ kind: keyof typeof LIMITS; value: string; n: number }>(`${part('c', 'ch')} UNION ALL ${part('k', 'ct')} UNION ALL ${part('e', 'ev')}`);
  const out: { kind: string; value: string; code: number }[] = [];
  for (const kind of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    const mine = counts.filter((r) => r.kind === kind).sort((a, b) => Number(b.n) - Number(a.n) || byBytes(String(a.value), String(b.value)));
    mine.forEach((r, i) => out.push({ kind, value: String(r.value), code: Math.min(i + 1, LIMITS[kind]) }));
  }
  await engine.exec(d.dropTable(DICT));
  await engine.exec(d.createTable(DICT, [`kind ${d.types.text}`, `value ${d.types.text}`, `code ${d.types.int}`]));
  await engine.insertRows(DICT, ['kind', 'value', 'code'], out.map((r) => [r.kind, r.value, r.code]));
  return out;
}

/**
 * The dictionary (codes counted here), then the statement building `_j_seq` (no parameters: it can run in a batch
 * while this thread works). One sorted integer list per sampled customer (DuckDB `list_sort(list(code))`; ClickHouse
 * 18.16 `arraySort(groupArray(code))`), then list filters: a step is kept when it differs from the one before it.
 * An attribution touch is a run of consecutive touches on one channel, timed at its first touch.
 */
export async function prepareSequences(engine: Engine): Promise<{ dict: Dictionary; statements: string[] }> {
  const d = engine.dialect;
  const dict = await buildDictionary(engine);
  const base = Number((await engine.all<{ b: number | null }>(`SELECT floor(min(${d.epochSeconds('t')})) AS b FROM ${SEV}`))[0]?.b ?? 0);
  if (!Number.isSafeInteger(base)) throw new Error(`sequences: the first touch's time is not a whole number of seconds (${base})`);
  const collapse = (list: string): string => d.listFilter(list, 'x', `i = 1 OR x <> ${list}[i - 1]`, 'i');
  const secs = (ts: string): string => `(CAST(floor(${d.epochSeconds(ts)}) AS ${d.types.bigint}) - ${base})`;
  const code = (kind: string, as: string, col: string): { sql: string; using: string } => ({
    sql: `SELECT value AS ${col}, code AS ${as} FROM ${DICT} WHERE kind = '${kind}'`,
    using: col,
  });
  // each level one step; a column used in a lambda also appears outside it (see Dialect.listFilter)
  const packed = `SELECT customer_id, ${secs('t')} * ${SHIFT.t} + st * ${SHIFT.s} + o * ${SHIFT.o} + coalesce(cc, 0) * ${SHIFT.c}
                         + coalesce(kc, 0) * ${SHIFT.k} + coalesce(ec, 0) AS code
                    FROM ${leftJoins(`SELECT customer_id, t, st, o, ch, ct, ev FROM ${SEV}`, [code('c', 'cc', 'ch'), code('k', 'kc', 'ct'), code('e', 'ec', 'ev')])}`;
  const lists = `SELECT customer_id, ${d.listSort(d.listAgg('code'))} AS codes FROM (${packed}) p GROUP BY customer_id`;
  const x = `SELECT l.customer_id AS customer_id, s.grp AS grp, s.w AS w, s.furthest AS furthest, s.v1 AS v1, s.t3 AS t3,
                    CASE WHEN s.t3 IS NOT NULL THEN ${secs('s.t3')} END AS t3s,
                    ${d.listMap('l.codes', 'x', field(d, 'x', 's'))} AS ls, ${d.listFilter('l.codes', 'x', `${field(d, 'x', 'o')} = 0`)} AS tl
               FROM (${lists}) l JOIN ${SAMPLE} s ON s.customer_id = l.customer_id`;
  const y = `SELECT *, ${d.listMap(d.listFilter('tl', 'x', `${field(d, 'x', 'c')} > 0`), 'x', field(d, 'x', 'c'))} AS lc,
                    ${d.listMap('tl', 'x', field(d, 'x', 'e'))} AS le,
                    ${d.listFilter('tl', 'x', `${field(d, 'x', 'c')} > 0 AND (t3s IS NULL OR ${d.intDiv('x', String(SHIFT.t))} <= t3s)`)} AS att
               FROM (${x}) x`;
  const runs = d.listFilter('att', 'x', `i = 1 OR ${field(d, 'x', 'c')} <> ${field(d, 'att[i - 1]', 'c')}`, 'i');
  const z = `SELECT *, ${d.listSlice(runs, String(-MAX_ATTRIBUTION_TOUCHES), '-1')} AS ar FROM (${y}) y`;
  const ages = d.listMap('ar', 'x', `(t3s - ${d.intDiv('x', String(SHIFT.t))}) / 3600.0`);
  const statements = scratchTable(
    d,
    SEQ,
    `SELECT customer_id, grp, w, furthest, t3 IS NOT NULL AS conv, coalesce(v1, 0) AS v1,
              ${collapse('ls')} AS sp, ${collapse('lc')} AS cp, ${collapse('le')} AS ep,
              ${field(d, 'tl[-1]', 'c')} AS last_ch, ${field(d, 'tl[-1]', 'k')} AS last_ct, ${field(d, 'tl[-1]', 'e')} AS last_ev,
              ${d.listMap('ar', 'x', field(d, 'x', 'c'))} AS ac, ${d.listHash(d.listMap('ar', 'x', field(d, 'x', 'c')))} AS ak,
              CASE WHEN t3s IS NOT NULL THEN ${ages} ELSE ${d.listFilter(ages, 'x', d.bool(false))} END AS ah
         FROM (${z}) z`,
  );
  const names = new Map<string, string>();
  for (const r of dict) {
    const k = `${r.kind}${Number(r.code)}`;
    // codes at the limit are shared by the least frequent values
    names.set(k, names.has(k) ? '(other)' : String(r.value));
  }
  return { dict: { name: (kind, c) => (c === 0 ? null : (names.get(`${kind}${c}`) ?? null)) }, statements };
}

export async function dropSequences(engine: Engine): Promise<void> {
  await engine.exec(engine.dialect.dropTable(SEQ));
  await engine.exec(engine.dialect.dropTable(DICT));
}
