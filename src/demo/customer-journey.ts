// Simulates one customer's journey (sessions per stage, loops, orders, tickets, feedback) and writes its lines.
import { STAGES } from '../contract/entities.js';
import { createRng } from '../shared/rng.js';
import type { Rng } from '../shared/rng.js';
import { csvField } from './csv-sink.js';
import { productId } from './event-lines.js';
import { composeFeedback } from './feedback-text.js';
import type { Prepared } from './prepared.js';
import { drawProfile } from './profile.js';
import type { RunContext } from './run-context.js';
import { DAY, END, HOUR, START, YEAR, iso, nextGiftSeason } from './time-format.js';
import { drawIndex, exponential, logNormal, poisson, seedFor } from './weights.js';
import type { Table } from './weights.js';

const AW = 0, CO = 1, DE = 2, RE = 3, AD = 4;

/** Money with 2 decimals, never "-0.00". */
const money = (x: number): string => (Math.round(x * 100) / 100 + 0).toFixed(2);
/** Room kept after a session's start so that none of its events passes END. */
const ROOM = 2 * HOUR;

/** A customer's own mix over `keys`: its persona's weights times log-normal noise (personal taste). */
function ownMix(keys: readonly string[], w: Readonly<Record<string, number>>, rng: Rng, sigma: number): Table {
  const cum = new Float64Array(keys.length);
  let total = 0;
  for (let i = 0; i < keys.length; i++) {
    total += (w[keys[i] as string] ?? 0) * Math.exp(sigma * rng.normal());
    cum[i] = total;
  }
  for (let i = 0; i < cum.length; i++) cum[i] = (cum[i] as number) / total;
  return { keys, cum };
}

const first = new Float64Array(5);
const last = new Float64Array(5);

