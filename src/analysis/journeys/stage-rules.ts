// Journey stages of events: the `stage` column when present, else the first matching rule (shipped defaults or archetype.yaml).
import type { Dialect } from '../../engine/dialect.js';
import type { Params } from '../../engine/engine.js';
import { STAGES, type Stage } from '../../contract/entities.js';
import type { StageRule } from '../../contract/workspace-config.js';

/**
 * Shipped rules, tried in order (first match wins). Patterns are case-insensitive globs: `*` is any text.
 * Repeat orders come before completed orders so that `repeat_order_completed` is retention, not decision.
 */
export const DEFAULT_STAGE_RULES: readonly StageRule[] = [
  { stage: 'advocacy', event: '*review_written*' },
  { stage: 'advocacy', event: '*review_submitted*' },
  { stage: 'advocacy', event: '*referral*' },
  { stage: 'advocacy', event: '*social_share*' },
  { stage: 'advocacy', event: '*testimonial*' },
  { stage: 'advocacy', url: '*/refer*' },
  { stage: 'retention', event: '*repeat_order*' },
  { stage: 'retention', event: '*renewal*' },
  { stage: 'retention', event: '*invoice_paid*' },
  { stage: 'retention', event: '*loyalty*' },
  { stage: 'retention', event: '*account_login*' },
  { stage: 'decision', event: '*order_completed*' },
  { stage: 'decision', event: '*purchase*' },
  { stage: 'decision', event: '*subscription_started*' },
  { stage: 'decision', event: '*checkout*' },
  { stage: 'decision', event: '*add_to_cart*' },
  { stage: 'decision', url: '*/checkout*' },
  { stage: 'decision', url: '*/cart*' },
  { stage: 'consideration', url: '*pricing*' },
  { stage: 'consideration', event: '*pricing*' },
  { stage: 'consideration', content_type: 'pricing' },
  { stage: 'consideration', content_type: 'demo' },
  { stage: 'consideration', content_type: 'case_study' },
  { stage: 'consideration', content_type: 'webinar' },
  { stage: 'consideration', event: '*compare*' },
  { stage: 'consideration', event: '*product_view*' },
  { stage: 'consideration', event: '*wishlist*' },
  { stage: 'consideration', event: '*size_guide*' },
  { stage: 'consideration', event: '*trial*' },
  { stage: 'consideration', event: '*demo*' },
  { stage: 'awareness', event: '*ad_click*' },
  { stage: 'awareness', event: '*landing*' },
  { stage: 'awareness', event: '*social_click*' },
  { stage: 'awareness', content_type: 'article' },
  { stage: 'awareness', content_type: 'video' },
  { stage: 'awareness', content_type: 'photo' },
  { stage: 'awareness', content_type: 'infographic' },
];

/** Configured rules replace the shipped ones (an empty list keeps only the `stage` column). */
export function effectiveRules(configured: readonly StageRule[] | undefined): readonly StageRule[] {
  return configured ?? DEFAULT_STAGE_RULES;
}

/** A glob (`*` = any text) as a LIKE pattern with `%`, `_` and `\` escaped. */
export function globToLike(glob: string): string {
  return glob.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}

/**
 * SQL + params: the stage name of an events row (aliased `alias`), NULL when neither column nor rule gives one.
 * Names rather than indexes: the column is used as it is (ingest keeps only the five names), and the rules are
 * evaluated only for rows without a stage, so the common case costs nothing beyond reading the column.
 */
export function stageSql(d: Dialect, rules: readonly StageRule[], alias: string, prefix = 'sr'): { sql: string; params: Params } {
  const col = `${alias}.${d.ident('stage')}`;
  const r = ruleCase(d, rules, alias, prefix, (stage) => d.literal(stage));
  return { sql: r.sql ? `CASE WHEN ${col} IS NOT NULL THEN ${col} ELSE ${r.sql} END` : col, params: r.params };
}

/**
 * SQL + params: `select` columns and `si`, the 1-based stage index (NULL when neither column nor rule gives one), of
 * the rows of `from` (aliased `alias`) passing `where`. The same choice as `stageSql` (the contract keeps the column to
 * the five names), as two branches: rows with a stage read only that column (the engine skips the rule columns,
 * `event`, `url` and `content_type`, which a CASE would read for every row), the rows without one go through the rules.
 */
export function stageIndexedRows(
  d: Dialect, rules: readonly StageRule[], opts: { from: string; alias: string; select: string; where: string; prefix?: string },
): { sql: string; params: Params } {
  const col = `${opts.alias}.${d.ident('stage')}`;
  const r = ruleCase(d, rules, opts.alias, opts.prefix ?? 'sr', (stage) => String(STAGES.indexOf(stage as Stage) + 1));
  const part = (si: string, cond: string): string => `SELECT ${opts.select}, ${si} AS si FROM ${opts.from} ${opts.alias} WHERE ${opts.where} AND ${cond}`;
  const sql = r.sql
    ? `${part(stageIndexOf(d, col), `${col} IS NOT NULL`)} UNION ALL ${part(r.sql, `${col} IS NULL`)}`
    : part(stageIndexOf(d, col), d.bool(true));
  return { sql, params: r.params };
}

/** The rules as one CASE (`value` renders a rule's stage), or null when there are none. */
function ruleCase(d: Dialect, rules: readonly StageRule[], alias: string, prefix: string, value: (stage: string) => string): { sql: string | null; params: Params } {
  const params: Params = {};
  const col = (name: string): string => `${alias}.${d.ident(name)}`;
  const whens = rules.flatMap((rule, r) => {
    const conds = (['event', 'url', 'content_type'] as const).flatMap((field) => {
      const glob = rule[field];
      if (glob === undefined) return [];
      const name = `${prefix}${r}_${field}`;
      params[name] = globToLike(glob);
      return [d.likeInsensitive(col(field), `$${name}`)];
    });
    return conds.length ? [`WHEN ${conds.join(' AND ')} THEN ${value(rule.stage)}`] : [];
  });
  return { sql: whens.length ? `CASE ${whens.join(' ')} END` : null, params };
}

/** SQL: the 1-based index of a stage-name expression (NULL for NULL). */
export function stageIndexOf(d: Dialect, expr: string): string {
  return `CASE ${expr} ${STAGES.map((s, i) => `WHEN ${d.literal(s)} THEN ${i + 1}`).join(' ')} END`;
}
