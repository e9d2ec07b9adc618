// Worker thread: scores one byte range of a delimited leads file into its own CSV part and posts the part's summary.
import { createWriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { compileModel } from './compile.js';
import { EvidenceStore, blankEvidence, type EvidenceData } from './evidence-store.js';
import type { ByteRange } from './read-delimited.js';
import { ScoredCsvWriter } from './scored-csv.js';
import { Summary, scoreLeadFile } from './score-leads.js';
import type { ScoringModel } from './scoring-model.js';

export interface PartJob {
  model: ScoringModel;
  threshold: number;
  mapping: Record<string, string>;
  path: string;
  range: ByteRange;
  /** the CSV part written here */
  out: string;
  evidence: EvidenceData | null;
}

async function run(job: PartJob): Promise<void> {
  const c = compileModel(job.model);
  const store = job.evidence ? EvidenceStore.from(job.evidence) : null;
  const into = blankEvidence();
  const out = createWriteStream(job.out);
  const csv = new ScoredCsvWriter((chunk) => (out.write(chunk) ? undefined : new Promise<void>((r) => out.once('drain', () => r()))));
  const summary = new Summary(c, job.threshold);
  await scoreLeadFile(
    c, job.path, null,
    { threshold: job.threshold, mapping: job.mapping, evidence: (id) => (store?.fill(id, into) ? into : null), onBatch: (b) => csv.write(b) },
    job.range, summary,
  );
  await csv.flush();
  await new Promise<void>((r) => out.end(() => r()));
  parentPort?.postMessage({ state: summary.state() });
}

run(workerData as PartJob).catch((e: unknown) => parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) }));
