// The contract checks of one file as SQL over its typed values: a check number per row (0 = fine) and each check's message.
import { ENTITIES, type ColumnSpec, type EntityName } from '../contract/entities.js';
import type { Dialect } from '../engine/dialect.js';
import type { ColumnMapping } from './column-map.js';
import type { ColumnSource } from './column-source.js';
import { problem } from '../shared/problems.js';

export interface Check {
  code: string;
  column: string | null;
  /** SQL true when the row fails (over the row `v`: source text columns + typed `__v_<column>` values) */
  fails: string;
  /** SQL text expression: the message */
  message: string;
}

/** A reference to check: the typed column must name an existing row of the target. */
export interface Reference {
  column: string;
  target: EntityName;
  targetColumn: string;
}

export const typedName = (column: string): string => `__v_${column}`;

const presentIn = (d: Dialect) => (e: string): string => `(${e} IS NOT NULL AND ${d.trim(e)} <> '')`;

/** SQL text of a canonical column's source value (NULL when absent or, for a composite, when a part is empty). */
export function sourceText(d: Dialect, src: ColumnSource, fileColumns: string[], row: string): string {
  const col = (c: string): string => `${row}.${d.ident(c)}`;
  const present = presentIn(d);
  switch (src.kind) {
    case 'column':
      return col(src.column);
    case 'concat':
      return `(CASE WHEN ${src.columns.map((c) => present(col(c))).join(' AND ')} THEN ${d.joinText(src.columns.map((c) => d.trim(col(c))), '/')} END)`;
    case 'hash':
      return d.hashText(fileColumns.map(col));
    case 'product': {
      const [a, b] = src.columns.map((c) => d.tryNumber(col(c)));
      // a part that is not a number shows up as "A*B" in the bad-number message; both parts blank is a missing value
      return `(CASE WHEN ${a} IS NOT NULL AND ${b} IS NOT NULL THEN CAST(${a} * ${b} AS ${d.types.text})
        WHEN ${src.columns.map((c) => `NOT ${present(col(c))}`).join(' AND ')} THEN NULL
        ELSE ${d.joinText(src.columns.map(col), '*')} END)`;
    }
    case 'date': {
      const e = col(src.column);
      const iso = d.reformatDate(e, src.format);
      if (iso === null) throw problem('engine/unsupported', { what: '@date(column, format) mappings', engine: d.name });
      return `coalesce(${iso}, ${e})`;
    }
    case 'map': {
      const e = col(src.column);
      return `(CASE lower(${d.trim(e)}) ${src.values.map(([from, to]) => `WHEN ${d.literal(from)} THEN ${d.literal(to)}`).join(' ')} ELSE ${e} END)`;
    }
  }
}


/** Typed value of a canonical column from its text source. */
export function typedValueSql(d: Dialect, c: ColumnSpec, e: string): string {
  if (c.values) return `NULLIF(lower(${d.trim(e)}), '')`;
  switch (c.type) {
    case 'timestamp':
      return d.tryTimestamp(e);
    case 'number':
    case 'integer':
      return d.tryNumber(e);
    case 'boolean':
      return d.tryBoolean(e);
    case 'id':
      return d.trimmedOrNull(e);
    default:
      return `NULLIF(${e}, '')`;
  }
}

