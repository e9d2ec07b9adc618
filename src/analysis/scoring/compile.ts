// Compiles a stored scoring model into typed arrays of log-lifts (persona vs all customers) and ready-made reason texts.
import { STAGES, type Stage } from '../../contract/entities.js';
import type { AttributeModel, EventBlock, LevelCounts, ScoringModel } from './scoring-model.js';
import { GAPS } from './fit-timing.js';

export interface CompiledAttribute {
  column: string;
  label: string;
  kind: AttributeModel['kind'];
  /** value → level (exact text first, then trimmed lower-case) */
  exact: Map<string, number>;
  loose: Map<string, number>;
  /** numeric: upper bounds of the bins but the last */
  edges: Float64Array;
  /** level of values outside the known categories (pooled rare values), −1 when there is none */
  other: number;
  levels: number;
  /** log-lift per level × persona: ln(P(level | persona) / P(level | all customers)), smoothed */
  weights: Float64Array;
  /** "country: DE" per level, and the level's value alone ("DE", "25–31") */
  texts: string[];
  /** the whole reason per level × persona: "country: DE: 2.5× more common in persona 'X'" */
  reasons: string[];
  values: string[];
  information: number;
  expected: boolean;
  /** for a pace attribute: its position in `EventEvidence.gaps`; −1 for a lead attribute */
  gap: number;
}

export interface CompiledEvents {
  /** per cell: its block, stage and value, "consideration via email" and "consideration:email" */
  cells: { block: number; stage: Stage; value: string; text: string; key: string }[];
  /** per cell × persona: ": 2.6× more common in persona 'X'" (the count goes before it) */
  suffixes: string[];
  /** whole reason texts per cell × persona × count (< 8), filled as they are met */
  reasonCache: (string | undefined)[];
  /** `${stage}\u0000${value}` → cell, per block */
  index: Map<string, number>[];
  /** log-lift per cell × persona */
  weights: Float64Array;
  blocks: { field: EventBlock['field']; unit: EventBlock['unit']; information: number; attribute: string }[];
}

export interface CompiledModel {
  model: ScoringModel;
  k: number;
  ids: string[];
  names: string[];
  /** "persona 'Name'" or "negative persona 'Name'", for reasons */
  who: string[];
  negative: Uint8Array;
  /** ln prior per persona (share of labelled customers) and of the background ("none of them") */
  logPrior: Float64Array;
  logBackground: number;
  attributes: CompiledAttribute[];
  byColumn: Map<string, number>;
  events: CompiledEvents;
  /** evidence of a complete lead (expected attributes, and events up to EVENT_CAP observations per block) */
  fullEvidence: number;
}

/** observations per event block that count toward the confidence (more sessions add less and less) */
export const EVENT_CAP = 3;

const normal = (s: string): string => s.trim().toLowerCase();

/** ln(P(level | persona) / P(level | all)) with the persona's shares pulled toward all customers' by `alpha` pseudo-customers. */
function logLifts(levels: readonly LevelCounts[], knownAll: number, knownBy: readonly number[], k: number, alpha: number): Float64Array {
  const w = new Float64Array(levels.length * k);
  const l = levels.length;
  levels.forEach((lv, i) => {
    const pAll = (lv.all + 1) / (knownAll + l);
    for (let j = 0; j < k; j++) {
      const pk = ((lv.counts[j] ?? 0) + alpha * pAll) / ((knownBy[j] ?? 0) + alpha);
      w[i * k + j] = Math.log(pk / pAll);
    }
  });
  return w;
}

function compileAttribute(a: AttributeModel, k: number, alpha: number, gap = -1): CompiledAttribute {
  const levels = [...a.levels, ...(a.other ? [a.other] : [])];
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  if (a.kind !== 'numeric')
    a.levels.forEach((l, i) => {
      exact.set(l.value, i);
      if (!loose.has(normal(l.value))) loose.set(normal(l.value), i);
    });
  const edges = new Float64Array(a.kind === 'numeric' ? a.levels.slice(0, -1).map((l) => l.hi ?? Infinity) : []);
  const label = a.label;
  const texts = levels.map((l) => (a.kind === 'numeric' ? `${label} ${l.value}` : l === a.other ? `${label}: another value` : `${label}: ${l.value}`));
  return {
    column: a.column, label, kind: a.kind, exact, loose, edges, other: a.other ? levels.length - 1 : -1, levels: levels.length,
    weights: logLifts(levels, a.known, a.known_by_persona, k, alpha), texts, reasons: [], values: levels.map((l) => (l === a.other ? 'other' : l.value)), information: a.information, expected: a.expected, gap,
  };
}

