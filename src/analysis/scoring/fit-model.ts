// Fits the lead-scoring model of a persona set from its labelled customers: attributes, event mixes and next content, all by SQL.
import type { StageRule } from '../../contract/workspace-config.js';
import type { Engine } from '../../engine/engine.js';
import type { JourneySet } from '../journeys/journey-types.js';
import type { Persona } from '../personas/persona-types.js';
import { fitAttributes, type LabelSource } from './fit-attributes.js';
import { fitEvents } from './fit-events.js';
import { fitTiming } from './fit-timing.js';
import { nextContentOf } from './next-content.js';
import type { ScoringModel } from './scoring-model.js';

export interface FitOptions {
  version: number;
  /** the version's personas; only buyer-kind ones are scored against */
  personas: readonly Persona[];
  /** `SELECT customer_id, persona_id …`: each labelled customer's persona */
  labels: LabelSource;
  journeys: JourneySet | null;
  stageRules: readonly StageRule[];
  asOf?: string | null;
  /** event-based parts read a hash sample of this many customers at most (default 100,000); attributes use every customer */
  eventSampleCustomers?: number;
}

/** customers whose events the behaviour blocks read at most (a stable hash sample above this) */
export const EVENT_SAMPLE_CUSTOMERS = 100_000;

export const DEFAULTS = { smoothing: 20, background_prior: 0.25, threshold: 0.5 } as const;

export async function fitScoringModel(engine: Engine, opts: FitOptions): Promise<ScoringModel> {
  const personas = opts.personas.filter((p) => p.kind === 'buyer');
  const ids = personas.map((p) => p.id);
  const counts = await engine.all<{ persona_id: string; n: number }>(`SELECT persona_id, count(*) AS n FROM (${opts.labels.sql}) l GROUP BY persona_id`, opts.labels.params);
  const size = new Map(counts.map((r) => [r.persona_id, Number(r.n)]));
  const customers = Number((await engine.all<{ n: number }>(`SELECT count(*) AS n FROM customers`))[0]?.n ?? 0);
  const { attributes, skipped } = ids.length ? await fitAttributes(engine, opts.labels, ids) : { attributes: [], skipped: [] };
  // the behaviour blocks are ratios of counts: a large stable sample of customers gives the same model for a fraction of the scans
  const rate = customers > 0 ? Math.min(1, (opts.eventSampleCustomers ?? EVENT_SAMPLE_CUSTOMERS) / customers) : 1;
  const events = ids.length ? await fitEvents(engine, opts.labels, ids, opts.stageRules, rate) : [];
  const timing = events.length ? await fitTiming(engine, opts.labels, ids, opts.stageRules, rate) : [];
  // confidence counts only what leads can be expected to carry: the columns the ingested leads have values in
  if (await engine.tableExists('leads')) {
    const d = engine.dialect;
    const leadCols = new Set((await engine.columns('leads')).map((c) => c.name));
    const present = attributes.filter((a) => leadCols.has(a.column));
    const row = present.length
      ? (await engine.all<Record<string, number>>(`SELECT count(*) AS n, ${present.map((a, i) => `count(${d.ident(a.column)}) AS c${i}`).join(', ')} FROM leads`))[0]
      : undefined;
    if (Number(row?.['n'] ?? 0) > 0) for (const a of attributes) a.expected = present.includes(a) && Number(row?.[`c${present.indexOf(a)}`] ?? 0) > 0;
  }
  return {
    schema: 1,
    version: opts.version,
    fitted: { customers, labelled: [...size.values()].reduce((a, b) => a + b, 0), as_of: opts.asOf ?? opts.journeys?.as_of ?? null, events_sample_rate: rate },
    personas: personas.map((p) => ({ id: p.id, name: p.name, negative: p.negative, customers: size.get(p.id) ?? 0 })),
    attributes,
    skipped,
    events,
    timing,
    smoothing: DEFAULTS.smoothing,
    background_prior: DEFAULTS.background_prior,
    default_threshold: DEFAULTS.threshold,
    next_content: nextContentOf(opts.journeys, ids.filter((id) => !personas.find((p) => p.id === id)?.negative)),
  };
}
