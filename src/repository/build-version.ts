// `build`: features → segments (fit on a sample, assign all by SQL) → personas with evidence → negative personas → a new draft version.
import type { Engine } from '../engine/engine.js';
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import { computeFeatures } from '../analysis/features/compute-features.js';
import { loadSample } from '../analysis/features/load-sample.js';
import { fitSegments } from '../analysis/segments/segment.js';
import { assignSegmentsSql, kmeansScoring } from '../analysis/segments/assign-sql.js';
import { profileSegments } from '../analysis/personas/segment-profile.js';
import { traitsOf } from '../analysis/personas/traits.js';
import { personaName } from '../analysis/personas/naming.js';
import { negativeScore, exclusionRule } from '../analysis/personas/negative.js';
import { synthesizePersona } from '../analysis/personas/synthesize.js';
import { segmentTexts } from '../analysis/personas/segment-texts.js';
import { buyingCriteria, prepareCriteriaMarks, startCriteriaMarks } from '../analysis/personas/buying-criteria.js';
import { triggers } from '../analysis/personas/triggers.js';
import { informationSources } from '../analysis/personas/information-sources.js';
import { effectiveRules } from '../analysis/journeys/stage-rules.js';
import { rulesForStoredEvents } from '../analysis/journeys/stored-stage-rules.js';
import type { Persona } from '../analysis/personas/persona-types.js';
import { problem } from '../shared/problems.js';
import { ensureVersionTables, nextVersion, saveJourneys, saveVersion } from './version-store.js';
import { computePersonaJourneys } from '../analysis/journeys/persona-journeys.js';
import { takeSnapshot } from './snapshot.js';
import { buildAccountPersonas } from './build-accounts.js';
import { computeProfiles, saveProfiles } from './persona-profiles.js';
import { debugPause } from './debug-pause.js';
import { fitVersionModel, saveScoringModel, segmentLabels } from './scoring-store.js';
import { countLeadEvidence, saveLeadEvidence } from './lead-evidence-store.js';
import { appendAudit } from './audit-log.js';
import { clockFromEnv, type Clock } from './clock.js';

export interface BuildOptions {
  k?: number;
  seed?: number;
  sampleSize?: number;
  config: WorkspaceConfig;
  onProgress?: (step: string, done: number, total: number) => void;
  /** who builds, for the audit entry of the new version (the CLI's --by, ARCHETYPE_USER or login name) */
  actor?: string;
  clock?: Clock;
}

/** The audit log's name for a build nobody named (library calls, benchmarks, test fixtures). */
export const UNNAMED_BUILDER = 'archetype (no --by)';

export interface BuildResult {
  version: number;
  personas: Persona[];
  report: BuildReport;
}

export interface BuildReport {
  customers: number;
  sample: number;
  k: number;
  k_scores: unknown;
  chosen_because: string;
  stability: number | null;
  method: string;
  features: string[];
  too_small: { segment: number; size: number }[];
  accounts?: { k: number; chosen_because: string };
  /** milliseconds per step */
  timings_ms: Record<string, number>;
}

const STEPS = 7;

/**
 * The engine's memory cap while a build runs: the build holds a few hundred MB of its own beside the engine (the
 * segment fit and its worker, text models, evidence); at 1M customers the process peaked at 1.99–2.04 GB with the
 * default 1200MB cap, 1.62–2.03 GB with 1000MB and 1.58–1.59 GB with this one, in the same time (bench build).
 */
const BUILD_MEMORY_LIMIT = '850MB';

export async function buildVersion(engine: Engine, opts: BuildOptions): Promise<BuildResult> {
  return engine.withMemoryLimit ? engine.withMemoryLimit(BUILD_MEMORY_LIMIT, () => build(engine, opts)) : build(engine, opts);
}