export function writeCustomer(ctx: RunContext, i: number): void {
  const { company, sinks } = ctx;
  const rng = createRng(seedFor(ctx.seed, 1, i));
  const p = ctx.personas[drawIndex(ctx.shares, rng.next())] as Prepared;
  const s = p.spec;
  const cid = 'c' + String(i + 1);
  const who = cid + ',';
  const account = ctx.accounts?.assign(p);
  const optIn = rng.next() < s.emailOptIn;
  const profile = drawProfile(rng, p, company, optIn, account);
  const cats = ownMix(company.categories.map((c) => c.key), s.categories, rng, 0.5);
  const chans = ownMix(Object.keys(s.orderChannels), s.orderChannels, rng, 0.5);
  const favourite = drawIndex(cats, rng.next());
  let reached = 0;

  const ne = (): number => 1 + poisson(rng, s.eventsPerSession - 1);
  const within = (): number => logNormal(rng, s.gapsHours[2]) * HOUR;
  const session = (stage: number, start: number, n: number, lastEvent?: string): number => {
    const cat = rng.next() < 0.6 ? favourite : drawIndex(cats, rng.next());
    const end = ctx.events.session(rng, p, who, stage, start, n, cat, lastEvent);
    if ((reached & (1 << stage)) === 0) first[stage] = start;
    reached |= 1 << stage;
    last[stage] = end;
    return end;
  };

  const order = (t: number): void => {
    const cat = drawIndex(cats, rng.next());
    const c = company.categories[cat] as (typeof company.categories)[number];
    const qty = c.single === true ? 1 : 1 + poisson(rng, s.extraItems);
    const amount = Math.round(c.price * logNormal(rng, s.basket) * qty * 100) / 100;
    const u = rng.next();
    const status = u < s.cancelled ? 'cancelled' : u < s.cancelled + s.refunded ? 'refunded' : u < s.cancelled + s.refunded + s.returned ? 'returned' : 'completed';
    const rate = Math.min(0.95, Math.max(-0.1, s.marginRate[0] + s.marginRate[1] * rng.normal()));
    const margin = status === 'completed' ? amount * rate : status === 'cancelled' ? 0 : -(4 + 0.08 * amount);
    const channel = chans.keys[drawIndex(chans, rng.next())] as string;
    sinks.orders.line(`o${ctx.counters.order++},${cid},${iso(t)},${money(amount)},${company.currency},${productId(company, cat, rng.next())},${c.key},${qty},${channel},${status},${money(margin)}\n`);
    let tickets = poisson(rng, s.ticketsPerOrder);
    if ((status === 'returned' || status === 'refunded') && rng.next() < 0.5) tickets++;
    for (let k = 0; k < tickets; k++) ticket(t);
  };

  const ticket = (t: number): void => {
    const opened = t + logNormal(rng, [36, 1]) * HOUR;
    if (opened > END) return;
    const escalated = rng.next() < s.escalation;
    const minutes = Math.max(1, Math.round(logNormal(rng, s.ticketMinutes) * (escalated ? 2.5 : 1)));
    const resolved = opened + logNormal(rng, [18, 1]) * HOUR * (escalated ? 4 : 1);
    const cost = minutes * 0.8 + (escalated ? 35 : 0);
    const category = p.ticketCategories.keys[drawIndex(p.ticketCategories, rng.next())] as string;
    sinks.tickets.line(`t${ctx.counters.ticket++},${cid},${iso(opened)},${category},${minutes},${money(cost)},${resolved <= END ? iso(resolved) : ''},${escalated}\n`);
  };

  const advocacy = (t: number): void => {
    let x = t + logNormal(rng, [72, 1]) * HOUR;
    const n = 1 + poisson(rng, 0.3);
    for (let k = 0; k < n && x + ROOM <= END; k++) x = session(AD, x, ne()) + logNormal(rng, [240, 1]) * HOUR;
  };

  // awareness: every customer has at least one session
  const longest = (END - START) / DAY;
  let tenure = Math.max(2, logNormal(rng, s.tenureDays));
  if (tenure > longest) tenure = longest * (0.6 + 0.4 * rng.next());
  let t = END - tenure * DAY;
  if (s.seasonal > 0 && rng.next() < s.seasonal) {
    const g = nextGiftSeason(t, rng.next()) - 2 * DAY;
    if (g + 2 * DAY < END) t = g;
  }
  const created = t;
  t = session(AW, t, ne());
  for (let k = poisson(rng, s.sessions[0] - 1); k > 0; k--) {
    const x = t + within();
    if (x + ROOM > END) break;
    t = session(AW, x, ne());
  }

  let orders = 0;
  let churnAt = Infinity;
  if (rng.next() < s.reach[0]) {
    let x = t + logNormal(rng, s.gapsHours[0]) * HOUR;
    for (let k = 1 + poisson(rng, s.sessions[1] - 1); k > 0 && x + ROOM <= END; k--) {
      t = session(CO, x, ne());
      x = t + within();
    }
    if ((reached & (1 << CO)) !== 0 && rng.next() < s.reach[1]) {
      // the decision block is planned whole, so no decision event exists without its first order
      const loop = rng.next() < s.decisionLoop;
      const gaps = [logNormal(rng, s.gapsHours[1]) * HOUR, within(), logNormal(rng, s.gapsHours[1]) * HOUR * 0.5];
      const extra = poisson(rng, Math.max(0, s.sessions[2] - 1));
      const extraGaps: number[] = [];
      for (let k = 0; k < extra; k++) extraGaps.push(within());
      const span = (gaps[0] as number) + (loop ? (gaps[1] as number) + (gaps[2] as number) + 2 * ROOM : 0) + extraGaps.reduce((a, b) => a + b + ROOM, 0);
      if (t + span + ROOM <= END) {
        x = t + (gaps[0] as number);
        if (loop) {
          t = session(DE, x, ne());
          t = session(CO, t + (gaps[1] as number), ne());
          x = t + (gaps[2] as number);
        }
        for (const g of extraGaps) x = session(DE, x, ne()) + g;
        t = session(DE, x, 1 + ne(), company.firstOrderEvent);
        order(t);
        orders = 1;
      }
    }
  }

  if (orders > 0) {
    churnAt = t + exponential(rng, YEAR / Math.max(1e-3, s.churnPerYear));
    const rate = logNormal(rng, s.ordersPerYear);
    const advocateAfter = rng.next() < s.reach[3] ? 1 + poisson(rng, 1) : -1;
    if (advocateAfter === 1) advocacy(t);
    if (rng.next() < s.reach[2]) {
      for (let prev = t; ; prev = t) {
        let next = prev + Math.max(DAY, exponential(rng, YEAR / rate));
        if (s.seasonal > 0 && rng.next() < s.seasonal) next = nextGiftSeason(next, rng.next());
        if (next + ROOM > END || next > churnAt) break;
        const lead = Math.min((next - prev) / 3, Math.max(3 * HOUR, within()));
        if (rng.next() < s.retentionLoop) {
          session(RE, next - 2 * lead, ne());
          session(CO, next - lead, ne());
        } else if (rng.next() < 0.25) session(RE, next - lead, ne());
        t = session(RE, next, 1 + poisson(rng, 0.4 * s.eventsPerSession), company.repeatOrderEvent);
        order(t);
        if (++orders === advocateAfter) advocacy(t);
      }
    }
    if (advocateAfter > orders) advocacy(t);
  }

  writeFeedback(ctx, rng, p, cid, reached, orders);

  const churned = orders > 0 && churnAt <= END;
  const extraCategory = p.extraCategory.keys[drawIndex(p.extraCategory, rng.next())] as string;
  const extraCount = company.variant === 'b2b' ? Math.min(7, poisson(rng, churned ? s.extraCount * 0.2 : s.extraCount)) : poisson(rng, optIn ? s.extraCount : s.extraCount * 0.15);
  sinks.customers.line(`${cid},${account === undefined ? '' : account.id + ','}${iso(created)},${profile},${churned},${churned ? iso(churnAt) : ''},${extraCategory},${extraCount}\n`);
  sinks.truthCustomers.line(`${cid},${s.key},${s.negative}\n`);
  const all = ctx.personas.length * 5;
  for (let st = 0; st < 5; st++) {
    if ((reached & (1 << st)) === 0) continue;
    (ctx.funnel[p.index * 5 + st] as number)++;
    (ctx.funnel[all + st] as number)++;
  }
}

