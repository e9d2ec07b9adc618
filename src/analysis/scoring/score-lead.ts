// Scores one encoded lead: log-likelihood ratios per persona, closest persona and negative persona, fit score, confidence, reasons.
import { STAGES, type Stage } from '../../contract/entities.js';
import { EVENT_CAP, binOf, type CompiledModel } from './compile.js';

/** A lead's behaviour as model cells: event cells with their observation counts, and the furthest stage reached. */
export interface EventEvidence {
  /** index into STAGES, −1 when no event has a stage */
  furthest: number;
  /** cells in use (the arrays may be longer: a reused evidence object keeps its capacity) */
  size: number;
  cells: number[];
  counts: number[];
  /** hours between stages (see GAPS), NaN when the events do not show the gap */
  gaps: number[];
}

/** A lead as levels of the model's attributes (−1 = missing) and its events. */
export interface EncodedLead {
  id: string;
  levels: Int32Array;
  events: EventEvidence | null;
}

export interface Reason {
  text: string;
  /** attribute column, or `events.channel` / `events.content_type` */
  attribute: string;
  value: string;
  persona_id: string;
  /** how many times more (or less, below 1) common the value is in the persona than among all customers */
  lift: number;
  /** its share of the score: observations × ln(lift) */
  weight: number;
}

export interface LeadScore {
  lead_id: string;
  persona_id: string | null;
  persona_name: string | null;
  /** 0..1: the odds of the lead's attributes and behaviour under the persona against all customers, as a probability */
  persona_similarity: number | null;
  negative_persona_id: string | null;
  negative_persona_name: string | null;
  negative_similarity: number | null;
  qualified: boolean;
  /** 0..1: the chance that the lead belongs to a buyer persona (not a negative persona, not none) */
  fit_score: number;
  /** 0..1: share of the evidence a complete lead would give that this lead gave */
  confidence: number;
  stage: Stage | null;
  next_content: string | null;
  reasons: Reason[];
  /** expected attributes the lead did not have (or had an unusable value for) */
  missing: string[];
}

export interface ScoreScratch {
  s: Float64Array;
  /** the best reason candidates so far: their strength and attribute (≥ 0) or event cell (< 0) */
  top: Float64Array;
  which: Int32Array;
  found: number;
  perBlock: Float64Array;
}

export const scratchFor = (c: CompiledModel, maxReasons = 3): ScoreScratch => ({
  s: new Float64Array(c.k), top: new Float64Array(maxReasons), which: new Int32Array(maxReasons), found: 0, perBlock: new Float64Array(c.events.blocks.length),
});

const NONE = Object.freeze([]) as unknown as string[];
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const round3 = (x: number): number => Math.round(x * 1000) / 1000;


/** "consideration via email (2 sessions): 3.0× more common in persona 'X'", cached for small counts. */
function eventReason(c: CompiledModel, cell: number, k: number, count: number): string {
  const slot = (cell * c.k + k) * 8 + count;
  if (count < 8) {
    const hit = c.events.reasonCache[slot];
    if (hit !== undefined) return hit;
  }
  const info = c.events.cells[cell] as CompiledModel['events']['cells'][number];
  const session = c.events.blocks[info.block]?.unit === 'session';
  const unit = session ? (count === 1 ? 'session' : 'sessions') : count === 1 ? 'touch' : 'touches';
  const text = `${info.text} (${count} ${unit})${c.events.suffixes[cell * c.k + k] as string}`;
  if (count < 8) c.events.reasonCache[slot] = text;
  return text;
}

/** Keeps a candidate reason among the `max` strongest so far (insertion into a short sorted list). */
function consider(scratch: ScoreScratch, positive: boolean, max: number, w: number, id: number): void {
  const { top, which } = scratch;
  const v = positive ? w : -w;
  if (v <= 0.05) return;
  let at: number;
  if (scratch.found < max) at = scratch.found++;
  else if (v <= (top[max - 1] as number)) return;
  else at = max - 1;
  while (at > 0 && (top[at - 1] as number) < v) {
    top[at] = top[at - 1] as number;
    which[at] = which[at - 1] as number;
    at--;
  }
  top[at] = v;
  which[at] = id;
}

/** The top `max` contributions for (positive) or against a persona, picked without sorting (a lead has few). */
function reasonsFor(c: CompiledModel, lead: EncodedLead, k: number, positive: boolean, max: number, scratch: ScoreScratch): Reason[] {
  const which = scratch.which;
  scratch.found = 0;
  for (let i = 0; i < c.attributes.length; i++) {
    const l = lead.levels[i] as number;
    if (l >= 0) consider(scratch, positive, max, (c.attributes[i] as CompiledModel['attributes'][number]).weights[l * c.k + k] as number, i);
  }
  const ev = lead.events;
  if (ev) for (let j = 0; j < ev.size; j++) consider(scratch, positive, max, (ev.counts[j] as number) * (c.events.weights[(ev.cells[j] as number) * c.k + k] as number), -1 - j);
  const n = scratch.found;
  const out: Reason[] = [];
  for (let r = 0; r < n; r++) {
    const id = which[r] as number;
    if (id >= 0) {
      const a = c.attributes[id] as CompiledModel['attributes'][number];
      const l = lead.levels[id] as number;
      const w = a.weights[l * c.k + k] as number;
      const lift = Math.exp(w);
      out.push({ text: a.reasons[l * c.k + k] as string, attribute: a.column, value: a.values[l] as string, persona_id: c.ids[k] as string, lift: Math.round(lift * 100) / 100, weight: Math.round(w * 1000) / 1000 });
    } else {
      const j = -1 - id;
      const cell = (ev as EventEvidence).cells[j] as number;
      const count = (ev as EventEvidence).counts[j] as number;
      const info = c.events.cells[cell] as CompiledModel['events']['cells'][number];
      const w1 = c.events.weights[cell * c.k + k] as number;
      const lift = Math.exp(w1);
      out.push({
        text: eventReason(c, cell, k, count), attribute: c.events.blocks[info.block]?.attribute ?? '', value: info.key,
        persona_id: c.ids[k] as string, lift: Math.round(lift * 100) / 100, weight: Math.round(w1 * count * 1000) / 1000,
      });
    }
  }
  return out;
}

