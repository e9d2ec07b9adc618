// Ordered sequences of sampled customers (`_j_seq`): stage, channel and event paths with repeats collapsed, last touch, attribution path.
import type { Engine } from '../../engine/engine.js';
import { SAMPLE } from './customer-stages.js';
import { SEV } from './sample.js';

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
const field = (x: string, f: 's' | 'o' | 'c' | 'k' | 'e'): string => {
  switch (f) {
    case 's': return `((${x} // ${SHIFT.s}) % 8)`;
    case 'o': return `((${x} // ${SHIFT.o}) % 2)`;
    case 'c': return `((${x} // ${SHIFT.c}) % 256)`;
    case 'k': return `((${x} // ${SHIFT.k}) % 128)`;
    case 'e': return `(${x} % 4096)`;
  }
};

/**
 * One sorted integer list per sampled customer (DuckDB `list_sort(list(code))`; ClickHouse 18.16
 * `arraySort(groupArray(code))`), then list filters: a step is kept when it differs from the one before it.
 * An attribution touch is a run of consecutive touches on one channel, timed at its first touch.
 */
export async function buildSequences(engine: Engine): Promise<Dictionary> {
  await engine.exec(`DROP TABLE IF EXISTS ${DICT}`);
  const dict = (kind: keyof typeof LIMITS, col: string): string =>
    `SELECT '${kind}' AS kind, ${col} AS value, least(row_number() OVER (ORDER BY count(*) DESC, ${col}), ${LIMITS[kind]}) AS code
       FROM ${SEV} WHERE o = 0 AND ${col} IS NOT NULL GROUP BY ${col}`;
  await engine.exec(`CREATE TEMP TABLE ${DICT} AS ${dict('c', 'ch')} UNION ALL ${dict('k', 'ct')} UNION ALL ${dict('e', 'ev')}`);
  const base = Number((await engine.all<{ b: number | null }>(`SELECT floor(min(epoch(t))) AS b FROM ${SEV}`))[0]?.b ?? 0);
  const collapse = (list: string): string => `list_filter(${list}, lambda x, i: i = 1 OR x <> ${list}[i - 1])`;
  const secs = (ts: string): string => `(CAST(floor(epoch(${ts})) AS BIGINT) - $base)`;
  await engine.exec(`DROP TABLE IF EXISTS ${SEQ}`);
  await engine.exec(
    `CREATE TEMP TABLE ${SEQ} AS
     WITH dc AS (SELECT value, code FROM ${DICT} WHERE kind = 'c'), dk AS (SELECT value, code FROM ${DICT} WHERE kind = 'k'),
     de AS (SELECT value, code FROM ${DICT} WHERE kind = 'e'),
     p AS (SELECT s.customer_id, ${secs('s.t')} * ${SHIFT.t} + s.st * ${SHIFT.s} + s.o * ${SHIFT.o} + coalesce(dc.code, 0) * ${SHIFT.c}
                  + coalesce(dk.code, 0) * ${SHIFT.k} + coalesce(de.code, 0) AS code
             FROM ${SEV} s LEFT JOIN dc ON dc.value = s.ch LEFT JOIN dk ON dk.value = s.ct LEFT JOIN de ON de.value = s.ev),
     l AS (SELECT customer_id, list_sort(list(code)) AS l FROM p GROUP BY customer_id),
     x AS (SELECT l.customer_id, s.grp, s.w, s.furthest, s.v1, s.t3, CASE WHEN s.t3 IS NOT NULL THEN ${secs('s.t3')} END AS t3s,
                  list_transform(l.l, lambda x: ${field('x', 's')}) AS ls, list_filter(l.l, lambda x: ${field('x', 'o')} = 0) AS tl
             FROM l JOIN ${SAMPLE} s ON s.customer_id = l.customer_id),
     y AS (SELECT *, list_transform(list_filter(tl, lambda x: ${field('x', 'c')} > 0), lambda x: ${field('x', 'c')}) AS lc,
                  list_transform(tl, lambda x: ${field('x', 'e')}) AS le,
                  list_filter(tl, lambda x: ${field('x', 'c')} > 0 AND (t3s IS NULL OR x // ${SHIFT.t} <= t3s)) AS att
             FROM x),
     z AS (SELECT *, list_slice(list_filter(att, lambda x, i: i = 1 OR ${field('x', 'c')} <> ${field('att[i - 1]', 'c')}),
                                -${MAX_ATTRIBUTION_TOUCHES}, -1) AS ar FROM y)
     SELECT customer_id, grp, w, furthest, t3 IS NOT NULL AS conv, coalesce(v1, 0) AS v1,
            ${collapse('ls')} AS sp, ${collapse('lc')} AS cp, ${collapse('le')} AS ep,
            ${field('tl[-1]', 'c')} AS last_ch, ${field('tl[-1]', 'k')} AS last_ct, ${field('tl[-1]', 'e')} AS last_ev,
            list_transform(ar, lambda x: ${field('x', 'c')}) AS ac, hash(list_transform(ar, lambda x: ${field('x', 'c')})) AS ak,
            CASE WHEN t3s IS NOT NULL THEN list_transform(ar, lambda x: (t3s - x // ${SHIFT.t}) / 3600.0) END AS ah
       FROM z`,
    { base },
  );
  const names = new Map<string, string>();
  for (const r of await engine.all<{ kind: string; value: string; code: number }>(`SELECT kind, value, code FROM ${DICT}`)) {
    const k = `${r.kind}${Number(r.code)}`;
    // codes at the limit are shared by the least frequent values
    names.set(k, names.has(k) ? '(other)' : String(r.value));
  }
  return { name: (kind, c) => (c === 0 ? null : (names.get(`${kind}${c}`) ?? null)) };
}

export async function dropSequences(engine: Engine): Promise<void> {
  await engine.exec(`DROP TABLE IF EXISTS ${SEQ}`);
  await engine.exec(`DROP TABLE IF EXISTS ${DICT}`);
}
