// The attribution result shape shared by every model, and the step that turns per-channel credit into sorted rows with shares.
import type { PathAggregate } from './paths.js';

export type HeuristicModel = 'first' | 'last' | 'linear' | 'time_decay' | 'position';
export type AttributionModel = 'markov' | HeuristicModel;
export const ATTRIBUTION_MODELS: readonly AttributionModel[] = [
  'first',
  'last',
  'linear',
  'time_decay',
  'position',
  'markov',
];

export interface ChannelAttribution {
  channel: string;
  /** conversions credited to the channel; over all channels they add up to totalConversions */
  conversions: number;
  /** conversion value credited to the channel; over all channels they add up to totalValue */
  value: number;
  /** conversions / totalConversions (0 for every channel when there are no conversions) */
  share: number;
  /** markov only: 1 − P(conv without the channel) / P(conv) */
  removalEffect?: number;
  /** markov only: the same with conversion value as the reward (see README) */
  valueRemovalEffect?: number;
}

export interface AttributionResult {
  model: AttributionModel;
  /** markov only */
  order?: 1 | 2 | 3;
  totalConversions: number;
  totalValue: number;
  /** every channel seen in a usable path, by conversions desc, then channel name */
  channels: ChannelAttribution[];
  /** markov order 1 only: from → to → probability, with states (start), (conversion), (null) */
  transitionMatrix?: Record<string, Record<string, number>>;
  /** markov only: P(conversion) of the fitted chain from (start) */
  conversionProbability?: number;
  /** time_decay only: converting paths without per-touch ages, credited by position instead */
  pathsWithoutAges?: number;
  /** journeys whose path has no touchpoint: they cannot be credited and are outside the totals */
  unattributed?: { conversions: number; value: number; nulls: number };
}

/** Per-channel credit as accumulated by a model, before rows and shares. */
export interface Credit {
  conversions: Map<string, number>;
  value: Map<string, number>;
}

export function emptyCredit(channels: Iterable<string>): Credit {
  const credit: Credit = { conversions: new Map(), value: new Map() };
  for (const c of channels) {
    credit.conversions.set(c, 0);
    credit.value.set(c, 0);
  }
  return credit;
}

export function addCredit(credit: Credit, channel: string, conversions: number, value: number): void {
  credit.conversions.set(channel, (credit.conversions.get(channel) ?? 0) + conversions);
  credit.value.set(channel, (credit.value.get(channel) ?? 0) + value);
}

/** Rows sorted by conversions desc then name (so the listing order of paths never matters), with shares. */
export function toRows(credit: Credit, totalConversions: number): ChannelAttribution[] {
  const rows: ChannelAttribution[] = [...credit.conversions].map(([channel, conversions]) => ({
    channel,
    conversions,
    value: credit.value.get(channel) ?? 0,
    share: totalConversions > 0 ? conversions / totalConversions : 0,
  }));
  return rows.sort(
    (a, b) => b.conversions - a.conversions || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0),
  );
}

/** Totals over paths, and what had to be left out because the path has no touchpoint. */
export function totals(
  paths: readonly PathAggregate[],
): Pick<AttributionResult, 'totalConversions' | 'totalValue' | 'unattributed'> {
  let totalConversions = 0;
  let totalValue = 0;
  const left = { conversions: 0, value: 0, nulls: 0 };
  for (const p of paths) {
    if (p.channels.length === 0) {
      left.conversions += p.conversions;
      left.value += p.value;
      left.nulls += p.nulls;
    } else {
      totalConversions += p.conversions;
      totalValue += p.value;
    }
  }
  const anyLeft = left.conversions > 0 || left.nulls > 0 || left.value !== 0;
  return { totalConversions, totalValue, ...(anyLeft ? { unattributed: left } : {}) };
}

/** Distinct channels of the paths, sorted, so results never depend on the order paths are listed in. */
export function channelsOf(paths: readonly PathAggregate[]): string[] {
  const seen = new Set<string>();
  for (const p of paths) for (const c of p.channels) seen.add(c);
  return [...seen].sort();
}
