// Field-by-field changes of one persona between two versions: every changed claim with its old and new evidence.
import type { Evidence, Persona, PersonaField } from '../analysis/personas/persona-types.js';

export interface EvidenceBrief {
  claim: string;
  value: number | null;
  n: number;
  confidence: Evidence['confidence'];
}

export interface ItemChange {
  change: 'added' | 'removed' | 'changed';
  before: EvidenceBrief | null;
  after: EvidenceBrief | null;
  /** only the numbers moved a little: same confidence, value within 3 points (shares) or 10%, n within 20% */
  minor: boolean;
}

export interface FieldChange {
  field: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  /** "not enough evidence" reasons, when one side has none */
  insufficient_before: string | null;
  insufficient_after: string | null;
  items: ItemChange[];
}

export interface MetricChange {
  metric: string;
  before: number | string | null;
  after: number | string | null;
  minor: boolean;
}

export interface PersonaChanges {
  from: string;
  to: string;
  metrics: MetricChange[];
  fields: FieldChange[];
}

/** A claim's identity across versions: its words with the numbers taken out ("footwear 45% of spend" ≈ "footwear 52% of spend"). */
export function claimKey(claim: string): string {
  return claim.toLowerCase().replace(/[−-]?\d[\d,.]*/g, '#').replace(/\s+/g, ' ').trim();
}

const brief = (e: Evidence): EvidenceBrief => ({ claim: e.claim, value: e.value, n: e.n, confidence: e.confidence });

/** A change worth a reader's attention, as opposed to numbers moving a little between two builds. */
export function materialChange(a: Evidence, b: Evidence): boolean {
  if (a.confidence !== b.confidence) return true;
  if (a.value !== null && b.value !== null) {
    const big = Math.max(Math.abs(a.value), Math.abs(b.value));
    if (big <= 1 ? Math.abs(a.value - b.value) >= 0.03 : Math.abs(a.value - b.value) / big >= 0.1) return true;
  }
  return Math.abs(a.n - b.n) / Math.max(a.n, b.n, 1) >= 0.2;
}

function fieldChange(key: string, a: PersonaField | undefined, b: PersonaField | undefined): FieldChange | null {
  const label = b?.label ?? a?.label ?? key;
  const before = a?.items ?? [];
  const after = b?.items ?? [];
  const items: ItemChange[] = [];
  const left = new Map<string, Evidence[]>();
  for (const e of before) left.set(claimKey(e.claim), [...(left.get(claimKey(e.claim)) ?? []), e]);
  for (const e of after) {
    const same = left.get(claimKey(e.claim));
    const old = same?.shift();
    if (!old) items.push({ change: 'added', before: null, after: brief(e), minor: false });
    else if (old.claim !== e.claim || old.confidence !== e.confidence) items.push({ change: 'changed', before: brief(old), after: brief(e), minor: !materialChange(old, e) });
  }
  for (const rest of left.values()) for (const e of rest) items.push({ change: 'removed', before: brief(e), after: null, minor: false });
  const insA = a?.insufficient ?? null;
  const insB = b?.insufficient ?? null;
  if (!items.length && insA === insB && (a === undefined) === (b === undefined)) return null;
  const change = a === undefined || (insA !== null && before.length === 0 && after.length > 0) ? 'added'
    : b === undefined || (insB !== null && after.length === 0 && before.length > 0) ? 'removed' : 'changed';
  return { field: key, label, change, insufficient_before: insA, insufficient_after: insB, items };
}

/** Changes from persona `a` (older version) to persona `b` (newer version). */
export function personaChanges(a: Persona, b: Persona): PersonaChanges {
  const metrics: MetricChange[] = [];
  /** `small`: under this difference a number is reported as a minor change */
  const m = (metric: string, x: number | string | null, y: number | string | null, small = 0, relative = false): void => {
    if (x === y) return;
    const minor = typeof x === 'number' && typeof y === 'number'
      ? Math.abs(x - y) / (relative ? Math.max(Math.abs(x), Math.abs(y), 1) : 1) < small
      : metric === 'summary' && claimKey(String(x)) === claimKey(String(y));
    metrics.push({ metric, before: x, after: y, minor });
  };
  m('name', a.name, b.name);
  m('size', a.size, b.size, 0.05, true);
  m('share_of_customers', a.share_of_customers, b.share_of_customers, 0.01);
  m('share_of_revenue', a.share_of_revenue, b.share_of_revenue, 0.01);
  m('share_of_margin', a.share_of_margin, b.share_of_margin, 0.01);
  m('stability', a.stability, b.stability, 0.05);
  m('negative', String(a.negative), String(b.negative));
  m('summary', a.summary, b.summary);
  const keys = [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])];
  const fields = keys.map((k) => fieldChange(k, a.fields[k], b.fields[k])).filter((f): f is FieldChange => f !== null);
  return { from: a.id, to: b.id, metrics, fields };
}