async function build(engine: Engine, opts: BuildOptions): Promise<BuildResult> {
  const seed = opts.seed ?? 42;
  const minimum = opts.config.privacy.minimum_group_size;
  const timings: Record<string, number> = {};
  let last = { name: '', at: Date.now() };
  const step = (name: string, i: number): void => {
    if (last.name) timings[last.name] = Date.now() - last.at;
    last = { name, at: Date.now() };
    opts.onProgress?.(name, i, STEPS);
  };
  await ensureVersionTables(engine);
  step('features', 0);
  const features = await computeFeatures(engine);
  if (features.customers < minimum) throw problem('build/no-data', { message: `only ${features.customers} customers: at least ${minimum} are needed (ingest customers first)` });
  step('sample', 1);
  const defs = features.defs.filter((d) => d.segment);
  const matrix = await loadSample(engine, features.table, defs, seed, opts.sampleSize ?? 50_000);
  step('segments', 2);
  // the data snapshot depends on nothing built here: its statement starts now and the engine reads the tables on its own
  // threads while this one fits the segments (synchronous); awaited before the next query
  const snapshotRun = takeSnapshot(engine, features.asOf);
  snapshotRun.catch(() => undefined); // a failure surfaces at the await below, not as an unhandled rejection
  // a large sample scores its k candidates on two threads (same scores; a worker costs ~0.3 s to start, not worth it below)
  const fit = fitSegments(matrix, { seed, parallel: matrix.n >= 20_000, ...(opts.k !== undefined ? { k: opts.k } : {}) });
  const snapshot = await snapshotRun;
  step('assign', 3);
  await engine.exec(`DROP TABLE IF EXISTS _segment_now`);
  await engine.exec(engine.dialect.createTableAs('_segment_now', assignSegmentsSql(engine.dialect, kmeansScoring(fit.model), features.table)));
  step('profiles', 4);
  const profiles = await profileSegments(engine, features, '_segment_now');
  step('text', 5);
  // the buying criteria's pass over the feedback starts when the texts are read, and the engine marks them while the
  // text analysis runs here (synchronous JavaScript)
  const markFeedback = await prepareCriteriaMarks(engine);
  let marks: Promise<void> | undefined;
  const texts = await segmentTexts(engine, '_segment_now', {
    minimum, seed, whileAnalysing: () => { if (markFeedback) marks = startCriteriaMarks(engine, '_segment_now', seed); },
  });
  step('decision', 6); // buying criteria, triggers, information sources: SQL over all customers
  const criteria = await buyingCriteria(engine, '_segment_now', { seed, ...(marks ? { marks } : {}) });
  const rules = await rulesForStoredEvents(engine, effectiveRules(opts.config.journeys.stage_rules));
  const triggerFields = await triggers(engine, '_segment_now', { rules, ...(features.eventMix ? { eventMix: features.eventMix } : {}) });
  const sources = await informationSources(engine, '_segment_now', rules);
  step('personas', 6);
  const ordered = [...profiles.segments].sort((a, b) => b.size - a.size);
  const taken = new Set<string>();
  const personas: Persona[] = [];
  const tooSmall: { segment: number; size: number }[] = [];
  const b2b = features.defs.some((d) => d.group === 'role' || d.group === 'job_title' || d.group === 'company_size');
  let pi = 0;
  let ni = 0;
  for (const seg of ordered) {
    if (seg.size < minimum) {
      tooSmall.push({ segment: seg.segment, size: seg.size });
      continue;
    }
    const traits = traitsOf(seg, profiles.all, features.defs);
    const negative = negativeScore(seg, profiles.all) > 0;
    const id = negative ? `n${++ni}` : `p${++pi}`;
    const name = personaName(traits, features.defs, taken, b2b);
    const persona = synthesizePersona({
      id, name, negative, seg, all: profiles.all, defs: features.defs, traits, text: texts.get(seg.segment) ?? null,
      stability: fit.stability.perSegment[seg.segment] ?? null,
      extraFields: Object.fromEntries([criteria, triggerFields, sources].flatMap((m) => {
        const f = m.get(seg.segment);
        return f ? [[f.key, f]] : [];
      })),
    });
    if (negative) {
      const rule = await exclusionRule(engine, features.table, '_segment_now', seg.segment, seg, profiles.all);
      if (rule) persona.exclusion_rule = rule;
    }
    personas.push(persona);
  }
  personas.sort((a, b) => Number(a.negative) - Number(b.negative) || b.size - a.size);
  // B2B: account personas linked to the buyer personas
  const accounts = await buildAccountPersonas(engine, personas, features.asOf, { seed, minimum });
  if (accounts) personas.push(...accounts.personas);
  step('journeys', 6); // journey maps per buyer persona and for all customers
  const journeys = await computePersonaJourneys(engine, { segments: '_segment_now', personas: personas.filter((p) => p.kind === 'buyer'), config: opts.config, seed });
  const version = await nextVersion(engine);
  const report: BuildReport = {
    customers: features.customers, sample: matrix.n, k: fit.k, k_scores: fit.kScores, chosen_because: fit.chosenBecause,
    stability: fit.stability.overall, method: fit.model.method, features: defs.map((d) => d.column), too_small: tooSmall, timings_ms: timings,
    ...(accounts ? { accounts: { k: accounts.k, chosen_because: accounts.chosenBecause } } : {}),
  };
  step('trait profiles', 6);
  const traitProfiles = await computeProfiles(engine, features.table, features.defs, personas); // trait histograms for drift and duplicates
  if (accounts) for (const [id, h] of accounts.profiles) traitProfiles.set(id, h);
  step('scoring model', 6);
  const scoring = await fitVersionModel(engine, { version, personas, journeys, config: opts.config, labels: segmentLabels(engine, personas) }); // lead scoring (issue 5)
  const leadEvidence = await countLeadEvidence(engine, scoring, opts.config); // kept for scoring runs (lead-evidence-store.ts)
  step('save', 6);
  await engine.transaction(async () => {
    await saveVersion(engine, { version, seed, k: fit.k, snapshot, report, personas });
    await saveScoringModel(engine, scoring);
    if (leadEvidence) await saveLeadEvidence(engine, leadEvidence.meta, leadEvidence.store);
    await saveJourneys(engine, version, journeys);
    await saveProfiles(engine, version, traitProfiles);
    const cases = personas.filter((p) => p.kind === 'buyer').map((p) => `WHEN ${p.segment} THEN ${engine.dialect.literal(p.id)}`).join(' ');
    await engine.exec(
      `INSERT INTO _assignments SELECT ${version}, customer_id, segment, ${cases ? `CASE segment ${cases} END` : 'NULL'} FROM _segment_now`,
    );
    if (accounts) {
      const byAccount = accounts.personas.map((p) => `WHEN ${p.segment} THEN ${engine.dialect.literal(p.id)}`).join(' ');
      await engine.exec(
        `INSERT INTO _account_assignments SELECT ${version}, account_id, segment, ${byAccount ? `CASE segment ${byAccount} END` : 'NULL'} FROM ${engine.dialect.ident(accounts.assignTable)}`,
      );
    }
    await appendAudit(engine, opts.clock ?? clockFromEnv(), {
      actor: opts.actor ?? UNNAMED_BUILDER, action: 'build', version, detail: { seed, k: fit.k, personas: personas.length, customers: features.customers },
    });
    await debugPause('build-commit'); // tests kill -9 here: nothing of this version may survive
  });
  step('done', STEPS);
  report.timings_ms = timings;
  return { version, personas, report };
}
