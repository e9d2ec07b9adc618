// Journey maps of a persona set during `build`: customers grouped by their segment's persona, plus the map of all customers.
import type { Engine } from '../../engine/engine.js';
import type { WorkspaceConfig } from '../../contract/workspace-config.js';
import { computeJourneys, type JourneyOptions } from './compute-journeys.js';
import type { JourneySet } from './journey-types.js';

const GROUPS = '_j_groups';

export interface PersonaJourneyOptions {
  /** table with customer_id, segment (the build's `_segment_now`) */
  segments: string;
  personas: readonly { id: string; segment: number }[];
  config: WorkspaceConfig;
  seed?: number;
  onStep?: JourneyOptions['onStep'];
}

export async function computePersonaJourneys(engine: Engine, opts: PersonaJourneyOptions): Promise<JourneySet> {
  const d = engine.dialect;
  const cases = opts.personas.map((p) => `WHEN ${Math.floor(p.segment)} THEN ${d.literal(p.id)}`).join(' ');
  await engine.exec(d.dropTable(GROUPS));
  await engine.exec(
    d.createTableAs(
      GROUPS,
      `SELECT customer_id, ${cases ? `CASE segment ${cases} END` : `CAST(NULL AS ${d.types.text})`} AS grp FROM ${d.ident(opts.segments)}`,
      { temporary: true },
    ),
  );
  try {
    return await computeJourneys(engine, {
      groups: { table: GROUPS, column: 'grp' },
      windowDays: opts.config.journeys.window_days,
      stageRules: opts.config.journeys.stage_rules,
      minimum: opts.config.privacy.minimum_group_size,
      order: opts.personas.map((p) => p.id),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.onStep ? { onStep: opts.onStep } : {}),
    });
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${GROUPS}`);
  }
}
