// Times analyzeFeedback on N short texts (real tweets, reviews and NPS answers, cycled) in 8 groups.
// Run: node --max-old-space-size=4096 --import tsx src/analysis/text/eval/speed.ts 100000
import os from 'node:os';
import { analyzeFeedback } from '../analyze.js';
import type { FeedbackRow } from '../corpus.js';
import { buildCorpus } from '../corpus.js';
import { extractThemes } from '../themes.js';
import { readAirlineTweets, readAlexaReviews, readNpsVerbatims } from './datasets.js';

const n = Number(process.argv[2] ?? 100_000);
const pool = [...readAirlineTweets().map((r) => r.text), ...readAlexaReviews().map((r) => r.text), ...readNpsVerbatims().map((r) => r.text)].filter((t) => t.trim() !== '');
const stages = ['awareness', 'consideration', 'decision', 'retention', 'advocacy'];
const rows: FeedbackRow[] = Array.from({ length: n }, (_, i) => ({
  feedback_id: `f${i}`,
  customer_id: `c${Math.floor(i / 2)}`,
  group: `persona-${(i * 7919) % 8}`,
  text: pool[(i * 104729) % pool.length] as string,
  rating: i % 3 === 0 ? 1 + (i % 5) : null,
  stage: stages[i % 5] as string,
}));
const mb = (): number => Math.round(process.memoryUsage().heapUsed / 1e6);
let t = Date.now();
const corpus = buildCorpus(rows);
const tCorpus = Date.now() - t;
t = Date.now();
extractThemes(corpus, Int32Array.from(corpus.sentenceText.keys()));
const tThemes = Date.now() - t;
console.log(`buildCorpus ${tCorpus} ms (${corpus.sentenceText.length} sentences, ${corpus.vocab.length} terms), themes ${tThemes} ms, heap ${mb()} MB`);
t = Date.now();
const cpu0 = process.cpuUsage();
const res = analyzeFeedback(rows);
const ms = Date.now() - t;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
// CPU time as well as wall time: on a shared machine the wall clock includes waiting for a core
console.log(`analyzeFeedback: ${n} texts, ${res.sentences} sentences; wall ${ms} ms → ${Math.round(res.sentences / (ms / 1000))} sentences/s; ` +
  `CPU ${Math.round(cpuMs)} ms → ${Math.round(res.sentences / (cpuMs / 1000))} sentences/s, ${Math.round(n / (cpuMs / 1000))} texts/s; heap ${mb()} MB; load ${os.loadavg()[0]?.toFixed(1)}`);
