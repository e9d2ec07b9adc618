// Where a canonical column's value comes from: one source column, several joined (a composite id), or a hash of the row.
import { problem } from '../shared/problems.js';

/**
 * A mapping value in archetype.yaml / `--map`:
 * - `Source column` — that column (matched exactly, else by normalised name);
 * - `@concat(A, B, …)` — the columns' trimmed values joined with `/` (a composite key, e.g. invoice + line);
 * - `@hash` — a hash of the whole source row (an id for files without one; identical rows then count as duplicates);
 * - `@product(A, B)` — A × B for numbers (e.g. an order line's quantity × unit price as its amount);
 * - `@date(A, %d-%m-%Y %H:%M)` — A read with a strftime-style format (for files whose dates are not ISO 8601);
 * - `@map(A; From=to; Other=to2)` — A with some values renamed (case-insensitive), e.g. survey types → journey stages.
 */
export type ColumnSource =
  | { kind: 'column'; column: string }
  | { kind: 'concat'; columns: string[] }
  | { kind: 'hash' }
  | { kind: 'product'; columns: [string, string] }
  | { kind: 'date'; column: string; format: string }
  | { kind: 'map'; column: string; values: [string, string][] };

export function parseColumnSource(value: string, resolve: (name: string) => string | undefined): ColumnSource | undefined {
  const v = value.trim();
  if (/^@hash(\(\s*\))?$/i.test(v)) return { kind: 'hash' };
  const m = /^@(concat|product|date|map)\((.*)\)$/is.exec(v);
  if (!m) {
    if (v.startsWith('@')) throw problem('ingest/bad-mapping', { mapping: value });
    const c = resolve(v);
    return c === undefined ? undefined : { kind: 'column', column: c };
  }
  const fn = (m[1] ?? '').toLowerCase();
  const body = m[2] ?? '';
  const unquote = (p: string): string => p.trim().replace(/^"(.*)"$/, '$1');
  const bad = (): never => {
    throw problem('ingest/bad-mapping', { mapping: value });
  };
  if (fn === 'map') {
    const [col, ...pairs] = body.split(';').map((p) => p.trim());
    const values = pairs.filter(Boolean).map((p): [string, string] => {
      const i = p.indexOf('=');
      if (i <= 0) return bad();
      return [unquote(p.slice(0, i)).toLowerCase(), unquote(p.slice(i + 1))];
    });
    if (!col || values.length === 0) return bad();
    const c = resolve(unquote(col));
    return c === undefined ? undefined : { kind: 'map', column: c, values };
  }
  if (fn === 'date') {
    const i = body.indexOf(',');
    if (i <= 0) return bad();
    const c = resolve(unquote(body.slice(0, i)));
    const format = unquote(body.slice(i + 1));
    // only the directives strptime knows, so that a typo is a bad mapping rather than an engine error mid-load
    if (!format.includes('%') || !/^(?:[^%]|%%|%-?[aAwdbBmyYHIpMSfgnzZjUWcxX])*$/.test(format)) return bad();
    return c === undefined ? undefined : { kind: 'date', column: c, format };
  }
  const parts = body.split(',').map(unquote).filter(Boolean);
  if (parts.length === 0 || (fn === 'product' && parts.length !== 2)) return bad();
  const columns = parts.map((p) => resolve(p));
  if (columns.some((c) => c === undefined)) return undefined;
  return fn === 'product' ? { kind: 'product', columns: [columns[0] as string, columns[1] as string] } : { kind: 'concat', columns: columns as string[] };
}

/** The source columns a value reads (none for a row hash, which reads them all). */
export function sourceColumns(s: ColumnSource): string[] {
  switch (s.kind) {
    case 'column':
    case 'date':
    case 'map':
      return [s.column];
    case 'concat':
    case 'product':
      return s.columns;
    case 'hash':
      return [];
  }
}
