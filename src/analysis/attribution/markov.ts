// Data-driven attribution by the removal effect of each channel in an order-k Markov chain fitted to the paths (as ChannelAttribution).
import { problem } from '../../shared/problems.js';
import { solveAbsorption } from './absorbing-chain.js';
import { emptyCredit, toRows, totals } from './attribution-result.js';
import type { AttributionResult } from './attribution-result.js';
import { fitMarkovChain, transitionMatrix } from './markov-chain-fit.js';
import type { MarkovChainFit, MarkovOrder } from './markov-chain-fit.js';
import { validatePaths } from './paths.js';
import type { PathAggregate } from './paths.js';

export type { MarkovOrder } from './markov-chain-fit.js';

export interface MarkovOptions {
  order?: MarkovOrder;
}

/**
 * For each channel: removal effect = 1 − P(conv | channel removed) / P(conv), where removing a channel
 * sends every journey that would enter a state containing it to null. The value removal effect is the
 * same with the expected conversion value (each state's mean following value as the reward) in place
 * of P(conv); ChannelAttribution's simulation estimates exactly these two quantities.
 */
export function removalEffects(fit: MarkovChainFit): {
  conversionProbability: number;
  removal: number[];
  valueRemoval: number[];
} {
  const { chain, tuples, channels } = fit;
  const reward = chain.toConversion;
  const valueReward = reward.map((p, s) => p * (fit.meanValue[s] as number));
  const base = solveAbsorption(chain, reward);
  const baseValue = solveAbsorption(chain, valueReward);
  const p = base[0] as number;
  const v = baseValue[0] as number;
  const removal: number[] = [];
  const valueRemoval: number[] = [];
  // Removal can only lower P(conv); clamping keeps a channel that never leads to a conversion at exactly 0, not −1e-17.
  const effect = (without: number, all: number): number =>
    all > 0 ? Math.min(1, Math.max(0, 1 - without / all)) : 0;
  channels.forEach((_, c) => {
    const removed = new Uint8Array(tuples.length);
    tuples.forEach((t, s) => {
      if (t.includes(c)) removed[s] = 1;
    });
    removal.push(effect(solveAbsorption(chain, reward, { removed, start: base })[0] as number, p));
    valueRemoval.push(
      effect(solveAbsorption(chain, valueReward, { removed, start: baseValue })[0] as number, v),
    );
  });
  return { conversionProbability: p, removal, valueRemoval };
}

/** Attributed conversions (value) = total conversions (value) × the channel's removal effect / the sum of removal effects. */
export function markovAttribution(
  paths: readonly PathAggregate[],
  opts: MarkovOptions = {},
): AttributionResult {
  validatePaths(paths);
  const order = opts.order ?? 1;
  if (order !== 1 && order !== 2 && order !== 3) {
    throw problem('usage/invalid', {
      message: `attribution: Markov order must be 1, 2 or 3, got ${String(order)}`,
    });
  }
  const fit = fitMarkovChain(paths, order);
  const { conversionProbability, removal, valueRemoval } = removalEffects(fit);
  const t = totals(paths);
  const sum = removal.reduce((a, b) => a + b, 0);
  const valueSum = valueRemoval.reduce((a, b) => a + b, 0);
  // Should values cancel out (refunds), value follows the conversion removal effects instead.
  const valueWeights = valueSum > 0 ? valueRemoval : removal;
  const valueWeightSum = valueSum > 0 ? valueSum : sum;
  const credit = emptyCredit([]);
  fit.channels.forEach((c, i) => {
    credit.conversions.set(c, sum > 0 ? (t.totalConversions * (removal[i] as number)) / sum : 0);
    credit.value.set(
      c,
      valueWeightSum > 0 ? (t.totalValue * (valueWeights[i] as number)) / valueWeightSum : 0,
    );
  });
  const rows = toRows(credit, t.totalConversions).map((row) => {
    const i = fit.channels.indexOf(row.channel);
    return { ...row, removalEffect: removal[i] as number, valueRemovalEffect: valueRemoval[i] as number };
  });
  return {
    model: 'markov',
    order,
    ...t,
    channels: rows,
    conversionProbability,
    ...(order === 1 ? { transitionMatrix: transitionMatrix(fit) } : {}),
  };
}
