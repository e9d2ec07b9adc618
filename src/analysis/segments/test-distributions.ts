// Seeded draws from the distributions customer data follows (gamma, beta, Poisson, negative binomial, Dirichlet, log-normal).
import type { Rng } from '../../shared/rng.js';

/** Gamma(shape, scale) by Marsaglia & Tsang; shape < 1 via the boost Gamma(a+1)·U^(1/a). */
export function gamma(rng: Rng, shape: number, scale = 1): number {
  if (shape < 1) return gamma(rng, shape + 1, scale) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = 0;
    let v = 0;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}

export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x + y === 0 ? 0.5 : x / (x + y);
}

/** Beta with the given mean and concentration (a + b). */
export function betaMean(rng: Rng, mean: number, concentration: number): number {
  return beta(rng, mean * concentration, (1 - mean) * concentration);
}

export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Negative binomial as a gamma–Poisson mixture: mean `mean`, variance mean + mean²/r. */
export function negBinomial(rng: Rng, mean: number, r: number): number {
  return poisson(rng, gamma(rng, r, mean / r));
}

export function logNormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * rng.normal());
}

export function dirichlet(rng: Rng, alpha: readonly number[]): number[] {
  const g = alpha.map((a) => gamma(rng, a));
  const s = g.reduce((x, y) => x + y, 0);
  return s === 0 ? alpha.map(() => 1 / alpha.length) : g.map((x) => x / s);
}

/** Observed shares of `trials` draws from the probabilities `p`. */
export function multinomialShares(rng: Rng, p: readonly number[], trials: number): number[] {
  const counts = p.map(() => 0);
  for (let t = 0; t < trials; t++) counts[rng.weighted(p)] += 1;
  return counts.map((c) => c / trials);
}
