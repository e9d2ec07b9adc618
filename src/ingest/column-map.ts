// Maps a file's columns to the contract's canonical columns (via archetype.yaml mappings) and names the extra ones.
import { ENTITIES, requiredColumns, type EntityName } from '../contract/entities.js';
import { problem } from '../shared/problems.js';
import { closest } from '../shared/text-distance.js';

export function normalizeColumnName(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface ColumnMapping {
  /** canonical column → source column (as in the file) */
  canonical: Map<string, string>;
  /** extra attribute name (normalised) → source column */
  extras: Map<string, string>;
}

export function mapColumns(
  file: string,
  entity: EntityName,
  sourceColumns: string[],
  mapping: Record<string, string> = {},
): ColumnMapping {
  const spec = ENTITIES[entity];
  const byNorm = new Map<string, string>();
  for (const c of sourceColumns) if (!byNorm.has(normalizeColumnName(c))) byNorm.set(normalizeColumnName(c), c);
  const canonical = new Map<string, string>();
  const used = new Set<string>();
  for (const col of spec.columns) {
    const wanted = mapping[col.name];
    const src = wanted !== undefined ? (sourceColumns.includes(wanted) ? wanted : byNorm.get(normalizeColumnName(wanted))) : byNorm.get(col.name);
    if (src !== undefined && !used.has(src)) {
      canonical.set(col.name, src);
      used.add(src);
    }
  }
  const missing = requiredColumns(spec).filter((c) => !canonical.has(c));
  if (missing.length) {
    const free = sourceColumns.filter((c) => !used.has(c));
    const suggestions: Record<string, string> = {};
    for (const m of missing) {
      const s = closest(m, free);
      if (s !== undefined) suggestions[m] = s;
    }
    throw problem('ingest/missing-column', { file, entity, missing, found: sourceColumns, suggestions });
  }
  const extras = new Map<string, string>();
  const canonicalNames = new Set(spec.columns.map((c) => c.name));
  for (const c of sourceColumns) {
    if (used.has(c)) continue;
    let name = normalizeColumnName(c) || 'column';
    if (canonicalNames.has(name) || name.startsWith('__')) name = `x_${name}`;
    while (extras.has(name)) name = `${name}_2`;
    extras.set(name, c);
  }
  return { canonical, extras };
}
