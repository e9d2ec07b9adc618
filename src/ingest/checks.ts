// The contract checks of one file as SQL: a check number per row (0 = fine) and the message of each failing check.
import { ENTITIES, type EntityName } from '../contract/entities.js';
import type { Dialect } from '../engine/dialect.js';
import type { ColumnMapping } from './column-map.js';

export interface Check {
  code: string;
  column: string | null;
  /** SQL true when the row fails */
  fails: string;
  /** SQL text expression: the message */
  message: string;
}

export function buildChecks(d: Dialect, entity: EntityName, map: ColumnMapping): Check[] {
  const spec = ENTITIES[entity];
  const checks: Check[] = [];
  const src = (col: string): string | undefined => {
    const s = map.canonical.get(col);
    return s === undefined ? undefined : `s.${d.ident(s)}`;
  };
  const present = (e: string): string => `(${e} IS NOT NULL AND trim(${e}) <> '')`;
  const show = (e: string): string => `'"' || substr(${e}, 1, 80) || '"'`;
  for (const c of spec.columns) {
    const e = src(c.name);
    if (e === undefined) continue;
    if (c.required) checks.push({ code: 'missing-value', column: c.name, fails: `NOT ${present(e)}`, message: d.literal(`${c.name} is required but empty`) });
    if (c.type === 'timestamp')
      checks.push({
        code: 'bad-timestamp', column: c.name, fails: `${present(e)} AND ${d.tryTimestamp(e)} IS NULL`,
        message: `${d.literal(`${c.name}: `)} || ${show(e)} || ' is not an ISO 8601 date or timestamp'`,
      });
    if (c.type === 'number') {
      checks.push({
        code: 'bad-number', column: c.name, fails: `${present(e)} AND ${d.tryNumber(e)} IS NULL`,
        message: `${d.literal(`${c.name}: `)} || ${show(e)} || ' is not a number'`,
      });
      const bounds = [c.min !== undefined ? `${d.tryNumber(e)} < ${c.min}` : '', c.max !== undefined ? `${d.tryNumber(e)} > ${c.max}` : ''].filter(Boolean);
      if (bounds.length)
        checks.push({
          code: 'out-of-range', column: c.name, fails: `${present(e)} AND (${bounds.join(' OR ')})`,
          message: `${d.literal(`${c.name}: `)} || ${show(e)} || ${d.literal(` is outside ${c.min ?? '-∞'}..${c.max ?? '∞'}`)}`,
        });
    }
    if (c.type === 'boolean')
      checks.push({
        code: 'bad-boolean', column: c.name, fails: `${present(e)} AND ${d.tryBoolean(e)} IS NULL`,
        message: `${d.literal(`${c.name}: `)} || ${show(e)} || ' is not true/false'`,
      });
    if (c.type === 'json')
      checks.push({
        code: 'bad-json', column: c.name, fails: `${present(e)} AND NOT ${d.isJson(e)}`,
        message: `${d.literal(`${c.name}: `)} || ${show(e)} || ' is not valid JSON'`,
      });
    if (c.values)
      checks.push({
        code: 'bad-value', column: c.name, fails: `${present(e)} AND lower(trim(${e})) NOT IN (${c.values.map((v) => d.literal(v)).join(', ')})`,
        message: `${d.literal(`${c.name}: `)} || ${show(e)} || ${d.literal(` is not one of ${c.values.join(', ')}`)}`,
      });
  }
  if (spec.oneOf) {
    const es = spec.oneOf.map(src).filter((x): x is string => x !== undefined);
    checks.push({
      code: 'missing-value', column: spec.oneOf.join('|'),
      fails: es.length ? es.map((e) => `NOT ${present(e)}`).join(' AND ') : 'TRUE',
      message: d.literal(`one of ${spec.oneOf.join(', ')} is required but all are empty`),
    });
  }
  return checks;
}

/** CASE expression numbering the first failing check (1-based), 0 when the row passes. */
export function checkNumberSql(checks: Check[]): string {
  if (checks.length === 0) return '0';
  return `(CASE ${checks.map((c, i) => `WHEN ${c.fails} THEN ${i + 1}`).join(' ')} ELSE 0 END)`;
}

/** Typed value of a canonical column from its text source. */
export function typedValueSql(d: Dialect, type: string, e: string): string {
  const blankToNull = `NULLIF(trim(${e}), '')`;
  switch (type) {
    case 'timestamp':
      return d.tryTimestamp(e);
    case 'number':
    case 'integer':
      return d.tryNumber(e);
    case 'boolean':
      return d.tryBoolean(e);
    case 'id':
      return blankToNull;
    default:
      return `NULLIF(${e}, '')`;
  }
}
