// Lead scoring against a stored persona set: the scorer of a version (model + threshold), scoring a file or API leads, evaluating outcomes.
import type { Engine, Row } from '../engine/engine.js';
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import { compileModel, type CompiledModel } from '../analysis/scoring/compile.js';
import { effectiveRules } from '../analysis/journeys/stage-rules.js';
import { allLeadEvidence, blankEvidence, inlineEvidence, leadEvidence, type InlineEvent } from '../analysis/scoring/lead-events.js';
import { scoreLeadFile, scoreLeadObjects, type ScoreSummary } from '../analysis/scoring/score-leads.js';
import type { EventEvidence, LeadScore } from '../analysis/scoring/score-lead.js';
import { problem } from '../shared/problems.js';
import { currentThreshold, ensureScoringTables, scoringModelFor } from './scoring-store.js';
import { ensureVersionTables } from './version-store.js';

export interface LeadScorer {
  version: number;
  compiled: CompiledModel;
  threshold: number;
  /** where the threshold comes from: the model's default or the latest `--evaluate` recalibration */
  threshold_source: 'default' | 'recalibrated';
  config: WorkspaceConfig;
}

const compiledCache = new Map<string, CompiledModel>();

/** The version scoring uses by default: the published one, else the latest (a light query; no persona documents read). */
async function defaultVersion(engine: Engine): Promise<number> {
  await ensureVersionTables(engine);
  const r = await engine.all<{ v: number }>(`SELECT version AS v FROM _versions ORDER BY (status = 'published') DESC, version DESC LIMIT 1`);
  if (!r[0]) throw problem('build/no-personas', { message: 'no persona set yet, so there is nothing to score leads against: run `archetype build` first' });
  return Number(r[0].v);
}

/**
 * The scorer of a version (default: published, else latest). Compiled models are cached per workspace file and version
 * (`cacheKey`), so an API call costs two small queries; the threshold is read every time (it changes with `--evaluate`).
 */
export async function openScorer(engine: Engine, config: WorkspaceConfig, opts: { version?: number; cacheKey?: string } = {}): Promise<LeadScorer> {
  const version = opts.version ?? (await defaultVersion(engine));
  const key = opts.cacheKey === undefined ? null : `${opts.cacheKey}#${version}`;
  let compiled = key === null ? undefined : compiledCache.get(key);
  if (!compiled) {
    compiled = compileModel(await scoringModelFor(engine, config, version));
    if (key !== null) compiledCache.set(key, compiled);
  }
  await ensureScoringTables(engine);
  const t = await currentThreshold(engine, version);
  return { version, compiled, threshold: t?.threshold ?? compiled.model.default_threshold, threshold_source: t ? 'recalibrated' : 'default', config };
}

/** Forgets cached models (after a build replaced the data of a workspace file, say). */
export function clearScorerCache(): void {
  compiledCache.clear();
}

const mappingOf = (config: WorkspaceConfig): Record<string, string> => config.mappings['leads'] ?? {};

/** Scores a leads file; their events come from the workspace (`events.anonymous_id` = lead_id). */
export async function scoreFile(engine: Engine, s: LeadScorer, path: string, onBatch?: (scores: LeadScore[]) => void | Promise<void>): Promise<ScoreSummary> {
  const store = await allLeadEvidence(engine, s.compiled, effectiveRules(s.config.journeys.stage_rules));
  const into = blankEvidence();
  return scoreLeadFile(s.compiled, path, engine, {
    threshold: s.threshold,
    evidence: (id) => (store.fill(id, into) ? into : null),
    mapping: mappingOf(s.config),
    ...(onBatch ? { onBatch } : {}),
  });
}

/** A lead of an API call: attributes, and optionally its events inline (else the workspace's events of its id). */
export type LeadRecord = Readonly<Record<string, unknown>> & { events?: readonly InlineEvent[] };

/** Scores leads given as objects (one or a batch): inline events when given, else the workspace's events of each id. */
export async function scoreRecords(engine: Engine, s: LeadScorer, leads: readonly LeadRecord[]): Promise<{ scores: LeadScore[]; summary: ScoreSummary }> {
  const rules = effectiveRules(s.config.journeys.stage_rules);
  const inline = new Map<string, EventEvidence>();
  const lookup: string[] = [];
  for (const l of leads) {
    const id = l['lead_id'];
    if (id === undefined || id === null) continue;
    if (Array.isArray(l.events)) inline.set(String(id).trim(), inlineEvidence(s.compiled, rules, l.events));
    else lookup.push(String(id).trim());
  }
  const stored = s.compiled.events.cells.length && lookup.length ? await leadEvidence(engine, s.compiled, rules, lookup) : new Map<string, EventEvidence>();
  return scoreLeadObjects(s.compiled, leads, {
    threshold: s.threshold,
    evidence: (id) => inline.get(id) ?? stored.get(id) ?? null,
    mapping: mappingOf(s.config),
  });
}

/** Leads ingested into the workspace (`leads` table), as objects, for ids in `ids` (all when null). */
export async function ingestedLeads(engine: Engine, ids: ReadonlySet<string> | null): Promise<Row[]> {
  if (!(await engine.tableExists('leads'))) return [];
  const cols = (await engine.columns('leads')).map((c) => c.name).filter((c) => !c.startsWith('__'));
  const out: Row[] = [];
  await engine.stream(`SELECT ${cols.map((c) => engine.dialect.ident(c)).join(', ')} FROM leads`, undefined, (rows) => {
    for (const r of rows) if (ids === null || ids.has(String(r['lead_id']))) out.push(r);
  });
  return out;
}
