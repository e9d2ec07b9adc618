// Claims about events and journeys as one SQL per claim: a per-customer row (hit 0/1) from events, counted in the segment and over everyone.
import type { Engine } from '../../engine/engine.js';
import type { ClaimCheck } from './handmade-store.js';

/** Claim fields answered from events rather than a customers column; the names people write map onto them. */
export const EVENT_FIELD_ALIASES: Record<string, EventField> = {
  first_touch: 'first_touch_channel', first_touch_channel: 'first_touch_channel', channel_first_touch: 'first_touch_channel', first_channel: 'first_touch_channel',
  first_touch_content: 'first_touch_content', first_touch_content_type: 'first_touch_content', first_content: 'first_touch_content', content_first_touch: 'first_touch_content',
  stage_reached: 'stage_reached', reached_stage: 'stage_reached', journey_stage: 'stage_reached',
  days_to_decision: 'days_to_decision', time_to_decision: 'days_to_decision',
};
export type EventField = 'first_touch_channel' | 'first_touch_content' | 'stage_reached' | 'days_to_decision';

/** What the shares are taken over, said on the card next to the numbers. */
export const EVENT_BASIS: Record<EventField, string> = {
  first_touch_channel: 'first touches (first event per customer)',
  first_touch_content: 'first touches (first event per customer)',
  stage_reached: 'customers with events',
  days_to_decision: 'customers who reached decision (first event → first decision event)',
};

export interface EventClaimSql { sql: string; params: Record<string, string | number>; basis: string }

/**
 * The counting query for an event claim (n_seg, hit_seg, n_all, hit_all), or the reason it cannot be tested.
 * `segWhere` filters on `customer_id`; no window functions, no CTEs, one aggregate level per SELECT.
 */
export function eventClaimSql(engine: Engine, field: EventField, check: ClaimCheck, segWhere: string, segParams: Record<string, string | number>): EventClaimSql | string {
  const d = engine.dialect, text = d.types.text;
  const params: Record<string, string | number> = { ...segParams };
  const values = check.value.map((v) => v.toLowerCase());
  const inList = (expr: string): string => `lower(CAST(${expr} AS ${text})) IN (${values.map((v, i) => ((params[`ev${i}`] = v), `$ev${i}`)).join(', ')})`;
  let per: string;
  if (field === 'days_to_decision') {
    if (check.op !== '<' && check.op !== '>') return 'days_to_decision takes < or > and a number of days';
    const days = Number(check.value[0]);
    if (!Number.isFinite(days) || check.value.length !== 1) return `days_to_decision ${check.op} needs one number of days, not "${check.value.join(', ')}"`;
    params['hours'] = days * 24;
    const reached = `SELECT customer_id, min(occurred_at) AS t0, min(CASE WHEN lower(CAST(stage AS ${text})) = 'decision' THEN occurred_at END) AS td
                     FROM events WHERE customer_id IS NOT NULL GROUP BY customer_id`;
    per = `SELECT customer_id, CASE WHEN ${d.hoursBetween('t0', 'td')} ${check.op} $hours THEN 1 ELSE 0 END AS hit FROM (${reached}) r WHERE td IS NOT NULL`;
  } else {
    if (check.op !== '=' && check.op !== 'in') return `${field} takes = or in`;
    if (!values.length) return `${field} ${check.op} needs a value`;
    const hit = field === 'stage_reached'
      ? `max(CASE WHEN ${inList('stage')} THEN 1 ELSE 0 END)`
      : d.argMin(`CASE WHEN ${inList(field === 'first_touch_channel' ? 'channel' : 'content_type')} THEN 1 ELSE 0 END`, 'occurred_at');
    per = `SELECT customer_id, ${hit} AS hit FROM events WHERE customer_id IS NOT NULL GROUP BY customer_id`;
  }
  const sql = `SELECT count(CASE WHEN ${segWhere} THEN 1 END) AS n_seg, count(CASE WHEN ${segWhere} AND hit = 1 THEN 1 END) AS hit_seg,
               count(*) AS n_all, count(CASE WHEN hit = 1 THEN 1 END) AS hit_all FROM (${per}) f`;
  return { sql, params, basis: EVENT_BASIS[field] };
}