function writeFeedback(ctx: RunContext, rng: Rng, p: Prepared, cid: string, reached: number, orders: number): void {
  const s = p.spec;
  const stages: number[] = [];
  for (let st = 0; st < 5; st++) if ((reached & (1 << st)) !== 0) stages.push(st);
  for (let n = poisson(rng, s.feedbackPerCustomer * (orders > 0 ? 1 : 0.3)); n > 0; n--) {
    let source = ctx.sources.keys[drawIndex(ctx.sources, rng.next())] as string;
    if (orders === 0 && (source === 'review' || source === 'support')) source = 'survey';
    let stage: number;
    if (source === 'review' || source === 'support') stage = orders > 1 && rng.next() < 0.6 ? RE : DE;
    else if (source === 'social') stage = (reached & (1 << AD)) !== 0 ? AD : (stages[stages.length - 1] as number);
    else stage = stages[rng.int(stages.length)] as number;
    const at = Math.min(END, (first[stage] as number) + rng.next() * ((last[stage] as number) - (first[stage] as number)) + rng.next() * 2 * DAY);
    const positive = rng.next() < (source === 'support' ? s.positive * 0.4 : s.positive);
    const d = composeFeedback(rng, ctx.company, s.texts, source, STAGES[stage] as (typeof STAGES)[number], positive);
    ctx.sinks.feedback.line(`f${ctx.counters.feedback++},${csvField(d.text)},${cid},${iso(at)},${source},${d.rating},${csvField(d.question)},${STAGES[stage] as string}\n`);
  }
}
