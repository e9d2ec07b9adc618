// Data-driven attribution by the removal effect of each channel in an order-k Markov chain fitted to the paths (as ChannelAttribution).
import { problem } from '../../shared/problems.js';
import { buildChain, newStateCounts, solveAbsorption } from './absorbing-chain.js';
import type { AbsorbingChain, StateCounts } from './absorbing-chain.js';
import { channelsOf, emptyCredit, toRows, totals } from './attribution-result.js';
import type { AttributionResult } from './attribution-result.js';
import { usablePaths, validatePaths } from './paths.js';
import type { PathAggregate } from './paths.js';

export type MarkovOrder = 1 | 2 | 3;

export interface MarkovOptions {
  order?: MarkovOrder;
}

/** The fitted chain: state 0 is (start); state s > 0 is the channel tuple `tuples[s]` (channel indexes). */
export interface MarkovChainFit {
  channels: string[];
  tuples: number[][];
  counts: StateCounts[];
  chain: AbsorbingChain;
  /** per state, the mean value of the conversions that followed it (0 when none did) */
  meanValue: Float64Array;
}

/**
 * The states a path walks through: windows of `order` consecutive touches (the whole path when it is
 * shorter), with consecutive identical states merged, as ChannelAttribution's markov_model does.
 * Merging only removes self-loops, which change no absorption probability, so removal effects are the
 * same either way; the displayed transition matrix simply has no self-transitions.
 */
export function pathStates(channelIds: readonly number[], order: number): number[][] {
  const n = channelIds.length;
  const windows = n <= order ? [channelIds.slice()] : channelIds.slice(0, n - order + 1).map((_, i) => channelIds.slice(i, i + order));
  return windows.filter((w, i) => i === 0 || w.join(',') !== (windows[i - 1] as number[]).join(','));
}

export function fitMarkovChain(paths: readonly PathAggregate[], order: MarkovOrder): MarkovChainFit {
  const usable = usablePaths(paths);
  const channels = channelsOf(usable);
  const channelId = new Map(channels.map((c, i) => [c, i]));
  const walks = usable.map((p) => pathStates(p.channels.map((c) => channelId.get(c) as number), order));
  // State ids follow the sorted tuples, never the order paths were listed in.
  const keyed = new Map<string, number[]>();
  for (const walk of walks) for (const t of walk) keyed.set(t.join(','), t);
  const tuples: number[][] = [[], ...[...keyed.values()].sort(compareTuples)];
  const stateId = new Map(tuples.map((t, s) => [t.join(','), s]));
  const counts = tuples.map(() => newStateCounts());
  const valueAfter = new Float64Array(tuples.length);
  usable.forEach((p, i) => {
    const journeys = p.conversions + p.nulls;
    let from = 0;
    for (const t of walks[i] as number[][]) {
      const to = stateId.get(t.join(',')) as number;
      const next = (counts[from] as StateCounts).next;
      next.set(to, (next.get(to) ?? 0) + journeys);
      from = to;
    }
    const last = counts[from] as StateCounts;
    last.conversion += p.conversions;
    last.null += p.nulls;
    valueAfter[from] = (valueAfter[from] as number) + p.value;
  });
  const meanValue = valueAfter.map((v, s) => ((counts[s] as StateCounts).conversion > 0 ? v / (counts[s] as StateCounts).conversion : 0));
  return { channels, tuples, counts, chain: buildChain(counts), meanValue };
}

function compareTuples(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/**
 * For each channel: removal effect = 1 − P(conv | channel removed) / P(conv), where removing a channel
 * sends every journey that would enter a state containing it to null. The value removal effect is the
 * same with the expected conversion value (each state's mean following value as the reward) in place
 * of P(conv); ChannelAttribution's simulation estimates exactly these two quantities.
 */
export function removalEffects(fit: MarkovChainFit): { conversionProbability: number; removal: number[]; valueRemoval: number[] } {
  const { chain, tuples, channels } = fit;
  const reward = chain.toConversion;
  const valueReward = reward.map((p, s) => p * (fit.meanValue[s] as number));
  const base = solveAbsorption(chain, reward);
  const baseValue = solveAbsorption(chain, valueReward);
  const p = base[0] as number;
  const v = baseValue[0] as number;
  const removal: number[] = [];
  const valueRemoval: number[] = [];
  channels.forEach((_, c) => {
    const removed = new Uint8Array(tuples.length);
    tuples.forEach((t, s) => {
      if (t.includes(c)) removed[s] = 1;
    });
    removal.push(p > 0 ? 1 - (solveAbsorption(chain, reward, { removed, start: base })[0] as number) / p : 0);
    valueRemoval.push(v !== 0 ? 1 - (solveAbsorption(chain, valueReward, { removed, start: baseValue })[0] as number) / v : 0);
  });
  return { conversionProbability: p, removal, valueRemoval };
}

/** Attributed conversions (value) = total conversions (value) × the channel's removal effect / the sum of removal effects. */
export function markovAttribution(paths: readonly PathAggregate[], opts: MarkovOptions = {}): AttributionResult {
  validatePaths(paths);
  const order = opts.order ?? 1;
  if (order !== 1 && order !== 2 && order !== 3) {
    throw problem('usage/invalid', { message: `attribution: Markov order must be 1, 2 or 3, got ${String(order)}` });
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
    credit.value.set(c, valueWeightSum > 0 ? (t.totalValue * (valueWeights[i] as number)) / valueWeightSum : 0);
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

/** From → to → probability with ChannelAttribution's state names; order 1 only, for display. */
export function transitionMatrix(fit: MarkovChainFit): Record<string, Record<string, number>> {
  const { chain, tuples, channels } = fit;
  const name = (s: number): string => (s === 0 ? '(start)' : (tuples[s] as number[]).map((c) => channels[c]).join(' > '));
  const out: Record<string, Record<string, number>> = {};
  for (let s = 0; s < chain.size; s++) {
    const row: Record<string, number> = {};
    for (let k = chain.rowStart[s] as number; k < (chain.rowStart[s + 1] as number); k++) row[name(chain.col[k] as number)] = chain.prob[k] as number;
    if ((chain.toConversion[s] as number) > 0) row['(conversion)'] = chain.toConversion[s] as number;
    if ((chain.toNull[s] as number) > 0) row['(null)'] = chain.toNull[s] as number;
    out[name(s)] = row;
  }
  return out;
}
