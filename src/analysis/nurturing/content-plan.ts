// The content plan of a scenario: items spaced per stage, content types varied, curated vs own content at a fixed share.
import type { Stage } from '../../contract/entities.js';

export interface PlanStep {
  stage: Stage;
  next: Stage;
  send: readonly { channel: string; content_type: string; lift: number | null; customers: number }[];
  when: { start_after_hours: number };
  how_often: { touches: number; every_hours: number };
}

export interface ContentItem {
  /** 1-based position in the plan */
  index: number;
  /** hours after the journey start */
  offset_hours: number;
  stage: Stage;
  channel: string;
  content_type: string;
  source: 'curated' | 'own';
  title: string;
  reason: string;
}

export interface PlanOptions {
  curatedShare: number;
  /** per stage: content types the group uses there, most used first (fills in variety when recommendations repeat one type) */
  contentTypes?: ReadonlyMap<Stage, readonly string[]>;
}

const label = (ct: string): string => ct.replace(/_/g, ' ');

/**
 * Item i (0-based, over the whole plan) is own content when floor((i + 1) · own) > floor(i · own): the own
 * share is met at every prefix of the plan, spread evenly (80/20 → every fifth item is own).
 */
export function sourceOf(i: number, curatedShare: number): 'curated' | 'own' {
  const own = 1 - curatedShare;
  return Math.floor((i + 1) * own + 1e-9) > Math.floor(i * own + 1e-9) ? 'own' : 'curated';
}

/** Picks per item the best recommendation whose content type differs from the item before, rotating through them. */
function choose(step: PlanStep, extra: readonly string[]): { channel: string; content_type: string; lift: number | null; customers: number }[] {
  const recs = [...step.send];
  if (recs.length === 0) return [];
  const types = new Set(recs.map((r) => r.content_type));
  // too little variety in the recommendations: add the stage's other content types on the best channel
  for (const ct of extra) {
    if (types.size >= Math.min(3, step.how_often.touches)) break;
    if (types.has(ct) || ct === '(none)') continue;
    types.add(ct);
    recs.push({ channel: (recs[0] as (typeof recs)[number]).channel, content_type: ct, lift: null, customers: 0 });
  }
  const out: (typeof recs)[number][] = [];
  let at = 0;
  for (let k = 0; k < step.how_often.touches; k++) {
    const prev = out[out.length - 1]?.content_type;
    let pick = at;
    for (let j = 0; j < recs.length; j++) {
      const cand = (at + j) % recs.length;
      if ((recs[cand] as (typeof recs)[number]).content_type !== prev) {
        pick = cand;
        break;
      }
    }
    out.push(recs[pick] as (typeof recs)[number]);
    at = (pick + 1) % recs.length;
  }
  return out;
}

/** Items in time order (ties: stage order), numbered from 1; own vs curated assigned along that order. */
export function planContent(steps: readonly PlanStep[], opts: PlanOptions): ContentItem[] {
  const drafts: Omit<ContentItem, 'index' | 'source' | 'title'>[] = [];
  steps.forEach((step) => {
    choose(step, opts.contentTypes?.get(step.stage) ?? []).forEach((p, k) => {
      drafts.push({
        offset_hours: Math.round(step.when.start_after_hours + k * step.how_often.every_hours),
        stage: step.stage,
        channel: p.channel,
        content_type: p.content_type,
        reason: p.lift === null
          ? `adds variety: ${label(p.content_type)} is also used at ${step.stage}`
          : `${Math.round(p.customers)} customers who saw ${label(p.content_type)} via ${label(p.channel)} at ${step.stage} moved on to ${step.next} ${p.lift.toFixed(2)}× as often as the stage average`,
      });
    });
  });
  const order = (s: Stage): number => steps.findIndex((x) => x.stage === s);
  drafts.sort((a, b) => a.offset_hours - b.offset_hours || order(a.stage) - order(b.stage));
  return drafts.map((d, i): ContentItem => {
    const source = sourceOf(i, opts.curatedShare);
    const next = steps.find((x) => x.stage === d.stage)?.next ?? d.stage;
    return { ...d, index: i + 1, source, title: `${source === 'own' ? 'Own' : 'Curated'} ${label(d.content_type)} via ${label(d.channel)} (${d.stage} → ${next})` };
  });
}
