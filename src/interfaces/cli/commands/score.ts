// `archetype score [leads] [--out F] [--evaluate outcomes]`: leads against the persona set (closest persona, negative persona, fit, stage, next content, reasons).
import type { Command } from 'commander';
import { createWriteStream, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { problem } from '../../../shared/problems.js';
import type { RowProblem } from '../../../analysis/scoring/lead-encoder.js';
import type { LeadScore } from '../../../analysis/scoring/score-lead.js';
import type { ScoreSummary } from '../../../analysis/scoring/score-leads.js';
import { SCORED_HEADER, ScoredCsvWriter } from '../../../analysis/scoring/scored-csv.js';
import { ingestedLeads, openScorer, scoreFile, scoreFileToCsv, scoreRecords, type LeadRecord, type LeadScorer } from '../../../repository/lead-scoring.js';
import { evaluateOutcomes, type EvaluationResult } from '../../../repository/lead-evaluation.js';
import { withWorkspace } from '../context.js';
import { fmtNumber, printJson, table, type GlobalOptions } from '../output.js';

interface ScoreOptions {
  out?: string;
  version?: string;
  evaluate?: string;
  dryRun?: boolean;
  by?: string;
  show: string;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function intOption(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw problem('usage/invalid', { message: `${name} must be an integer ≥ ${min}` });
  return n;
}

function write(out: WriteStream, text: string | Buffer): Promise<void> | void {
  if (!out.write(text)) return new Promise<void>((res) => out.once('drain', () => res()));
}

function printProblems(file: string, problems: readonly RowProblem[], total: number): void {
  const shown = problems.slice(0, 20);
  for (const p of shown) process.stderr.write(`${file}:${p.line}: ${p.code}${p.column ? ` (${p.column})` : ''}: ${p.message}${p.skipped ? ' — not scored' : ''}\n`);
  if (total > shown.length) process.stderr.write(`… ${fmtNumber(total - shown.length)} more problem(s) (--json lists up to 1,000)\n`);
}

/** Where the leads' workspace events came from, in words. */
const EVIDENCE_SOURCES: Record<NonNullable<LeadScorer['evidence_source']>, string> = {
  kept: 'read from the evidence the workspace keeps (counted at the build, events unchanged since)',
  updated: 'the kept evidence brought up to date (only leads with events from newer ingests counted again)',
  counted: 'counted from every event now, and kept for the next run',
  memory: 'held in memory',
};

function printSummary(s: LeadScorer, sum: ScoreSummary, source: string): void {
  const w = (t: string): void => void process.stdout.write(t);
  w(`Scored ${fmtNumber(sum.scored)} of ${fmtNumber(sum.records)} leads from ${source} against persona-set version ${s.version} · `);
  w(`qualified ${fmtNumber(sum.qualified)} (${sum.scored ? pct(sum.qualified / sum.scored) : '0%'}) at fit ≥ ${s.threshold} (${s.threshold_source}) · `);
  w(`${fmtNumber(sum.with_events)} with events · mean confidence ${sum.confidence}\n`);
  const evidence = s.evidence_source ? EVIDENCE_SOURCES[s.evidence_source] : null;
  if (evidence) w(`Lead events: ${evidence}\n`);
  if (sum.skipped) w(`${fmtNumber(sum.skipped)} row(s) not scored (see stderr)\n`);
  if (sum.unknown_columns.length) w(`Ignored unknown columns: ${sum.unknown_columns.join(', ')}\n`);
  if (sum.unused_columns.length) w(`Columns the model does not use: ${sum.unused_columns.join(', ')}\n`);
  w('\n' + table(sum.by_persona.map((p) => [p.persona_id, p.name, fmtNumber(p.leads), fmtNumber(p.qualified)]), ['persona', 'closest for', 'leads', 'qualified']) + '\n');
}

function printLeads(scores: readonly LeadScore[], limit: number, total: number): void {
  const rows = scores.slice(0, limit).map((x) => [
    x.lead_id, x.persona_id ?? '—', x.persona_similarity ?? '—', x.negative_persona_id ?? '—', x.negative_similarity ?? '—', x.qualified ? 'yes' : 'no',
    x.fit_score, x.stage ?? '—', (x.reasons[0]?.text ?? '').slice(0, 90),
  ]);
  process.stdout.write('\n' + table(rows, ['lead', 'persona', 'sim', 'negative', 'sim', 'qualified', 'fit', 'stage', 'top reason']) + '\n');
  if (total > limit) process.stdout.write(`… ${fmtNumber(total - limit)} more (--out FILE writes them all, with next content and every reason)\n`);
}

function printEvaluation(r: EvaluationResult): void {
  const e = r.evaluation;
  const w = (t: string): void => void process.stdout.write(t);
  w(`Evaluated version ${e.version} on ${fmtNumber(e.matched)} leads with an outcome (${fmtNumber(e.positives)} won/accepted, ${fmtNumber(e.negatives)} lost/rejected; ${fmtNumber(e.unmatched)} outcome id(s) had no lead)\n\n`);
  const row = (name: string, m: typeof e.current): (string | number)[] => [name, m.threshold, m.precision, m.recall, m.f1, m.accuracy, `${m.tp}/${m.fp}/${m.tn}/${m.fn}`];
  w(table([row('current', e.current), ...(e.best ? [row('best F1', e.best)] : [])], ['threshold', 'fit ≥', 'precision', 'recall', 'F1', 'accuracy', 'tp/fp/tn/fn']) + '\n');
  w(`\nROC AUC of the fit score: ${e.auc ?? '— (needs both kinds of outcome)'}\n`);
  w(r.recalibrated ? `Threshold recalibrated: ${r.threshold_before} → ${r.threshold_after} (stored with version ${e.version})\n` : `Threshold kept at ${r.threshold_before}: ${r.kept_because ?? ''}\n`);
}

export function registerScore(program: Command, globals: () => GlobalOptions): void {
  program
    .command('score')
    .argument('[leads]', 'leads file (CSV, TSV, JSON Lines, JSON, Parquet; optionally .gz); default: the leads ingested into the workspace')
    .option('--out <file>', 'write every scored lead as CSV')
    .option('--evaluate <outcomes>', 'lead_id,outcome file (won|lost|accepted|rejected): precision, recall, F1, ROC AUC; recalibrates the threshold')
    .option('--dry-run', 'with --evaluate: report, but do not store the recalibrated threshold')
    .option('--by <name>', 'with --evaluate: who recalibrates, for the audit log (default: ARCHETYPE_USER, else the login name)')
    .option('--version <n>', 'persona-set version (default: published, else latest)')
    .option('--show <n>', 'leads shown on the terminal without --out', '20')
    .description('score leads against the personas: closest persona and negative persona, qualified + fit, stage, next content, reasons')
    .action(async (file: string | undefined, o: ScoreOptions) => {
      const g = globals();
      const version = intOption(o.version, '--version', 1);
      const show = intOption(o.show, '--show', 0) ?? 20;
      if (o.dryRun && !o.evaluate) throw problem('usage/invalid', { message: '--dry-run goes with --evaluate' });
      await withWorkspace(g, async (ws) => {
        const s = await openScorer(ws.engine, ws.config, version !== undefined ? { version } : {});
        if (o.evaluate) {
          const r = await evaluateOutcomes(ws.engine, s, { outcomesFile: o.evaluate, ...(file ? { leadsFile: file } : {}), ...(o.dryRun ? { dryRun: true } : {}), by: (await import('./governance.js')).actor(o.by) });
          if (r.problems.length) printProblems(basename(o.evaluate), r.problems, r.problems.length);
          if (g.json) return printJson(r);
          return printEvaluation(r);
        }
        const out = o.out ? createWriteStream(o.out) : null;
        const csv = out ? new ScoredCsvWriter((chunk) => write(out, chunk)) : null;
        const kept: LeadScore[] = [];
        const keep = g.json && !out ? Infinity : show;
        const onBatch = async (batch: LeadScore[]): Promise<void> => {
          if (csv) await csv.write(batch);
          for (const x of batch) if (kept.length < keep) kept.push(x);
        };
        if (out) await write(out, SCORED_HEADER + '\n');
        let sum: ScoreSummary;
        let source: string;
        try {
          if (file && out) {
            // the CSV is the only consumer: scored on two threads when the file is large
            await csv?.flush();
            sum = await scoreFileToCsv(ws.engine, s, file, (chunk) => write(out, chunk));
            source = basename(file);
          } else if (file) {
            sum = await scoreFile(ws.engine, s, file, onBatch);
            source = basename(file);
          } else {
            const leads = (await ingestedLeads(ws.engine, null)) as LeadRecord[];
            if (leads.length === 0) throw problem('usage/invalid', { message: 'no leads file given and no leads ingested: archetype score leads.csv (or ingest a leads file first)' });
            const r = await scoreRecords(ws.engine, s, leads);
            await onBatch(r.scores);
            sum = r.summary;
            source = 'the ingested leads';
          }
        } finally {
          await csv?.flush();
          if (out) await new Promise<void>((res) => out.end(() => res()));
        }
        if (sum.problem_count) printProblems(file ? basename(file) : 'leads', sum.problems, sum.problem_count);
        if (g.json) return printJson({ version: s.version, threshold: s.threshold, threshold_source: s.threshold_source, ...(s.evidence_source ? { evidence_source: s.evidence_source } : {}), ...(o.out ? { file: o.out } : {}), summary: sum, ...(out ? {} : { leads: kept }) });
        printSummary(s, sum, source);
        if (out) process.stdout.write(`\nWrote ${fmtNumber(sum.scored)} scored leads to ${o.out}\n`);
        else printLeads(kept, show, sum.scored);
      });
    });
}
