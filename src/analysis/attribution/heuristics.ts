// Rule-based attribution: first touch, last touch, linear, time decay and position-based (U-shaped) credit per touch.
import { problem } from '../../shared/problems.js';
import { addCredit, channelsOf, emptyCredit, toRows, totals } from './attribution-result.js';
import type { AttributionResult, HeuristicModel } from './attribution-result.js';
import { usablePaths, validatePaths } from './paths.js';
import type { PathAggregate } from './paths.js';

export const DEFAULT_HALF_LIFE_HOURS = 7 * 24;
export const DEFAULT_POSITION_WEIGHTS = { first: 0.4, last: 0.4 } as const;

export interface HeuristicOptions {
  /** time decay: a touch this many hours older than another gets half its weight (default 168 = 7 days) */
  halfLifeHours?: number;
  /** position-based: weights of the first and last touch; the middle touches share the rest equally */
  positionWeights?: { first: number; last: number };
}

/**
 * Weights of each touch of one path, summing to 1. Repeated channels are separate touches (as in
 * ChannelAttribution's heuristic_models): a > a > b gives a 2/3 under linear.
 */
export function touchWeights(
  model: HeuristicModel,
  path: PathAggregate,
  opts: HeuristicOptions = {},
): number[] {
  const n = path.channels.length;
  const w = new Array<number>(n).fill(0);
  if (n === 0) return w;
  switch (model) {
    case 'first':
      w[0] = 1;
      return w;
    case 'last':
      w[n - 1] = 1;
      return w;
    case 'linear':
      return w.fill(1 / n);
    case 'position': {
      const { first, last } = opts.positionWeights ?? DEFAULT_POSITION_WEIGHTS;
      if (n === 1) return [1];
      // Two touches have no middle: the first and last weights are rescaled to fill the whole credit.
      if (n === 2) return first + last > 0 ? [first / (first + last), last / (first + last)] : [0.5, 0.5];
      w.fill((1 - first - last) / (n - 2));
      w[0] = first;
      w[n - 1] = last;
      return w;
    }
    case 'time_decay': {
      const halfLife = opts.halfLifeHours ?? DEFAULT_HALF_LIFE_HOURS;
      // Without ages each touch counts as one half-life older than the next: weights 1, 1/2, 1/4 … back from the last touch.
      const ages = path.hoursBeforeConversion?.map((h) => h / halfLife) ?? w.map((_, i) => n - 1 - i);
      // Relative to the youngest touch, so very old journeys do not underflow to all-zero weights.
      const youngest = Math.min(...ages);
      let sum = 0;
      ages.forEach((a, i) => {
        w[i] = 2 ** -(a - youngest);
        sum += w[i] as number;
      });
      return w.map((x) => x / sum);
    }
  }
}

function checkOptions(opts: HeuristicOptions): void {
  const h = opts.halfLifeHours;
  if (h !== undefined && !(Number.isFinite(h) && h > 0)) {
    throw problem('usage/invalid', {
      message: `attribution: halfLifeHours must be a positive number, got ${h}`,
    });
  }
  const pw = opts.positionWeights;
  if (pw !== undefined && !(pw.first >= 0 && pw.last >= 0 && pw.first + pw.last <= 1)) {
    throw problem('usage/invalid', {
      message: `attribution: position weights need first ≥ 0, last ≥ 0 and first + last ≤ 1, got ${pw.first} and ${pw.last}`,
    });
  }
}

/** Credits each converting path's conversions and value to its touches by the model's weights. */
export function heuristicAttribution(
  paths: readonly PathAggregate[],
  model: HeuristicModel,
  opts: HeuristicOptions = {},
): AttributionResult {
  validatePaths(paths);
  checkOptions(opts);
  const usable = usablePaths(paths);
  const credit = emptyCredit(channelsOf(usable));
  let pathsWithoutAges = 0;
  for (const p of usable) {
    if (p.conversions === 0) continue;
    if (model === 'time_decay' && p.hoursBeforeConversion === undefined) pathsWithoutAges++;
    touchWeights(model, p, opts).forEach((w, i) => {
      if (w !== 0) addCredit(credit, p.channels[i] as string, w * p.conversions, w * p.value);
    });
  }
  const t = totals(paths);
  return {
    model,
    ...t,
    channels: toRows(credit, t.totalConversions),
    ...(model === 'time_decay' ? { pathsWithoutAges } : {}),
  };
}
