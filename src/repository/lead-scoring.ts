// Lead scoring against a stored persona set: the scorer of a version (model + threshold), scoring a file or API leads, evaluating outcomes.
import type { Engine, Row } from '../engine/engine.js';
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import { compileModel, type CompiledModel } from '../analysis/scoring/compile.js';
import { effectiveRules } from '../analysis/journeys/stage-rules.js';
import { rulesForStoredEvents } from '../analysis/journeys/stored-stage-rules.js';
import { blankEvidence, inlineEvidence, leadEvidence, type EvidenceStore, type InlineEvent } from '../analysis/scoring/lead-events.js';
import { eventsFingerprint, leadEvidenceFor, type EvidenceSource } from './lead-evidence-store.js';
import { scoreLeadFile, scoreLeadObjects, type ScoreSummary } from '../analysis/scoring/score-leads.js';
import { scoreFileInParallel, scoresInParallel } from '../analysis/scoring/parallel-score.js';
import { ScoredCsvWriter } from '../analysis/scoring/scored-csv.js';
import type { EventEvidence, LeadScore } from '../analysis/scoring/score-lead.js';
import { problem } from '../shared/problems.js';
import { currentThreshold, scoringModelFor } from './scoring-store.js';
import { ensureVersionTables } from './version-store.js';

export interface LeadScorer {
  version: number;
  compiled: CompiledModel;
  threshold: number;
  /** where the threshold comes from: the model's default or the latest `--evaluate` recalibration */
  threshold_source: 'default' | 'recalibrated';
  config: WorkspaceConfig;
  /** set when the caller keeps scorers of one workspace file: compiled models and lead events are then cached */
  cacheKey?: string;
  /** see `openScorer`'s `stamp` */
  stamp?: string;
  /** set once the leads' workspace events were read: the kept evidence, brought up to date, counted now, or held in memory (a server) */
  evidence_source?: EvidenceSource | 'memory';
}

const compiledCache = new Map<string, CompiledModel>();
/** lead events per workspace file and version, with the fingerprint of the events they came from and when (or under which stamp) it was checked */
const evidenceCache = new Map<string, { fingerprint: string; store: EvidenceStore; checked: number; stamp?: string }>();
/** thresholds of cached scorers, with when (or under which stamp) they were read */
const thresholdCache = new Map<string, { t: Awaited<ReturnType<typeof currentThreshold>>; read: number; stamp?: string }>();
/** a cached scorer re-reads its threshold and the events' fingerprint at most this often: changes show within a second */
const RECHECK_MS = 1000;
/** above this many leads without inline events, one pass over all lead events beats a query per call */
const LOOKUP_LIMIT = 200;

/** The version scoring uses by default: the published one, else the latest (a light query; no persona documents read). */
async function defaultVersion(engine: Engine): Promise<number> {
  await ensureVersionTables(engine);
  const r = await engine.all<{ v: number }>(`SELECT version AS v FROM _versions ORDER BY (status = 'published') DESC, version DESC LIMIT 1`);
  if (!r[0]) throw problem('build/no-personas', { message: 'no persona set yet, so there is nothing to score leads against: run `archetype build` first' });
  return Number(r[0].v);
}

/**
 * The scorer of a version (default: published, else latest). Compiled models are cached per workspace file and version
 * (`cacheKey`); the threshold (it changes with `--evaluate`) and the lead events' fingerprint are checked again at most
 * once a second — or, given a `stamp` (a token the caller changes whenever the workspace may have changed, as a server
 * does when it reopens the engine or writes), only when the stamp changes: no query on the way of a request.
 */
export async function openScorer(engine: Engine, config: WorkspaceConfig, opts: { version?: number; cacheKey?: string; stamp?: string } = {}): Promise<LeadScorer> {
  const version = opts.version ?? (await defaultVersion(engine));
  const key = opts.cacheKey === undefined ? null : `${opts.cacheKey}#${version}`;
  let compiled = key === null ? undefined : compiledCache.get(key);
  if (!compiled) {
    compiled = compileModel(await scoringModelFor(engine, config, version));
    if (key !== null) compiledCache.set(key, compiled);
  }
  let t: Awaited<ReturnType<typeof currentThreshold>>;
  const known = key === null ? undefined : thresholdCache.get(key);
  if (known && (opts.stamp !== undefined ? known.stamp === opts.stamp : Date.now() - known.read < RECHECK_MS)) t = known.t;
  else {
    t = await currentThreshold(engine, version);
    if (key !== null) thresholdCache.set(key, { t, read: Date.now(), ...(opts.stamp !== undefined ? { stamp: opts.stamp } : {}) });
  }
  return {
    version, compiled, threshold: t?.threshold ?? compiled.model.default_threshold, threshold_source: t ? 'recalibrated' : 'default', config,
    ...(key !== null ? { cacheKey: key } : {}),
    ...(key !== null && opts.stamp !== undefined ? { stamp: opts.stamp } : {}),
  };
}

