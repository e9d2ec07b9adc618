// Sampling helpers: cumulative tables over weights, log-normal and Poisson draws, per-index seeds.
import type { Rng } from '../shared/rng.js';
import type { LogNormal, Weights } from './persona-spec.js';

export interface Table {
  readonly keys: readonly string[];
  readonly cum: Float64Array;
}

export function table(w: Weights): Table {
  const keys = Object.keys(w).filter((k) => (w[k] ?? 0) > 0);
  const cum = new Float64Array(keys.length);
  let total = 0;
  keys.forEach((k, i) => {
    total += w[k] ?? 0;
    cum[i] = total;
  });
  for (let i = 0; i < cum.length; i++) cum[i] = (cum[i] as number) / total;
  return { keys, cum };
}

/** Index of a draw from the table for a uniform u. */
export function drawIndex(t: Table, u: number): number {
  const c = t.cum;
  for (let i = 0; i < c.length - 1; i++) if (u < (c[i] as number)) return i;
  return c.length - 1;
}

export function draw(t: Table, rng: Rng): string {
  return t.keys[drawIndex(t, rng.next())] as string;
}

/** Weights with `preferred` holding `share` and the rest spread like `base`. */
export function prefer(preferred: string, share: number, base: Weights): Weights {
  let rest = 0;
  for (const [k, v] of Object.entries(base)) if (k !== preferred) rest += v;
  const out: Record<string, number> = { [preferred]: share * 100 };
  for (const [k, v] of Object.entries(base)) if (k !== preferred) out[k] = ((1 - share) * 100 * v) / rest;
  return out;
}

/** Weights with each value multiplied by a log-normal factor: a customer's own taste around its persona. */
export function perturb(w: Weights, rng: Rng, sigma: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(w)) out[k] = v * Math.exp(sigma * rng.normal());
  return out;
}

export function logNormal(rng: Rng, [median, sigma]: LogNormal): number {
  return median * Math.exp(sigma * rng.normal());
}

export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

export function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

/** A well-mixed 32-bit seed for item `index` of stream `salt` under the run's seed. */
export function seedFor(seed: number, salt: number, index: number): number {
  let h = Math.imul(seed ^ 0x85ebca6b, 0xcc9e2d51) ^ Math.imul(salt + 0x27d4eb2f, 0x165667b1) ^ Math.imul(index + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
