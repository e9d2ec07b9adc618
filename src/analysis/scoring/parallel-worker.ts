// Worker thread: scores one byte range of a delimited leads file into its own CSV part and posts the part's summary.
import { createWriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { compileModel } from './compile.js';
import { EvidenceStore, blankEvidence, type SharedEvidence } from './evidence-store.js';
import type { ByteRange } from './read-delimited.js';
import { ScoredCsvWriter } from './scored-csv.js';
import { Summary, scoreLeadFile } from './score-leads.js';
import type { ScoringModel } from './scoring-model.js';

/** What the worker starts with (the model compiles while the caller reads the evidence). */
export interface PartJob {
  model: ScoringModel;
  threshold: number;
  mapping: Record<string, string>;
  path: string;
  /** the CSV part written here */
  out: string;
}

/** The first message: the byte range to score and the leads' evidence. */
export interface PartStart {
  range: ByteRange;
  /** the leads' evidence (shared memory: not copied) */
  evidence: SharedEvidence | null;
}

async function run(job: PartJob): Promise<void> {
  const c = compileModel(job.model);
  const start = await new Promise<PartStart>((resolve) => parentPort?.once('message', resolve));
  const store = start.evidence ? EvidenceStore.fromShared(start.evidence) : null;
  const into = blankEvidence();
  const out = createWriteStream(job.out);
  const csv = new ScoredCsvWriter((chunk) => (out.write(chunk) ? undefined : new Promise<void>((r) => out.once('drain', () => r()))));
  const summary = new Summary(c, job.threshold);
  await scoreLeadFile(
    c, job.path, null,
    { threshold: job.threshold, mapping: job.mapping, evidence: (id) => (store?.fill(id, into) ? into : null), onBatch: (b) => csv.write(b) },
    start.range, summary,
  );
  await csv.flush();
  await new Promise<void>((r) => out.end(() => r()));
  parentPort?.postMessage({ state: summary.state() });
}

run(workerData as PartJob).catch((e: unknown) => parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) }));
