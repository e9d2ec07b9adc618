// Lead-scoring models and qualification thresholds kept with each persona-set version (`_scoring_models`, `_scoring_thresholds`).
import type { Engine, Params } from '../engine/engine.js';
import { deleteRows } from '../engine/table-ops.js';
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import type { Persona } from '../analysis/personas/persona-types.js';
import type { JourneySet } from '../analysis/journeys/journey-types.js';
import type { ScoringModel } from '../analysis/scoring/scoring-model.js';
import type { Evaluation } from '../analysis/scoring/evaluate.js';
import { fitScoringModel } from '../analysis/scoring/fit-model.js';
import type { LabelSource } from '../analysis/scoring/fit-attributes.js';
import { effectiveRules } from '../analysis/journeys/stage-rules.js';
import { rulesForStoredEvents } from '../analysis/journeys/stored-stage-rules.js';
import { loadJourneys, loadVersion } from './version-store.js';

const MISSING_TABLE = /does ?n[o']t exist|unknown table/i;

/** Rows of a query over a table that may not exist yet (then none). */
export async function readIfExists<T extends object>(engine: Engine, sql: string, params?: Params): Promise<T[]> {
  try {
    return await engine.all<T>(sql, params);
  } catch (e) {
    if (e instanceof Error && MISSING_TABLE.test(e.message)) return [];
    throw e;
  }
}

export async function ensureScoringTables(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  await engine.exec(d.createTable('_scoring_models', [`version ${t.int}`, `created_at ${t.timestamp}`, `model ${t.text}`], { ifNotExists: true }));
  await engine.exec(
    d.createTable('_scoring_thresholds', [`seq ${t.int}`, `version ${t.int}`, `created_at ${t.timestamp}`, `threshold ${t.float}`, `evaluation ${t.text}`], {
      ifNotExists: true,
    }),
  );
}

export interface VersionToFit {
  version: number;
  personas: readonly Persona[];
  journeys: JourneySet | null;
  config: WorkspaceConfig;
  /** each customer's persona; default: the version's stored `_assignments` */
  labels?: LabelSource;
  /** behaviour blocks read a hash sample of this many customers at most (default: the fit's) */
  eventSampleCustomers?: number;
}

/** Labels of the build in progress: its segments (`_segment_now`) mapped to the buyer personas' ids. */
export function segmentLabels(engine: Engine, personas: readonly Persona[], table = '_segment_now'): LabelSource {
  const d = engine.dialect;
  const cases = personas.filter((p) => p.kind === 'buyer').map((p) => `WHEN ${p.segment} THEN ${d.literal(p.id)}`);
  const sql = cases.length ? `SELECT customer_id, CASE segment ${cases.join(' ')} END AS persona_id FROM ${d.ident(table)}` : `SELECT customer_id, NULL AS persona_id FROM ${d.ident(table)}`;
  return { sql: `SELECT * FROM (${sql}) x WHERE persona_id IS NOT NULL`, params: {} };
}

/** Fits the model of a version from its labelled customers (no writes): during a build, or later for an older version. */
export async function fitVersionModel(engine: Engine, v: VersionToFit): Promise<ScoringModel> {
  return fitScoringModel(engine, {
    version: v.version,
    personas: v.personas,
    labels: v.labels ?? { sql: `SELECT customer_id, persona_id FROM _assignments WHERE version = $scoring_version AND persona_id IS NOT NULL`, params: { scoring_version: v.version } },
    journeys: v.journeys,
    stageRules: await rulesForStoredEvents(engine, effectiveRules(v.config.journeys.stage_rules)),
    ...(v.eventSampleCustomers !== undefined ? { eventSampleCustomers: v.eventSampleCustomers } : {}),
  });
}

export async function saveScoringModel(engine: Engine, model: ScoringModel): Promise<void> {
  await ensureScoringTables(engine);
  await deleteRows(engine, '_scoring_models', 'version = $v', { v: model.version });
  await engine.exec(`INSERT INTO _scoring_models VALUES ($v, ${engine.dialect.now()}, $m)`, { v: model.version, m: JSON.stringify(model) });
}

/** Fits and saves the model of a stored version. */
export async function saveVersionModel(engine: Engine, v: VersionToFit): Promise<ScoringModel> {
  const model = await fitVersionModel(engine, v);
  await saveScoringModel(engine, model);
  return model;
}

export async function loadScoringModel(engine: Engine, version: number): Promise<ScoringModel | null> {
  await ensureScoringTables(engine);
  const r = await engine.all<{ model: string }>(`SELECT model FROM _scoring_models WHERE version = $v`, { v: version });
  return r[0] ? (JSON.parse(r[0].model) as ScoringModel) : null;
}

/**
 * The model of a version (default: published, else latest). A version built before scoring existed gets its model
 * fitted now from its stored assignments and saved, so scoring never refits twice. No version: `build/no-personas`.
 */
export async function scoringModelFor(engine: Engine, config: WorkspaceConfig, version?: number): Promise<ScoringModel> {
  const v = await loadVersion(engine, version);
  const found = await loadScoringModel(engine, v.version);
  if (found) return found;
  const journeys = await loadJourneys(engine, v.version);
  return engine.transaction(() => saveVersionModel(engine, { version: v.version, personas: v.personas, journeys, config }));
}

export interface StoredThreshold {
  version: number;
  threshold: number;
  created_at: string;
  evaluation: Evaluation | null;
}

export async function saveThreshold(engine: Engine, version: number, threshold: number, evaluation: Evaluation): Promise<void> {
  await ensureScoringTables(engine);
  await engine.exec(
    `INSERT INTO _scoring_thresholds SELECT coalesce(max(seq), 0) + 1, $v, ${engine.dialect.now()}, $t, $e FROM _scoring_thresholds`,
    { v: version, t: threshold, e: JSON.stringify(evaluation) },
  );
}

/** The latest recalibrated threshold of a version, or null (the model's default applies). */
export async function currentThreshold(engine: Engine, version: number): Promise<StoredThreshold | null> {
  // read on every API call: no DDL here (a CREATE … IF NOT EXISTS costs milliseconds); a missing table means none stored
  const r = await readIfExists<{ version: number; threshold: number; created_at: string; evaluation: string | null }>(
    engine,
    `SELECT version, threshold, created_at, evaluation FROM _scoring_thresholds WHERE version = $v ORDER BY seq DESC LIMIT 1`,
    { v: version },
  );
  const row = r[0];
  if (!row) return null;
  return { version: Number(row.version), threshold: Number(row.threshold), created_at: row.created_at, evaluation: row.evaluation ? (JSON.parse(row.evaluation) as Evaluation) : null };
}
