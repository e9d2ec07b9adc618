// The next best content per persona and stage: the first recommendation of the persona's nurturing scenario for that stage.
import type { Stage } from '../../contract/entities.js';
import type { JourneySet } from '../journeys/journey-types.js';
import { buildScenario } from '../nurturing/scenario.js';
import type { NextContent } from './scoring-model.js';

const words = (s: string): string => s.replace(/_/g, ' ');

/**
 * For each persona with a journey map: stage → what to send a lead who has reached that stage (the scenario's best
 * channel × content type for moving on from it). The last stage (advocacy) has no step, so it has no next content.
 */
export function nextContentOf(journeys: JourneySet | null, personaIds: readonly string[]): Record<string, Partial<Record<Stage, NextContent>>> {
  const out: Record<string, Partial<Record<Stage, NextContent>>> = {};
  if (!journeys) return out;
  for (const id of personaIds) {
    const map = journeys.maps.find((m) => m.group === id);
    if (!map) continue;
    const scenario = buildScenario(map, journeys.as_of);
    const byStage: Partial<Record<Stage, NextContent>> = {};
    for (const step of scenario.steps) {
      const best = step.send[0];
      if (!best) continue;
      byStage[step.stage] = {
        channel: best.channel,
        content_type: best.content_type,
        lift: best.lift,
        text: `${words(best.content_type)} via ${words(best.channel)} (${step.stage} → ${step.next}${best.lift !== null ? `, ${best.lift.toFixed(2)}× the stage's move-on rate` : ''})`,
      };
    }
    out[id] = byStage;
  }
  return out;
}
