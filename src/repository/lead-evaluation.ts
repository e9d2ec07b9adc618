// `score --evaluate`: the qualified flag against real outcomes (won|lost|accepted|rejected), and the recalibrated threshold stored with the version.
import type { Engine } from '../engine/engine.js';
import { OUTCOMES, bestThreshold, metricsAt, rocAuc, type Evaluation, type OutcomeWord } from '../analysis/scoring/evaluate.js';
import { normalizeHeader, type RowProblem } from '../analysis/scoring/lead-encoder.js';
import { readLeadFile } from '../analysis/scoring/read-leads.js';
import type { LeadScore } from '../analysis/scoring/score-lead.js';
import { problem } from '../shared/problems.js';
import { ingestedLeads, scoreFile, scoreRecords, type LeadRecord, type LeadScorer } from './lead-scoring.js';
import { saveThreshold } from './scoring-store.js';
import { appendAudit } from './audit-log.js';
import { clockFromEnv, type Clock } from './clock.js';

/** Recalibration needs this many matched outcomes, with at least MIN_CLASS of each kind. */
export const MIN_OUTCOMES = 20;
export const MIN_CLASS = 5;

export interface EvaluationResult {
  evaluation: Evaluation;
  threshold_before: number;
  /** the stored threshold after this run (unchanged when not recalibrated) */
  threshold_after: number;
  recalibrated: boolean;
  /** why the threshold was kept, when it was */
  kept_because: string | null;
  problems: RowProblem[];
}

/** lead id → won/accepted (true) or lost/rejected (false), from a file with columns lead_id, outcome. */
export async function readOutcomes(path: string, engine: Engine): Promise<{ outcomes: Map<string, boolean>; rows: number; problems: RowProblem[] }> {
  const outcomes = new Map<string, boolean>();
  const problems: RowProblem[] = [];
  const { records } = await readLeadFile(path, engine, {
    reject: (p) => problems.push(p),
    rows: (b) => {
      const cols = b.header.map(normalizeHeader);
      const id = cols.indexOf('lead_id');
      const oc = cols.indexOf('outcome');
      if (id < 0 || oc < 0)
        throw problem('ingest/missing-column', { file: path, entity: 'outcomes', missing: ['lead_id', 'outcome'].filter((c) => !cols.includes(c)), found: [...b.header], suggestions: {} });
      b.rows.forEach((r, i) => {
        const line = b.lines[i] as number;
        const lead = (r[id] ?? '').trim();
        const word = (r[oc] ?? '').trim().toLowerCase();
        if (!lead) problems.push({ line, code: 'missing-value', column: 'lead_id', message: 'lead_id is required but empty', skipped: true });
        else if (!(word in OUTCOMES))
          problems.push({ line, code: 'bad-value', column: 'outcome', message: `outcome: "${r[oc] ?? ''}" is not one of ${Object.keys(OUTCOMES).join(', ')}`, skipped: true });
        else if (outcomes.has(lead)) problems.push({ line, code: 'duplicate-id', column: 'lead_id', message: `lead_id "${lead}" appears again (the first outcome counts)`, skipped: true });
        else outcomes.set(lead, OUTCOMES[word as OutcomeWord]);
      });
    },
  });
  return { outcomes, rows: records, problems };
}

/**
 * Scores the leads with an outcome (from `leadsFile`, else the workspace's ingested leads), measures the qualified flag
 * and the fit score against the outcomes, and stores the F1-best threshold for the version unless `dryRun`.
 */
export async function evaluateOutcomes(
  engine: Engine,
  s: LeadScorer,
  opts: { outcomesFile: string; leadsFile?: string; dryRun?: boolean; by?: string; clock?: Clock },
): Promise<EvaluationResult> {
  const { outcomes, rows, problems } = await readOutcomes(opts.outcomesFile, engine);
  const scores = new Map<string, LeadScore>();
  const keep = (batch: readonly LeadScore[]): void => {
    for (const x of batch) if (outcomes.has(x.lead_id)) scores.set(x.lead_id, x);
  };
  if (opts.leadsFile) await scoreFile(engine, s, opts.leadsFile, keep);
  else keep((await scoreRecords(engine, s, (await ingestedLeads(engine, new Set(outcomes.keys()))) as LeadRecord[])).scores);
  const fit: number[] = [];
  const positive: boolean[] = [];
  for (const [id, good] of outcomes) {
    const sc = scores.get(id);
    if (!sc) continue;
    fit.push(sc.fit_score);
    positive.push(good);
  }
  const pos = positive.filter(Boolean).length;
  const evaluation: Evaluation = {
    version: s.version,
    outcomes: rows,
    matched: fit.length,
    unmatched: outcomes.size - fit.length,
    positives: pos,
    negatives: fit.length - pos,
    current: metricsAt(fit, positive, s.threshold),
    auc: rocAuc(fit, positive),
    best: bestThreshold(fit, positive),
  };
  let kept: string | null = null;
  if (fit.length < MIN_OUTCOMES) kept = `only ${fit.length} outcomes matched a scored lead (at least ${MIN_OUTCOMES} are needed)`;
  else if (pos < MIN_CLASS || fit.length - pos < MIN_CLASS) kept = `too few ${pos < MIN_CLASS ? 'won/accepted' : 'lost/rejected'} outcomes (at least ${MIN_CLASS} of each are needed)`;
  else if (!evaluation.best) kept = 'no threshold qualifies any won/accepted lead';
  else if (opts.dryRun) kept = 'dry run';
  const after = kept === null && evaluation.best ? evaluation.best.threshold : s.threshold;
  if (kept === null) {
    const clock = opts.clock ?? clockFromEnv();
    await engine.transaction(async () => {
      await saveThreshold(engine, s.version, after, evaluation);
      await appendAudit(engine, clock, {
        actor: opts.by ?? 'archetype (no --by)', action: 'recalibrate', version: s.version,
        detail: { threshold_before: s.threshold, threshold_after: after, outcomes_matched: evaluation.matched },
      });
    });
  }
  return { evaluation, threshold_before: s.threshold, threshold_after: after, recalibrated: kept === null, kept_because: kept, problems };
}
