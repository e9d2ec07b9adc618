// The privacy minimum applied to a journey map's cells: statistics of a stage, a drop-off or a theme reached by fewer customers than the minimum are left out.
import type { JourneyMap } from './journey-types.js';

/**
 * A group's map with every sub-group under `minimum` customers reduced to its count: funnel steps lose their times,
 * drop-offs their last touches, stages their touchpoint and progression breakdowns, and pain points of fewer customers
 * go (with their quotes). Paths, loops and stage texts are filtered where they are computed.
 */
export function applyMinimumGroup(map: JourneyMap, minimum: number): JourneyMap {
  const small = (n: number): boolean => n < minimum;
  return {
    ...map,
    funnel: map.funnel.map((f) => (small(f.customers) ? { ...f, median_hours: null, p90_hours: null } : f)),
    dropoff: map.dropoff.map((d) => (small(d.stopped) ? { ...d, last_touches: { channel: [], content_type: [], event: [] } } : d)),
    touchpoints: map.touchpoints.map((t) => (small(t.customers) ? { ...t, channels: [], content_types: [], cells: [] } : t)),
    progression: map.progression.map((p) =>
      small(p.customers) ? { ...p, touches_per_mover: null, median_touches_per_mover: null, cells: [] } : { ...p, cells: p.cells.filter((c) => !small(c.customers)) },
    ),
    emotions: map.emotions.map((e) => ({ ...e, pain_points: e.pain_points.filter((p) => !small(p.customers)) })),
  };
}