const words = (s: string): string => s.replace(/_/g, ' ');

function compileEvents(blocks: readonly EventBlock[], k: number, alpha: number): CompiledEvents {
  const cells: CompiledEvents['cells'] = [];
  const index: Map<string, number>[] = [];
  const parts: Float64Array[] = [];
  blocks.forEach((b, bi) => {
    const m = new Map<string, number>();
    for (const stage of STAGES) {
      const inStage = b.cells.filter((c) => c.stage === stage);
      const total = b.totals.find((t) => t.stage === stage);
      if (inStage.length === 0 || !total) continue;
      parts.push(logLifts(inStage, total.all, total.counts, k, alpha));
      for (const c of inStage) {
        m.set(`${stage}\u0000${c.value}`, cells.length);
        const text = b.field === 'channel' ? `${stage} via ${words(c.value)}` : `${words(c.value)} at ${stage}`;
        cells.push({ block: bi, stage, value: c.value, text, key: `${stage}:${c.value}` });
      }
    }
    index.push(m);
  });
  const weights = new Float64Array(cells.length * k);
  let at = 0;
  for (const p of parts) {
    weights.set(p, at);
    at += p.length;
  }
  return { cells, index, weights, suffixes: [], reasonCache: [], blocks: blocks.map((b) => ({ field: b.field, unit: b.unit, information: b.information, attribute: `events.${b.field}` })) };
}

export function compileModel(model: ScoringModel): CompiledModel {
  const k = model.personas.length;
  const alpha = model.smoothing;
  const labelled = model.personas.reduce((a, p) => a + p.customers, 0);
  const logPrior = new Float64Array(model.personas.map((p) => Math.log((p.customers + 1) / (labelled + k))));
  const attributes = [
    ...model.attributes.map((a) => compileAttribute(a, k, alpha)),
    ...(model.timing ?? []).map((a) => compileAttribute(a, k, alpha, GAPS.findIndex(([column]) => column === a.column))),
  ];
  const events = compileEvents(model.events, k, alpha);
  const who = model.personas.map((p) => `${p.negative ? 'negative persona' : 'persona'} '${p.name}'`);
  for (const a of attributes) a.reasons = Array.from({ length: a.levels * k }, (_, i) => `${a.texts[Math.floor(i / k)] as string}: ${liftText(Math.exp(a.weights[i] as number), who[i % k] as string)}`);
  events.suffixes = Array.from({ length: events.cells.length * k }, (_, i) => `: ${liftText(Math.exp(events.weights[i] as number), who[i % k] as string)}`);
  const fullEvidence =
    attributes.reduce((s, a) => s + (a.expected ? a.information : 0), 0) + events.blocks.reduce((s, b) => s + b.information * EVENT_CAP, 0);
  return {
    model, k,
    ids: model.personas.map((p) => p.id),
    names: model.personas.map((p) => p.name),
    who,
    negative: Uint8Array.from(model.personas.map((p) => (p.negative ? 1 : 0))),
    logPrior,
    logBackground: Math.log(model.background_prior),
    attributes,
    byColumn: new Map(attributes.flatMap((a, i) => (a.gap < 0 ? [[a.column, i] as const] : []))),
    events,
    fullEvidence,
  };
}

/** "2.5× more common in persona 'X'", or "3.1× less common in …" below 1. */
export function liftText(lift: number, who: string): string {
  return lift >= 1 ? `${lift.toFixed(1)}× more common in ${who}` : `${(1 / lift).toFixed(1)}× less common in ${who}`;
}

/** The level of a numeric value: the first bin whose upper bound is above it. */
export function binOf(edges: Float64Array, x: number): number {
  let i = 0;
  while (i < edges.length && x >= (edges[i] as number)) i++;
  return i;
}
