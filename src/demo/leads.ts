// Leads: prospects drawn from buyer personas (qualified), the negative persona or noise, with anonymous events up to a stage.
import { STAGES } from '../contract/entities.js';
import { createRng } from '../shared/rng.js';
import type { Prepared } from './prepared.js';
import { drawProfile } from './profile.js';
import type { RunContext } from './run-context.js';
import { DAY, END, HOUR, iso } from './time-format.js';
import { logNormal, poisson, seedFor } from './weights.js';

/** Where leads come from: buyer personas, negative personas, random noise (the average persona). */
export const LEAD_MIX = { buyer: 0.7, negative: 0.15, noise: 0.15 } as const;
/** Chance of going on to consideration, then to decision, by kind of lead. */
const LEAD_REACH = { buyer: [0.75, 0.5], negative: [0.6, 0.3], noise: [0.35, 0.1] } as const;

function pickPersona(personas: readonly Prepared[], negative: boolean, u: number): Prepared | undefined {
  const pool = personas.filter((p) => p.spec.negative === negative);
  const total = pool.reduce((a, p) => a + p.spec.share, 0);
  let r = u * total;
  for (const p of pool) {
    r -= p.spec.share;
    if (r < 0) return p;
  }
  return pool[pool.length - 1];
}

export function writeLead(ctx: RunContext, j: number): void {
  const rng = createRng(seedFor(ctx.seed, 2, j));
  const u = rng.next();
  let kind: keyof typeof LEAD_REACH = u < LEAD_MIX.buyer ? 'buyer' : u < LEAD_MIX.buyer + LEAD_MIX.negative ? 'negative' : 'noise';
  let persona = kind === 'noise' ? undefined : pickPersona(ctx.personas, kind === 'negative', rng.next());
  if (persona === undefined) kind = 'noise';
  const p = persona ?? ctx.noise;
  persona = kind === 'noise' ? undefined : persona;
  const lid = 'l' + String(j + 1);
  const who = ',' + lid;
  const s = p.spec;
  let t = END - (1 + rng.next() * 120) * DAY;
  const created = t;
  const profile = drawProfile(rng, p, ctx.company, rng.next() < s.emailOptIn);
  const cat = rng.int(ctx.company.categories.length);
  const ne = (): number => 1 + poisson(rng, s.eventsPerSession - 1);
  let furthest = 0;
  t = ctx.events.session(rng, p, who, 0, t, ne(), cat);
  const [toConsideration, toDecision] = LEAD_REACH[kind];
  if (rng.next() < toConsideration) {
    const x = t + logNormal(rng, s.gapsHours[0]) * HOUR;
    if (x + 2 * HOUR <= END) {
      t = ctx.events.session(rng, p, who, 1, x, ne(), cat);
      furthest = 1;
      const y = t + logNormal(rng, s.gapsHours[1]) * HOUR;
      if (rng.next() < toDecision && y + 2 * HOUR <= END) {
        ctx.events.session(rng, p, who, 2, y, ne(), cat);
        furthest = 2;
      }
    }
  }
  const key = persona?.spec.key ?? 'none';
  ctx.sinks.leads.line(`${lid},${iso(created)},${profile}\n`);
  ctx.sinks.truthLeads.line(`${lid},${key},${kind === 'buyer'},${STAGES[furthest] as string}\n`);
  const row = persona === undefined ? ctx.personas.length : persona.index;
  const total = (ctx.personas.length + 1) * 5;
  for (let st = 0; st <= furthest; st++) {
    (ctx.leadFunnel[row * 5 + st] as number)++;
    (ctx.leadFunnel[total + st] as number)++;
  }
}
