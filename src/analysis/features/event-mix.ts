// Events counted per channel × content type (and whether a customer is known), in one pass: the frequent levels the
// features one-hot, the values the triggers grid spans and the "any customer events" test all come from these few rows
// (at 1M customers, five scans of 50M events cost ~5 CPU s; this one ~2).
import type { Engine } from '../../engine/engine.js';

export interface EventMixRow {
  channel: string | null;
  contentType: string | null;
  /** the events have a customer_id */
  known: boolean;
  n: number;
}

export type EventMix = readonly EventMixRow[];

export async function eventMix(engine: Engine): Promise<EventMix> {
  if (!(await engine.tableExists('events'))) return [];
  const d = engine.dialect;
  const rows = await engine.all<{ ch: string | null; ct: string | null; known: number; n: number }>(
    `SELECT CAST(channel AS ${d.types.text}) AS ch, CAST(content_type AS ${d.types.text}) AS ct,
        CASE WHEN customer_id IS NULL THEN 0 ELSE 1 END AS known, count(*) AS n
       FROM events GROUP BY CAST(channel AS ${d.types.text}), CAST(content_type AS ${d.types.text}), CASE WHEN customer_id IS NULL THEN 0 ELSE 1 END`,
  );
  return rows.map((r) => ({ channel: r.ch ?? null, contentType: r.ct ?? null, known: Number(r.known) === 1, n: Number(r.n) }));
}

type Column = 'channel' | 'contentType';

/** byte order of UTF-8 text, as the engines sort strings */
function compareText(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Frequent values of a column over all events: the `max` + 1 most common (ties by value), kept when each is ≥ `minShare`
 * of those; none when fewer than two values occur. The same as the features' `levels` query on the events table.
 */
export function mixLevels(mix: EventMix, column: Column, minShare: number, max: number): string[] {
  const counts = new Map<string, number>();
  for (const r of mix) {
    const v = r[column];
    if (v !== null) counts.set(v, (counts.get(v) ?? 0) + r.n);
  }
  const rows = [...counts].sort((x, y) => y[1] - x[1] || compareText(x[0], y[0])).slice(0, max + 1);
  if (rows.length < 2) return [];
  const total = rows.reduce((s, r) => s + r[1], 0);
  return rows.filter((r) => r[1] / Math.max(total, 1) >= minShare).slice(0, max).map((r) => r[0]);
}

/** Distinct values of a column over events with a customer, a missing value as `none`, sorted. */
export function mixValues(mix: EventMix, column: Column, none: string): string[] {
  return [...new Set(mix.filter((r) => r.known).map((r) => r[column] ?? none))].sort();
}

/** events with a customer */
export function knownEvents(mix: EventMix): number {
  return mix.reduce((s, r) => s + (r.known ? r.n : 0), 0);
}
