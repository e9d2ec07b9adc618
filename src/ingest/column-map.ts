// Maps a file's columns to the contract's canonical columns (via archetype.yaml mappings) and names the extra ones.
import { ENTITIES, requiredColumns, type EntityName } from '../contract/entities.js';
import { problem } from '../shared/problems.js';
import { closest } from '../shared/text-distance.js';
import { parseColumnSource, type ColumnSource } from './column-source.js';

export function normalizeColumnName(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .trim()
    // camelCase and PascalCase words become snake_case: NumStorePurchases → num_store_purchases, customerID → customer_id
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Words that hint at a canonical column in other people's headers, for "did you mean" when the names are far apart. */
const HINTS: Record<string, string[]> = {
  customer_id: ['customer', 'client', 'user', 'buyer', 'member', 'account'],
  order_id: ['order', 'invoice', 'transaction', 'receipt'],
  ordered_at: ['date', 'time', 'created', 'placed'],
  occurred_at: ['time', 'date', 'timestamp'],
  opened_at: ['opened', 'created', 'date', 'time'],
  amount: ['total', 'amount', 'price', 'value', 'revenue', 'sum', 'eur', 'usd', 'gbp', 'dollar'],
  text: ['text', 'review', 'comment', 'verbatim', 'feedback', 'body', 'message', 'answer'],
  event: ['event', 'action', 'type', 'name'],
  feedback_id: ['review', 'response', 'feedback', 'id'],
  ticket_id: ['ticket', 'case', 'issue'],
  lead_id: ['lead', 'prospect'],
  account_id: ['account', 'company', 'organisation', 'organization'],
};

/** The free column closest to `want` by spelling, else the first whose name holds one of its hint words. */
function suggest(want: string, free: string[]): string | undefined {
  const near = closest(want, free);
  if (near !== undefined) return near;
  const words = HINTS[want] ?? [];
  return free.find((c) => normalizeColumnName(c).split('_').some((w) => words.includes(w)));
}

export interface ColumnMapping {
  /** canonical column → where its value comes from in the file */
  canonical: Map<string, ColumnSource>;
  /** extra attribute name (normalised) → source column */
  extras: Map<string, string>;
}

export function mapColumns(
  file: string,
  entity: EntityName,
  fileColumns: string[],
  mapping: Record<string, string> = {},
): ColumnMapping {
  const spec = ENTITIES[entity];
  const byNorm = new Map<string, string>();
  for (const c of fileColumns) if (!byNorm.has(normalizeColumnName(c))) byNorm.set(normalizeColumnName(c), c);
  const resolve = (name: string): string | undefined => (fileColumns.includes(name) ? name : byNorm.get(normalizeColumnName(name)));
  const canonical = new Map<string, ColumnSource>();
  const used = new Set<string>();
  // explicit mappings first, so that a column mapped elsewhere is not also taken by its own name
  const wanted = spec.columns.filter((c) => mapping[c.name] !== undefined).concat(spec.columns.filter((c) => mapping[c.name] === undefined));
  for (const col of wanted) {
    const m = mapping[col.name];
    const src = m !== undefined ? parseColumnSource(m, resolve) : byNorm.has(col.name) ? { kind: 'column' as const, column: byNorm.get(col.name) as string } : undefined;
    if (src === undefined) continue;
    if (src.kind === 'column' && used.has(src.column)) continue;
    canonical.set(col.name, src);
    if (src.kind === 'column') used.add(src.column);
  }
  const missing = requiredColumns(spec).filter((c) => !canonical.has(c));
  if (missing.length) {
    const free = fileColumns.filter((c) => !used.has(c));
    const suggestions: Record<string, string> = {};
    for (const m of missing) {
      const s = (mapping[m] !== undefined ? closest(mapping[m], free) : undefined) ?? suggest(m, free);
      if (s !== undefined) suggestions[m] = s;
    }
    throw problem('ingest/missing-column', { file, entity, missing, found: fileColumns, suggestions });
  }
  const extras = new Map<string, string>();
  const canonicalNames = new Set(spec.columns.map((c) => c.name));
  for (const c of fileColumns) {
    if (used.has(c)) continue;
    let name = normalizeColumnName(c) || 'column';
    if (canonicalNames.has(name) || name.startsWith('__')) name = `x_${name}`;
    while (extras.has(name)) name = `${name}_2`;
    extras.set(name, c);
  }
  return { canonical, extras };
}