/**
 * S_k = Σ ln lift_k over the lead's attribute levels and event observations (naive Bayes against all customers).
 * similarity_k = σ(S_k); fit = Σ_buyer π_k e^S_k / (π_0 + Σ_all π_j e^S_j), π_0 the background of prospects like nobody.
 */
export function scoreEncoded(c: CompiledModel, lead: EncodedLead, threshold: number, scratch: ScoreScratch, maxReasons = 3): LeadScore {
  const k = c.k;
  const s = scratch.s;
  s.fill(0);
  let evidence = 0;
  let missing: string[] = NONE;
  const ev = lead.events;
  for (let i = 0; i < c.attributes.length; i++) {
    const a = c.attributes[i] as CompiledModel['attributes'][number];
    if (a.gap >= 0) {
      // pace: a level from the events (for reasons too), never "missing"
      const h = ev?.gaps[a.gap];
      lead.levels[i] = h !== undefined && Number.isFinite(h) ? binOf(a.edges, h) : -1;
    }
    const l = lead.levels[i] as number;
    if (l < 0) {
      if (a.expected) (missing === NONE ? (missing = []) : missing).push(a.column);
      continue;
    }
    evidence += a.information;
    const base = l * k;
    for (let j = 0; j < k; j++) s[j] = (s[j] as number) + (a.weights[base + j] as number);
  }
  if (ev) {
    const perBlock = scratch.perBlock;
    perBlock.fill(0);
    for (let m = 0; m < ev.size; m++) {
      const cell = ev.cells[m] as number;
      const n = ev.counts[m] as number;
      const base = cell * k;
      for (let j = 0; j < k; j++) s[j] = (s[j] as number) + n * (c.events.weights[base + j] as number);
      const b = c.events.cells[cell]?.block ?? 0;
      perBlock[b] = (perBlock[b] as number) + n;
    }
    perBlock.forEach((n, b) => (evidence += (c.events.blocks[b]?.information ?? 0) * Math.min(n, EVENT_CAP)));
  }
  let best = -1;
  let bestNeg = -1;
  let max = c.logBackground;
  for (let j = 0; j < k; j++) {
    const sj = s[j] as number;
    if (c.negative[j]) {
      if (bestNeg < 0 || sj > (s[bestNeg] as number)) bestNeg = j;
    } else if (best < 0 || sj > (s[best] as number)) best = j;
    max = Math.max(max, sj + (c.logPrior[j] as number));
  }
  // log-sum-exp over the personas and the background
  let z = Math.exp(c.logBackground - max);
  let buyers = 0;
  let negatives = 0;
  for (let j = 0; j < k; j++) {
    const e = Math.exp((s[j] as number) + (c.logPrior[j] as number) - max);
    z += e;
    if (c.negative[j]) negatives += e;
    else buyers += e;
  }
  const fit = buyers / z;
  const qualified = fit >= threshold;
  const background = Math.exp(c.logBackground - max) / z;
  const explain = qualified || bestNeg < 0 ? best : negatives / z >= background ? bestNeg : best;
  const reasons = explain < 0 ? [] : reasonsFor(c, lead, explain, qualified || explain === bestNeg, Math.min(maxReasons, scratch.top.length), scratch);
  const stage = ev && ev.furthest >= 0 ? (STAGES[ev.furthest] as Stage) : null;
  const pid = best >= 0 ? (c.ids[best] as string) : null;
  const next = pid === null ? undefined : c.model.next_content[pid]?.[stage ?? 'awareness'];
  return {
    lead_id: lead.id,
    persona_id: pid,
    persona_name: best >= 0 ? (c.names[best] as string) : null,
    persona_similarity: best >= 0 ? round3(sigmoid(s[best] as number)) : null,
    negative_persona_id: bestNeg >= 0 ? (c.ids[bestNeg] as string) : null,
    negative_persona_name: bestNeg >= 0 ? (c.names[bestNeg] as string) : null,
    negative_similarity: bestNeg >= 0 ? round3(sigmoid(s[bestNeg] as number)) : null,
    qualified,
    fit_score: round3(fit),
    confidence: c.fullEvidence > 0 ? round3(Math.min(1, evidence / c.fullEvidence)) : 0,
    stage,
    next_content: next?.text ?? null,
    reasons,
    missing,
  };
}
