// Entry point of channel attribution: one model on the aggregated paths, or every model side by side.
import { ATTRIBUTION_MODELS } from './attribution-result.js';
import type { AttributionModel, AttributionResult } from './attribution-result.js';
import { heuristicAttribution } from './heuristics.js';
import type { HeuristicOptions } from './heuristics.js';
import { markovAttribution } from './markov.js';
import type { MarkovOrder } from './markov.js';
import type { PathAggregate } from './paths.js';

export type { AttributionModel, AttributionResult, ChannelAttribution } from './attribution-result.js';
export type { PathAggregate } from './paths.js';

export interface AttributeOptions extends HeuristicOptions {
  /** Markov order (default 1) */
  order?: MarkovOrder;
}

export function attribute(
  paths: readonly PathAggregate[],
  model: AttributionModel,
  opts: AttributeOptions = {},
): AttributionResult {
  if (model === 'markov')
    return markovAttribution(paths, opts.order === undefined ? {} : { order: opts.order });
  return heuristicAttribution(paths, model, opts);
}

/** One row per channel with the conversions credited by each model. */
export interface ComparisonRow {
  channel: string;
  conversions: Record<AttributionModel, number>;
  value: Record<AttributionModel, number>;
  removalEffect: number;
}

export interface AttributionComparison {
  totalConversions: number;
  totalValue: number;
  order: MarkovOrder;
  models: Record<AttributionModel, AttributionResult>;
  /** by Markov conversions desc, then channel name */
  rows: ComparisonRow[];
}

export function attributeAll(
  paths: readonly PathAggregate[],
  opts: AttributeOptions = {},
): AttributionComparison {
  const models = Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, attribute(paths, m, opts)])) as Record<
    AttributionModel,
    AttributionResult
  >;
  const markov = models.markov;
  const rows = markov.channels.map((m): ComparisonRow => {
    const pick = (key: 'conversions' | 'value'): Record<AttributionModel, number> =>
      Object.fromEntries(
        ATTRIBUTION_MODELS.map((model) => [
          model,
          models[model].channels.find((c) => c.channel === m.channel)?.[key] ?? 0,
        ]),
      ) as Record<AttributionModel, number>;
    return {
      channel: m.channel,
      conversions: pick('conversions'),
      value: pick('value'),
      removalEffect: m.removalEffect ?? 0,
    };
  });
  return {
    totalConversions: markov.totalConversions,
    totalValue: markov.totalValue,
    order: markov.order ?? 1,
    models,
    rows,
  };
}
