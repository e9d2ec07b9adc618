// Journey maps for every group and for all customers: the SQL steps in order, then each group's map assembled from their aggregates.
import { applyMinimumGroup } from './privacy-floor.js';
import type { Engine } from '../../engine/engine.js';
import { STAGES } from '../../contract/entities.js';
import type { StageRule } from '../../contract/workspace-config.js';
import { buildCustomerStages, CUST, OD, SAMPLE, SEVRAW, type CustomerStages, type GroupSource } from './customer-stages.js';
import { analyseEmotions, readEmotionFeedback } from './emotions.js';
import { warmUpTextAnalysis } from '../text/analyze.js';
import { FUNNEL, funnelStatements, readFunnels, type GroupFunnel } from './funnel.js';
import { attributeJourneys, PATH_TABLES, pathAggregateStatements, readPathAggregates } from './journey-attribution.js';
import { ALL_GROUP, type DropOff, type JourneyMap, type JourneySet, type PathSummary, type Share, type StageEmotion, type StageTouchpoints } from './journey-types.js';
import { findOpportunities } from './opportunities.js';
import { PATH_SUMMARY_TABLES, pathStatements, readPaths, type GroupPaths } from './paths.js';
import { PROGRESSION_TABLES, progressionStatements, readProgression } from './progression.js';
import { buildSampledTouches, SEV } from './sample.js';
import { dropSequences, prepareSequences } from './sequences.js';
import { effectiveRules } from './stage-rules.js';
import { rulesForStoredEvents } from './stored-stage-rules.js';
import { runBatch } from './scratch-tables.js';
import { lastTouchStatements, NONE, readLastTouches, readTouchpoints, TOUCHPOINT_TABLES, touchpointStatements, type LastTouchRow } from './touchpoints.js';

export interface JourneyOptions {
  /** customers and their groups; null = every customer of `customers`, one map ("all") */
  groups: GroupSource | null;
  windowDays: number;
  /** configured stage rules (undefined = the shipped defaults) */
  stageRules?: readonly StageRule[] | undefined;
  /** privacy minimum: paths, loops, links and stage texts of fewer customers are left out */
  minimum: number;
  /** customers whose ordered touches are read (default: 1% of customers, 5,000–10,000; Infinity = every customer) */
  sample?: number;
  /** steps per stage path and Sankey diagram (default 8) */
  maxSteps?: number;
  /** steps per channel or event path (default 5) */
  maxTouchSteps?: number;
  topPaths?: number;
  topCells?: number;
  feedbackPerCell?: number;
  seed?: number;
  /** skip the feedback text analysis (default false) */
  skipEmotions?: boolean;
  /** map order: these groups first, in this order (default: sorted) */
  order?: readonly string[];
  onStep?: (step: string) => void;
}

export async function computeJourneys(engine: Engine, opts: JourneyOptions): Promise<JourneySet> {
  // every scratch table below is aggregated or read back in order: the engine need not keep rows in insertion order
  return engine.withUnorderedRows ? engine.withUnorderedRows(() => journeys(engine, opts)) : journeys(engine, opts);
}

