// Where a canonical column's value comes from: one source column, several joined (a composite id), or a hash of the row.
import { problem } from '../shared/problems.js';

/**
 * A mapping value in archetype.yaml / `--map`:
 * - `Source column` — that column (matched exactly, else by normalised name);
 * - `@concat(A, B, …)` — the columns' trimmed values joined with `/` (a composite key, e.g. invoice + line);
 * - `@hash` — a hash of the whole source row (an id for files without one; identical rows then count as duplicates).
 */
export type ColumnSource = { kind: 'column'; column: string } | { kind: 'concat'; columns: string[] } | { kind: 'hash' };

export function parseColumnSource(value: string, resolve: (name: string) => string | undefined): ColumnSource | undefined {
  const v = value.trim();
  if (/^@hash(\(\s*\))?$/i.test(v)) return { kind: 'hash' };
  const m = /^@concat\((.*)\)$/i.exec(v);
  if (m) {
    const parts = (m[1] ?? '').split(',').map((p) => p.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean);
    if (parts.length === 0) throw problem('ingest/bad-mapping', { mapping: value });
    const columns = parts.map((p) => resolve(p));
    if (columns.some((c) => c === undefined)) return undefined;
    return { kind: 'concat', columns: columns as string[] };
  }
  if (v.startsWith('@')) throw problem('ingest/bad-mapping', { mapping: value });
  const c = resolve(v);
  return c === undefined ? undefined : { kind: 'column', column: c };
}

/** The source columns a value reads (none for a row hash, which reads them all). */
export function sourceColumns(s: ColumnSource): string[] {
  return s.kind === 'column' ? [s.column] : s.kind === 'concat' ? s.columns : [];
}
