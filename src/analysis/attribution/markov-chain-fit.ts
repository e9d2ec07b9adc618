// The order-k Markov chain fitted to aggregated paths: states, transition counts, mean conversion value per state.
import { buildChain, newStateCounts } from './absorbing-chain.js';
import type { AbsorbingChain, StateCounts } from './absorbing-chain.js';
import { channelsOf } from './attribution-result.js';
import { usablePaths } from './paths.js';
import type { PathAggregate } from './paths.js';

export type MarkovOrder = 1 | 2 | 3;

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
  const windows =
    n <= order
      ? [channelIds.slice()]
      : channelIds.slice(0, n - order + 1).map((_, i) => channelIds.slice(i, i + order));
  return windows.filter((w, i) => i === 0 || !sameTuple(w, windows[i - 1] as number[]));
}

function sameTuple(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function fitMarkovChain(paths: readonly PathAggregate[], order: MarkovOrder): MarkovChainFit {
  const usable = usablePaths(paths);
  const channels = channelsOf(usable);
  const channelId = new Map(channels.map((c, i) => [c, i]));
  const walks = usable.map((p) =>
    pathStates(
      p.channels.map((c) => channelId.get(c) as number),
      order,
    ),
  );
  // State ids follow the sorted tuples, never the order paths were listed in. A tuple's key is a number: its channel
  // indexes + 1 as digits in base (channels + 1), exact for order ≤ 3 (no string per window of every path).
  const base = channels.length + 1;
  const keyOf = (t: readonly number[]): number => t.reduce((k, c) => k * base + c + 1, 0);
  const keyed = new Map<number, number[]>();
  for (const walk of walks) for (const t of walk) keyed.set(keyOf(t), t);
  const tuples: number[][] = [[], ...[...keyed.values()].sort(compareTuples)];
  const stateId = new Map(tuples.map((t, s) => [keyOf(t), s]));
  const counts = tuples.map(() => newStateCounts());
  const valueAfter = new Float64Array(tuples.length);
  usable.forEach((p, i) => {
    const journeys = p.conversions + p.nulls;
    let from = 0;
    for (const t of walks[i] as number[][]) {
      const to = stateId.get(keyOf(t)) as number;
      const next = (counts[from] as StateCounts).next;
      next.set(to, (next.get(to) ?? 0) + journeys);
      from = to;
    }
    const last = counts[from] as StateCounts;
    last.conversion += p.conversions;
    last.null += p.nulls;
    valueAfter[from] = (valueAfter[from] as number) + p.value;
  });
  const meanValue = valueAfter.map((v, s) =>
    (counts[s] as StateCounts).conversion > 0 ? v / (counts[s] as StateCounts).conversion : 0,
  );
  return { channels, tuples, counts, chain: buildChain(counts), meanValue };
}

function compareTuples(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** From → to → probability with ChannelAttribution's state names; order 1 only, for display. */
export function transitionMatrix(fit: MarkovChainFit): Record<string, Record<string, number>> {
  const { chain, tuples, channels } = fit;
  const name = (s: number): string =>
    s === 0 ? '(start)' : (tuples[s] as number[]).map((c) => channels[c]).join(' > ');
  const out: Record<string, Record<string, number>> = {};
  for (let s = 0; s < chain.size; s++) {
    const row: Record<string, number> = {};
    for (let k = chain.rowStart[s] as number; k < (chain.rowStart[s + 1] as number); k++)
      row[name(chain.col[k] as number)] = chain.prob[k] as number;
    if ((chain.toConversion[s] as number) > 0) row['(conversion)'] = chain.toConversion[s] as number;
    if ((chain.toNull[s] as number) > 0) row['(null)'] = chain.toNull[s] as number;
    out[name(s)] = row;
  }
  return out;
}