async function journeys(engine: Engine, opts: JourneyOptions): Promise<JourneySet> {
  const rules = await rulesForStoredEvents(engine, effectiveRules(opts.stageRules));
  const timings: Record<string, number> = {};
  let t = Date.now();
  const step = (name: string): void => {
    timings[name] = Date.now() - t;
    t = Date.now();
    opts.onStep?.(name);
  };
  try {
    const cust = await buildCustomerStages(engine, {
      groups: opts.groups, rules, windowDays: opts.windowDays, ...(opts.sample !== undefined ? { sample: opts.sample } : {}),
      ...(opts.skipEmotions ? {} : { whileReading: warmUpTextAnalysis }),
    });
    step('customer_stages');
    await buildSampledTouches(engine);
    const { dict, statements: sequences } = await prepareSequences(engine);
    const emotionOptions = { minimum: opts.minimum, perCell: opts.feedbackPerCell ?? 100 };
    const feedback = opts.skipEmotions ? null : await readEmotionFeedback(engine, emotionOptions);
    step('sample_and_feedback');
    // the SQL steps that need no JavaScript between them run as one batch (each writes a small table, read afterwards):
    // the engine works through them while the feedback text is analysed here (synchronous JavaScript), on two cores
    const topCells = opts.topCells ?? 15;
    const pathOptions = { maxSteps: opts.maxSteps ?? 8, maxTouchSteps: opts.maxTouchSteps ?? 5, top: opts.topPaths ?? 20, minimum: opts.minimum };
    const counting = runBatch(engine, [
      ...funnelStatements(engine, opts.windowDays, cust.as_of),
      ...sequences,
      ...touchpointStatements(engine),
      ...lastTouchStatements(engine),
      ...pathAggregateStatements(engine),
    ]);
    const emotions = feedback ? analyseEmotions(feedback, emotionOptions) : new Map<string, StageEmotion[]>();
    step('emotions');
    await counting;
    step('counting');
    const funnels = await readFunnels(engine);
    const touchpoints = await readTouchpoints(engine, topCells);
    const last = await readLastTouches(engine, dict);
    const attributionPaths = await readPathAggregates(engine, dict);
    // the attribution models (JavaScript) run while the engine counts the progression and the paths
    const sequencing = runBatch(engine, [...progressionStatements(engine, { windowDays: opts.windowDays, funnel: FUNNEL }), ...pathStatements(engine, pathOptions)]);
    const attribution = new Map([...funnels.keys()].map((g) => [g, attributeJourneys(attributionPaths.get(g) ?? [])]));
    step('attribution');
    await sequencing;
    const progression = await readProgression(engine, { minimum: opts.minimum, topCells });
    const paths = await readPaths(engine, dict, pathOptions);
    step('progression_and_paths');
    const allFunnel = funnels.get(ALL_GROUP);
    const keys = [...funnels.keys()].filter((g) => g !== ALL_GROUP);
    const rank = (g: string): number => (opts.order?.includes(g) ? opts.order.indexOf(g) : Number.MAX_SAFE_INTEGER);
    keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const maps: JourneyMap[] = [];
    for (const g of [ALL_GROUP, ...keys]) {
      const f = funnels.get(g);
      if (!f || !allFunnel) continue;
      const tp = touchpoints.get(g) ?? [];
      const em = emotions.get(g) ?? [];
      const p = paths.get(g) ?? emptyPaths();
      const map = applyMinimumGroup({
        group: g,
        customers: f.customers,
        window_days: opts.windowDays,
        funnel: f.funnel,
        dropoff: dropoff(f, last.filter((r) => r.g === g), tp),
        touchpoints: tp,
        progression: progression.get(g) ?? [],
        paths: p.paths,
        loops: p.loops,
        back_moves: p.back_moves,
        emotions: em,
        opportunities: [],
        attribution: attribution.get(g) ?? attributeJourneys([]),
        sample: sampleInfo(cust, g),
      }, opts.minimum);
      // opportunities read the floored cells, so none rests on a group under the minimum
      if (g !== ALL_GROUP) map.opportunities = findOpportunities({ funnel: map.funnel, allFunnel: allFunnel.funnel, emotions: map.emotions, touchpoints: map.touchpoints });
      maps.push(map);
    }
    step('assemble');
    return { schema: 1, window_days: opts.windowDays, as_of: cust.as_of, stage_rules: rules, unstaged_events: cust.unstaged_events, maps, timings_ms: timings };
  } finally {
    await dropSequences(engine);
    const tables = [SEV, SAMPLE, CUST, SEVRAW, OD, FUNNEL, ...TOUCHPOINT_TABLES, ...PATH_TABLES, ...PROGRESSION_TABLES, ...PATH_SUMMARY_TABLES];
    await engine.exec(tables.map((t) => engine.dialect.dropTable(t)).join(';\n'));
  }
}

function emptyPaths(): GroupPaths {
  const paths: PathSummary[] = (['stage', 'channel', 'event'] as const).map((kind) => ({ kind, customers: 0, top: [], sankey: { nodes: [], links: [] } }));
  return { paths, loops: [], back_moves: [] };
}

function sampleInfo(s: CustomerStages, g: string): JourneyMap['sample'] {
  const strata = g === ALL_GROUP ? [...s.strata.values()] : [s.strata.get(g) ?? { customers: 0, sampled: 0 }];
  const customers = strata.reduce((a, x) => a + x.sampled, 0);
  const of = strata.reduce((a, x) => a + x.customers, 0);
  return { customers, of, exact: customers === of };
}

function dropoff(f: GroupFunnel, rows: readonly LastTouchRow[], tp: readonly StageTouchpoints[]): DropOff[] {
  return STAGES.slice(0, 4).map((stage, k): DropOff => {
    const reached = f.funnel[k]?.customers ?? 0;
    const s = f.stopped[k] ?? { stopped: 0, still_open: 0 };
    const at = rows.filter((r) => r.furthest === k + 1);
    const touch = tp[k];
    const dim = (name: LastTouchRow['dim'], ref: readonly Share[] | undefined): Share[] => {
      const list = at.filter((r) => r.dim === name);
      const total = list.reduce((a, r) => a + r.n, 0);
      return list
        .map((r): Share => {
          const key = r.key ?? NONE;
          const share = total ? r.n / total : 0;
          const base = ref?.find((x) => x.key === key)?.share ?? 0;
          return { key, n: Math.round(r.n * 1000) / 1000, share, lift: ref && base > 0 ? share / base : null };
        })
        .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key))
        .slice(0, 5);
    };
    return {
      stage, reached, stopped: s.stopped, share: reached ? s.stopped / reached : 0, still_open: s.still_open,
      last_touches: { channel: dim('channel', touch?.channels), content_type: dim('content_type', touch?.content_types), event: dim('event', undefined) },
    };
  });
}