export function buildChecks(d: Dialect, entity: EntityName, map: ColumnMapping, fileColumns: string[], refs: Reference[]): Check[] {
  const spec = ENTITIES[entity];
  const checks: Check[] = [];
  const present = presentIn(d);
  const show = (e: string): string => `'"' || substr(${e}, 1, 80) || '"'`;
  const label = (c: string): string => d.literal(`${c}: `);
  for (const c of spec.columns) {
    const src = map.canonical.get(c.name);
    if (src === undefined) continue;
    const e = `(${sourceText(d, src, fileColumns, 'v')})`;
    const v = `v.${d.ident(typedName(c.name))}`;
    // `${v} IS NULL AND …` first: most rows have a value, and DuckDB evaluates the rest only for the rows left
    const absent = c.type === 'id' ? `${v} IS NULL` : c.type === 'text' ? `NOT ${present(e)}` : `${v} IS NULL AND NOT ${present(e)}`;
    const bad = `${v} IS NULL AND ${present(e)}`;
    if (c.required) checks.push({ code: 'missing-value', column: c.name, fails: absent, message: d.literal(`${c.name} is required but empty`) });
    if (c.type === 'timestamp')
      checks.push({ code: 'bad-timestamp', column: c.name, fails: bad, message: `${label(c.name)} || ${show(e)} || ' is not an ISO 8601 date or timestamp'` });
    if (c.type === 'number' || c.type === 'integer') {
      checks.push({ code: 'bad-number', column: c.name, fails: bad, message: `${label(c.name)} || ${show(e)} || ' is not a number'` });
      const bounds = [c.min !== undefined ? `${v} < ${c.min}` : '', c.max !== undefined ? `${v} > ${c.max}` : ''].filter(Boolean);
      if (bounds.length)
        checks.push({
          code: 'out-of-range', column: c.name, fails: `(${bounds.join(' OR ')})`,
          message: `${label(c.name)} || ${show(e)} || ${d.literal(` is outside ${c.min ?? '-∞'}..${c.max ?? '∞'}`)}`,
        });
    }
    if (c.type === 'boolean')
      checks.push({ code: 'bad-boolean', column: c.name, fails: bad, message: `${label(c.name)} || ${show(e)} || ' is not true/false'` });
    if (c.type === 'json')
      checks.push({ code: 'bad-json', column: c.name, fails: `${present(e)} AND NOT ${d.isJson(e)}`, message: `${label(c.name)} || ${show(e)} || ' is not valid JSON'` });
    if (c.values)
      checks.push({
        // IS NOT NULL first: ClickHouse reads NULL NOT IN (…) as true where SQL says unknown
        code: 'bad-value', column: c.name, fails: `${v} IS NOT NULL AND ${v} NOT IN (${c.values.map((x) => d.literal(x)).join(', ')})`,
        message: `${label(c.name)} || ${show(e)} || ${d.literal(` is not one of ${c.values.join(', ')}`)}`,
      });
  }
  if (spec.oneOf) {
    const es = spec.oneOf.filter((c) => map.canonical.has(c)).map((c) => `v.${d.ident(typedName(c))}`);
    checks.push({
      code: 'missing-value', column: spec.oneOf.join('|'),
      fails: es.length ? es.map((e) => `${e} IS NULL`).join(' AND ') : 'TRUE',
      message: d.literal(`one of ${spec.oneOf.join(', ')} is required but all are empty`),
    });
  }
  for (const r of refs) {
    const v = `v.${d.ident(typedName(r.column))}`;
    checks.push({
      // NOT IN over the (smaller) target: a mark join that builds on the target, never on the file
      code: 'unknown-reference', column: r.column,
      fails: `${v} IS NOT NULL AND ${v} NOT IN (SELECT ${d.ident(r.targetColumn)} FROM ${d.ident(r.target)} WHERE ${d.ident(r.targetColumn)} IS NOT NULL)`,
      message: `${d.literal(`${r.column} `)} || ${show(v)} || ${d.literal(` is not a known ${r.target === 'customers' ? 'customer' : r.target.replace(/s$/, '')}`)}`,
    });
  }
  return checks;
}

/** CASE expression numbering the first failing check (1-based), 0 when the row passes. */
export function checkNumberSql(checks: Check[]): string {
  if (checks.length === 0) return '0';
  return `(CASE ${checks.map((c, i) => `WHEN ${c.fails} THEN ${i + 1}`).join(' ')} ELSE 0 END)`;
}

/** CASE over a check-number column: the value `pick` gives for each check. */
export function perCheckSql(checks: Check[], checkColumn: string, pick: (c: Check) => string): string {
  if (checks.length === 0) return 'NULL';
  return `(CASE ${checkColumn} ${checks.map((c, i) => `WHEN ${i + 1} THEN ${pick(c)}`).join(' ')} END)`;
}