/** Forgets cached models and lead events (after a workspace file was replaced, say). */
export function clearScorerCache(): void {
  compiledCache.clear();
  evidenceCache.clear();
  thresholdCache.clear();
}

/**
 * Every lead's events: kept in memory per workspace file and version while the events stay the same (a cached scorer),
 * else the evidence the workspace keeps (`_lead_evidence`, written by the build) when it still matches, else counted now.
 */
async function storeFor(engine: Engine, s: LeadScorer, saveLater?: (saving: Promise<void>) => void): Promise<EvidenceStore> {
  const rules = effectiveRules(s.config.journeys.stage_rules);
  const onSource = (source: EvidenceSource): void => void (s.evidence_source = source);
  if (s.cacheKey === undefined) return leadEvidenceFor(engine, s.compiled, rules, { onSource, ...(saveLater ? { saveLater } : {}) });
  const hit = evidenceCache.get(s.cacheKey);
  s.evidence_source = 'memory';
  if (hit && (s.stamp !== undefined ? hit.stamp === s.stamp : Date.now() - hit.checked < RECHECK_MS)) return hit.store;
  const fingerprint = await eventsFingerprint(engine);
  const stamp = s.stamp !== undefined ? { stamp: s.stamp } : {};
  if (hit && hit.fingerprint === fingerprint) {
    Object.assign(hit, { checked: Date.now(), ...stamp });
    return hit.store;
  }
  const store = await leadEvidenceFor(engine, s.compiled, rules, { onSource });
  evidenceCache.set(s.cacheKey, { fingerprint, store, checked: Date.now(), ...stamp });
  return store;
}

const mappingOf = (config: WorkspaceConfig): Record<string, string> => config.mappings['leads'] ?? {};

/** Scores a leads file; their events come from the workspace (`events.anonymous_id` = lead_id). */
export async function scoreFile(engine: Engine, s: LeadScorer, path: string, onBatch?: (scores: LeadScore[]) => void | Promise<void>): Promise<ScoreSummary> {
  const store = await storeFor(engine, s);
  const into = blankEvidence();
  return scoreLeadFile(s.compiled, path, engine, {
    threshold: s.threshold,
    evidence: (id) => (store.fill(id, into) ? into : null),
    mapping: mappingOf(s.config),
    ...(onBatch ? { onBatch } : {}),
  });
}

/**
 * Scores a leads file straight into scored-CSV bytes (`sink`, in file order): on two threads when the file is a large
 * uncompressed CSV/TSV, else on this one.
 */
export async function scoreFileToCsv(engine: Engine, s: LeadScorer, path: string, sink: (chunk: Buffer) => void | Promise<void>): Promise<ScoreSummary> {
  // read while the scoring worker starts; on two threads (the engine idle while they score) a new set of evidence is
  // kept while they score
  const saving: Promise<void>[] = [];
  const parallel = scoresInParallel(path);
  const pending = s.compiled.events.cells.length ? storeFor(engine, s, parallel ? (p) => void saving.push(p) : undefined) : null;
  pending?.catch(() => undefined); // surfaces where it is awaited
  if (parallel) {
    try {
      const done = await scoreFileInParallel(s.compiled, path, { threshold: s.threshold, mapping: mappingOf(s.config), store: pending, sink });
      if (done) return done;
    } finally {
      await Promise.all(saving);
    }
  }
  const store = await pending;
  const csv = new ScoredCsvWriter(sink);
  const into = blankEvidence();
  const summary = await scoreLeadFile(s.compiled, path, engine, {
    threshold: s.threshold,
    evidence: (id) => (store?.fill(id, into) ? into : null),
    mapping: mappingOf(s.config),
    onBatch: (b) => csv.write(b),
  });
  await csv.flush();
  return summary;
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
  let fromStore: (id: string) => EventEvidence | null = () => null;
  if (s.compiled.events.cells.length && lookup.length) {
    if (s.cacheKey !== undefined || lookup.length > LOOKUP_LIMIT) {
      // a server keeps every lead's events in memory; a big batch reads them in one pass
      const store = await storeFor(engine, s);
      fromStore = (id) => {
        const into = blankEvidence();
        return store.fill(id, into) ? into : null;
      };
    } else {
      // inline events keep every rule; the stored ones need them only when some have no stage
      const stored = await leadEvidence(engine, s.compiled, await rulesForStoredEvents(engine, rules), lookup);
      fromStore = (id) => stored.get(id) ?? null;
    }
  }
  return scoreLeadObjects(s.compiled, leads, {
    threshold: s.threshold,
    evidence: (id) => inline.get(id) ?? fromStore(id),
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
