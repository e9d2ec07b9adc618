// Prints ARI / stability / time of fitSegments against plain k-means on synthetic customers (or a saved matrix).
// Run: node --import tsx src/analysis/segments/evaluate.ts [--n 10000] [--seeds 1,2,3] [--matrix file.json]
import { readFileSync } from 'node:fs';
import { adjustedRandIndex } from './ari.js';
import { baselineKMeans } from './baseline.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { sampleIndices } from './kmeans-init.js';
import { fitSegments } from './segment.js';
import { bootstrapStability } from './stability.js';
import { syntheticCustomers } from './test-data.js';
import { createRng } from '../../shared/rng.js';

interface Case {
  name: string;
  matrix: FeatureMatrix;
  labels: Int32Array;
  k: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** A matrix saved as <file>.json ({ n, columns, labels, names }) beside <file>.bin (Float64 row-major). */
function loadSaved(file: string): Case {
  const meta = JSON.parse(readFileSync(file, 'utf8')) as { n: number; columns: FeatureMatrix['columns']; labels: number[]; names: string[] };
  const bin = readFileSync(file.replace(/\.json$/, '.bin'));
  const data = new Float64Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  return { name: file.split('/').pop() ?? file, matrix: { n: meta.n, columns: meta.columns, data }, labels: Int32Array.from(meta.labels), k: meta.names.length };
}

/** Stability of a partition the way segment.ts measures it: bootstrap refits on a 4 000-row subsample. */
function stabilityOf(data: Float64Array, n: number, d: number, labels: Int32Array, k: number): number {
  const idx = sampleIndices(n, Math.min(n, 4000), createRng(7));
  const sub = new Float64Array(idx.length * d);
  idx.forEach((i, r) => sub.set(data.subarray(i * d, i * d + d), r * d));
  return bootstrapStability(sub, idx.length, d, Int32Array.from(idx, (i) => labels[i]!), { k, seed: 7, resamples: 8 }).overall;
}

const cases: Case[] = [];
const saved = arg('matrix', '');
if (saved) for (const f of saved.split(',')) cases.push(loadSaved(f));
else {
  const n = Number(arg('n', '10000'));
  for (const seed of arg('seeds', '1,2,3').split(',').map(Number)) {
    const s = syntheticCustomers({ n, seed });
    cases.push({ name: `synthetic n=${n} seed=${seed}`, matrix: s.matrix, labels: s.labels, k: s.k });
  }
}
console.log('| data | method | k (true) | ARI | ARI at true k | stability | time |');
console.log('|---|---|---|---|---|---|---|');
for (const c of cases) {
  let t = Date.now();
  const ours = fitSegments(c.matrix, { seed: 42 });
  const oursTime = (Date.now() - t) / 1000;
  const oursTrue = fitSegments(c.matrix, { seed: 42, k: c.k });
  t = Date.now();
  const base = baselineKMeans(c.matrix, { seed: 42 });
  const baseTime = (Date.now() - t) / 1000;
  const baseTrue = baselineKMeans(c.matrix, { seed: 42, k: c.k });
  const baseStab = stabilityOf(base.data, c.matrix.n, c.matrix.columns.length, base.labels, base.k);
  const row = (method: string, k: number, ari: number, ariTrue: number, stab: number, time: number): void =>
    console.log(`| ${c.name} | ${method} | ${k} (${c.k}) | ${ari.toFixed(3)} | ${ariTrue.toFixed(3)} | ${stab.toFixed(2)} | ${time.toFixed(1)} s |`);
  row('fitSegments', ours.k, adjustedRandIndex(ours.labels, c.labels), adjustedRandIndex(oursTrue.labels, c.labels), ours.stability.overall, oursTime);
  row('plain k-means', base.k, adjustedRandIndex(base.labels, c.labels), adjustedRandIndex(baseTrue.labels, c.labels), baseStab, baseTime);
}
