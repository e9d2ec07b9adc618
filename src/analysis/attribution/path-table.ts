// Reads a path table in ChannelAttribution's layout (path;total_conversions;total_conversion_value;total_null) into aggregates.
import { problem } from '../../shared/problems.js';
import { parsePath, validatePaths } from './paths.js';
import type { PathAggregate } from './paths.js';

const COLUMNS = {
  path: ['path'],
  conversions: ['total_conversions', 'conversions'],
  value: ['total_conversion_value', 'value'],
  nulls: ['total_null', 'nulls'],
} as const;

/**
 * Parses delimiter-separated text with a header row. The delimiter is `;` when the header holds
 * one, else `,`; channels inside `path` are separated by `>` (or `;` in a comma file). The value
 * and null columns may be absent (read as 0). Fields are not quoted: this is the package's own
 * plain format, not general CSV.
 */
export function parsePathTable(text: string): PathAggregate[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0];
  if (header === undefined) throw problem('usage/invalid', { message: 'path table: no header row' });
  const sep = header.includes(';') ? ';' : ',';
  const names = header.split(sep).map((h) => h.trim().toLowerCase());
  const find = (aliases: readonly string[]): number => names.findIndex((n) => aliases.includes(n));
  const at = {
    path: find(COLUMNS.path),
    conversions: find(COLUMNS.conversions),
    value: find(COLUMNS.value),
    nulls: find(COLUMNS.nulls),
  };
  if (at.path < 0 || at.conversions < 0) {
    throw problem('usage/invalid', {
      message: `path table: need columns path and total_conversions, found ${names.join(', ')}`,
    });
  }
  const rows = lines.slice(1).map((line, i): PathAggregate => {
    const cells = line.split(sep);
    const num = (col: number): number => {
      if (col < 0) return 0;
      const cell = cells[col]?.trim() ?? '';
      const n = cell === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(n)) {
        throw problem('usage/invalid', {
          message: `path table line ${i + 2}: "${cell}" in column ${names[col] ?? col} is not a number`,
        });
      }
      return n;
    };
    return {
      channels: parsePath(cells[at.path] ?? ''),
      conversions: num(at.conversions),
      value: num(at.value),
      nulls: num(at.nulls),
    };
  });
  validatePaths(rows);
  return rows;
}
