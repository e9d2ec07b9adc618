// Scores a large delimited leads file into CSV on two threads: this thread takes the first half, a worker the second.
import { createReadStream, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompiledModel } from './compile.js';
import { blankEvidence, type EvidenceStore } from './evidence-store.js';
import type { PartJob, PartStart } from './parallel-worker.js';
import { splitDelimited } from './read-delimited.js';
import { formatOf } from './read-leads.js';
import { ScoredCsvWriter } from './scored-csv.js';
import { Summary, scoreLeadFile, type ScoreSummary, type SummaryState } from './score-leads.js';

/**
 * Starts the worker. From TypeScript source (run through tsx) the worker registers tsx itself first: an `--import` in a
 * worker's execArgv does not apply to its own entry module on Node 20 (as in segments/parallel-scores.ts).
 */
function startWorker(job: PartJob): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parallel-worker.js', import.meta.url), { workerData: job });
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./parallel-worker.ts', import.meta.url).href);
  return new Worker(`import(${api}).then((m) => { m.register(); return import(${entry}); });`, { eval: true, workerData: job });
}

let parts = 0;

/** Whether `scoreFileInParallel` takes this file: an uncompressed CSV/TSV of at least `minBytes`, on two cores or more. */
export function scoresInParallel(path: string, minBytes = 8 << 20): boolean {
  const format = formatOf(path);
  if ((format !== 'csv' && format !== 'tsv') || availableParallelism() < 2 || path.toLowerCase().endsWith('.gz')) return false;
  try {
    return statSync(path).size >= minBytes;
  } catch {
    return false; // the one-thread path reports a missing file
  }
}

/**
 * The scored CSV lines of every lead, in file order, through `sink`; null (nothing done) when the file is not an
 * uncompressed CSV/TSV of at least 8 MB or the machine has one core: the caller then scores on one thread. `store` may
 * still be coming (a promise): the worker starts at once and gets its range and the evidence when they are ready, so its
 * start-up runs beside the evidence being read.
 */
export async function scoreFileInParallel(
  c: CompiledModel,
  path: string,
  opts: {
    threshold: number; mapping: Record<string, string>; store: EvidenceStore | null | Promise<EvidenceStore | null>;
    sink: (chunk: Buffer) => void | Promise<void>; minBytes?: number;
  },
): Promise<ScoreSummary | null> {
  const format = formatOf(path);
  const minBytes = opts.minBytes ?? 8 << 20;
  if (!scoresInParallel(path, minBytes)) return null;
  const part = join(tmpdir(), `archetype-score-${process.pid}-${++parts}.csv`);
  const worker = startWorker({ model: c.model, threshold: opts.threshold, mapping: opts.mapping, path, out: part });
  const done = new Promise<SummaryState>((resolve, reject) => {
    worker.once('message', (m: { state?: SummaryState; error?: string }) => (m.state ? resolve(m.state) : reject(new Error(m.error ?? 'worker failed'))));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker exited with ${code}`))));
  });
  done.catch(() => undefined); // surfaces at the await below (or not at all when the file cannot be split)
  try {
    const ranges = await splitDelimited(path, format === 'csv' ? ',' : '\t', 2, minBytes);
    if (!ranges || ranges.length < 2) return null;
    const [mine, theirs] = ranges as [(typeof ranges)[number], (typeof ranges)[number]];
    const store = await opts.store;
    const start: PartStart = { range: theirs, evidence: store?.shared() ?? null };
    worker.postMessage(start);
    const into = blankEvidence();
    const csv = new ScoredCsvWriter(opts.sink);
    const summary = new Summary(c, opts.threshold);
    const run = { threshold: opts.threshold, mapping: opts.mapping, evidence: (id: string) => (store?.fill(id, into) ? into : null), onBatch: (b: Parameters<ScoredCsvWriter['write']>[0]) => csv.write(b) };
    await scoreLeadFile(c, path, null, run, mine, summary);
    await csv.flush();
    summary.absorb(await done);
    for await (const chunk of createReadStream(part, { highWaterMark: 1 << 20 })) await opts.sink(chunk as Buffer);
    return summary.result();
  } finally {
    await worker.terminate();
    rmSync(part, { force: true });
  }
}
