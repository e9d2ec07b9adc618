// What each per-customer feature means: its SQL column, a label for people, its kind for segmentation and its block.
import type { ColumnKind } from '../segments/feature-matrix.js';
import type { EventMix } from './event-mix.js';

export interface FeatureDef {
  /** column in the _features table */
  column: string;
  /** words for a persona card */
  label: string;
  kind: ColumnKind;
  /** block of related columns (one-hot levels, a share mix) weighted as one signal */
  group: string;
  /** for one-hot and share columns: the value they stand for (e.g. "DE", "footwear") */
  value?: string;
  /** used for segmentation (false: descriptive only, e.g. revenue totals that duplicate another signal) */
  segment: boolean;
}

export interface FeatureSet {
  /** the table holding one row per customer (or account), keyed by `key` */
  table: string;
  key: string;
  defs: FeatureDef[];
  /** reference date for recency/tenure: the latest timestamp in the data (never the wall clock) */
  asOf: string | null;
  customers: number;
  /** events per channel × content type, read once for the features and reused by the triggers */
  eventMix?: EventMix;
}

export function safeColumn(prefix: string, value: string): string {
  const v = value.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'blank';
  return `${prefix}__${v}`;
}
