// Tells a file's format from its name and its entity from its name or header.
import { basename } from 'node:path';
import { ENTITIES, ENTITY_NAMES, requiredColumns, type EntityName } from '../contract/entities.js';
import type { FileFormat } from '../engine/engine.js';
import { problem } from '../shared/problems.js';
import { normalizeColumnName } from './column-map.js';

export interface FileKind {
  format: FileFormat;
  gzip: boolean;
}

export function detectFormat(file: string): FileKind {
  let name = basename(file).toLowerCase();
  const gzip = name.endsWith('.gz');
  if (gzip) name = name.slice(0, -3);
  const ext = name.slice(name.lastIndexOf('.') + 1);
  const map: Record<string, FileFormat> = { csv: 'csv', txt: 'csv', tsv: 'tsv', tab: 'tsv', jsonl: 'jsonl', ndjson: 'jsonl', json: 'json', parquet: 'parquet', pq: 'parquet' };
  const format = map[ext];
  if (!format) throw problem('ingest/unknown-format', { file });
  return { format, gzip };
}

/** Entity from the file name (customers.csv, 2024-orders.jsonl.gz, crm_contacts.tsv …). */
export function entityFromName(file: string): EntityName | undefined {
  const stem = basename(file).toLowerCase().replace(/\.(gz)$/, '').replace(/\.[a-z]+$/, '');
  const words = stem.split(/[^a-z]+/).filter(Boolean);
  for (const e of ENTITY_NAMES) if (words.includes(e)) return e;
  for (const e of ENTITY_NAMES) if (ENTITIES[e].aliases.some((a) => words.includes(a))) return e;
  return undefined;
}

/** Entity from the header: the one whose required columns (after mapping) are all present, most specific first. */
export function entityFromHeader(columns: string[], mappings: Record<string, Record<string, string>>): EntityName | undefined {
  const present = new Set(columns.map(normalizeColumnName));
  const candidates = ENTITY_NAMES.filter((e) => {
    const map = mappings[e] ?? {};
    return requiredColumns(ENTITIES[e]).every((c) => present.has(normalizeColumnName(map[c] ?? c)));
  });
  candidates.sort((a, b) => requiredColumns(ENTITIES[b]).length - requiredColumns(ENTITIES[a]).length);
  return candidates[0];
}
