// Attribution of decisions to channels: channel paths aggregated in SQL per group, then every model of the attribution module.
import type { Engine } from '../../engine/engine.js';
import { parseNumberList } from '../../engine/list-text.js';
import { streamColumns } from '../../engine/stream-columns.js';
import { attribute, attributeAll, type AttributionModel, type PathAggregate } from '../attribution/attribute.js';
import { ATTRIBUTION_MODELS } from '../attribution/attribution-result.js';
import { membership } from './customer-stages.js';
import { SEQ, type Dictionary } from './sequences.js';
import { ALL_GROUP, type AttributionChannel, type JourneyAttribution } from './journey-types.js';
import { scratchTable } from './scratch-tables.js';

const PATHS = '_j_apaths';
const AGES = '_j_aages';
/** the tables the statements below make (dropped with the run's other scratch tables) */
export const PATH_TABLES = [PATHS, AGES];

/**
 * A journey is a customer: its path is the channel runs up to its first decision (converted; value = first
 * order amount) or, without a decision, within the window (null). Distinct paths with their counts and the
 * mean age of each touch before the decision (hours, for time decay) come from SQL; only those aggregates reach TS.
 * These statements (no parameters: they run in a batch) make the tables `readPathAggregates` reads.
 */
export function pathAggregateStatements(engine: Engine): string[] {
  const d = engine.dialect;
  const m = membership(SEQ, ALL_GROUP);
  // grouped by a hash of the path (cheaper than the list itself); the list rides along and orders the result on every engine
  // (output names differ from input columns: on ClickHouse an alias hides the column of the same name)
  return [
    ...scratchTable(
      d,
      PATHS,
      `SELECT g, CAST(ak AS ${d.types.text}) AS path_key, ${d.anyValue('ac')} AS channels, sum(CASE WHEN conv THEN w ELSE 0 END) AS conversions,
              sum(CASE WHEN conv THEN w * v1 ELSE 0 END) AS value, sum(CASE WHEN conv THEN 0 ELSE w END) AS nulls
         FROM ${m} m GROUP BY g, ak`,
    ),
    // mean hours before conversion per touch position of each converting path: the weighted sums in TypeScript (the SQL
    // unnest and grouping ran on one thread: 150 ms at 1M customers for ~12k rows)
    ...scratchTable(d, AGES, `SELECT g, CAST(ak AS ${d.types.text}) AS path_key, w, ah FROM ${m} m WHERE conv AND ${d.listLength('ah')} > 0`),
  ];
}

/** The paths counted by `pathAggregateStatements`, per group, named. */
export async function readPathAggregates(engine: Engine, dict: Dictionary): Promise<Map<string, PathAggregate[]>> {
  const d = engine.dialect;
  // the lists read as text: ~8k paths and ~18k converting customers at 1M customers arrive in a fifth of the time
  const paths = (
    await engine.all<{ g: string; path_key: string; channel_list: string; conversions: number; value: number; nulls: number }>(
      `SELECT g, path_key, ${d.listText('channels')} AS channel_list, conversions, value, nulls FROM ${PATHS} ORDER BY g, channels, path_key`,
    )
  ).map((r) => ({ ...r, ak: r.path_key, ac: parseNumberList(r.channel_list) }));
  const key = (g: string, ak: string): string => `${g}\u0001${ak}`;
  const sums = new Map<string, { weight: number; hours: number[]; length: number }>();
  // ~18k rows at 1M customers: by columns (an object per row costs several times more)
  await streamColumns(engine, `SELECT g, path_key, w, ${d.listText('ah')} AS hours FROM ${AGES}`, undefined, (c, n) => {
    const [gs, keys, ws, hours] = [c['g'], c['path_key'], c['w'], c['hours']] as unknown[][];
    for (let j = 0; j < n; j++) {
      const k = key(String(gs?.[j]), String(keys?.[j]));
      let acc = sums.get(k);
      if (!acc) sums.set(k, (acc = { weight: 0, hours: [], length: 0 }));
      const w = Number(ws?.[j]);
      const ah = parseNumberList(hours?.[j]);
      acc.weight += w;
      acc.length = Math.max(acc.length, ah.length);
      ah.forEach((h, i) => {
        if (h !== null) acc.hours[i] = (acc.hours[i] ?? 0) + w * h;
      });
    }
  });
  const ageOf = new Map<string, number[]>();
  for (const [k, acc] of sums) ageOf.set(k, Array.from({ length: acc.length }, (_, i) => Math.max(0, (acc.hours[i] ?? 0) / acc.weight)));
  const out = new Map<string, PathAggregate[]>();
  for (const p of paths) {
    const list = out.get(p.g) ?? [];
    const conversions = Number(p.conversions);
    const agg: PathAggregate = { channels: p.ac.map((c) => dict.name('c', Number(c)) ?? '(none)'), conversions, value: conversions > 0 ? Number(p.value) : 0, nulls: Number(p.nulls) };
    const h = ageOf.get(key(p.g, p.ak));
    if (conversions > 0 && h && h.length === p.ac.length && p.ac.length > 0) agg.hoursBeforeConversion = h;
    list.push(agg);
    out.set(p.g, list);
  }
  return out;
}

const zeros = (): Record<AttributionModel, number> => Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, 0])) as Record<AttributionModel, number>;

/** Every model side by side per channel, Markov at orders 1–3. */
export function attributeJourneys(paths: readonly PathAggregate[]): JourneyAttribution {
  const journeys = paths.reduce((a, p) => a + p.conversions + p.nulls, 0);
  const usable = paths.filter((p) => p.channels.length > 0 && p.conversions + p.nulls > 0);
  if (usable.length === 0)
    return { journeys, conversions: paths.reduce((a, p) => a + p.conversions, 0), value: 0, distinct_paths: paths.length, conversion_probability: null, channels: [] };
  const all = attributeAll(paths, { order: 1 });
  const m2 = attribute(paths, 'markov', { order: 2 });
  const m3 = attribute(paths, 'markov', { order: 3 });
  const channels = all.rows.map((r): AttributionChannel => {
    const o2 = m2.channels.find((c) => c.channel === r.channel);
    const o3 = m3.channels.find((c) => c.channel === r.channel);
    return {
      channel: r.channel,
      conversions: { ...zeros(), ...r.conversions },
      value: { ...zeros(), ...r.value },
      markov_by_order: [r.conversions.markov, o2?.conversions ?? 0, o3?.conversions ?? 0],
      removal_effect_by_order: [r.removalEffect, o2?.removalEffect ?? 0, o3?.removalEffect ?? 0],
    };
  });
  return {
    journeys,
    conversions: all.totalConversions + (all.models.markov.unattributed?.conversions ?? 0),
    value: all.totalValue + (all.models.markov.unattributed?.value ?? 0),
    distinct_paths: paths.length,
    conversion_probability: all.models.markov.conversionProbability ?? null,
    channels,
  };
}
