// A memorable persona name from its distinguishing traits (words only from the data; no invented people).
import type { FeatureDef } from '../features/feature-catalog.js';
import type { Trait } from './persona-types.js';

const title = (s: string): string => s.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

const CONTENT_ADJ: Record<string, string> = {
  article: 'Article-Reading', video: 'Video-Watching', photo: 'Photo-Browsing', infographic: 'Infographic-Scanning',
  webinar: 'Webinar-Attending', case_study: 'Case-Study-Reading', demo: 'Demo-Seeking', pricing: 'Price-Checking',
};

/** An adjective for a trait, or undefined when the trait does not make a good word. */
function adjective(t: Trait, def: FeatureDef | undefined): string | undefined {
  const high = t.direction === 'high';
  switch (t.feature) {
    case 'orders_per_year': return high ? 'Frequent' : 'Occasional';
    case 'monetary': return high ? 'High-Spending' : 'Low-Spending';
    case 'avg_order': return high ? 'Premium' : 'Budget';
    case 'order_spread': return high ? 'Big-Ticket' : undefined;
    case 'recency_days': return high ? 'Lapsing' : 'Active';
    case 'refund_rate': return high ? 'Returns-Prone' : undefined;
    case 'tickets_per_order': case 'minutes_per_order': return high ? 'Support-Heavy' : undefined;
    case 'margin_rate': return high ? undefined : 'Low-Margin';
    case 'events': return high ? 'Research-Heavy' : 'Quick-Deciding';
    case 'tenure_days': return high ? 'Long-Standing' : 'New';
    case 'age': return high ? 'Mature' : 'Young';
    case 'churned': return high ? 'Churning' : 'Loyal';
    case 'avg_rating': return high ? 'Delighted' : 'Dissatisfied';
    case 'employees': return high ? 'Enterprise' : 'Small-Business';
    case 'annual_revenue': return high ? 'High-Revenue' : undefined;
    case 'contacts': return high ? 'Multi-Contact' : 'Single-Contact';
  }
  // extra attributes: numbers by their level, categories by their value
  if (def && def.group.startsWith('x__') && !def.value && Math.abs(t.z) >= 0.5) return `${high ? 'High' : 'Low'}-${title(def.label).replace(/ /g, '-')}`;
  if (!high || !def?.value) return undefined;
  if (def.group === 'content_mix') return CONTENT_ADJ[def.value] ?? `${title(def.value)}-Loving`;
  if (def.group === 'channel_mix') return `${title(def.value)}-Led`;
  if (def.group === 'order_channel_mix') return `${title(def.value)}-Ordering`;
  if (def.group === 'country' || def.group === 'region') return `${def.value}-Based`;
  if (def.group === 'acquisition_channel') return `${title(def.value)}-Acquired`;
  if (def.kind === 'category' && t.z >= 0.8 && def.value.length <= 24 && !/^(yes|no|true|false|0|1)$/i.test(def.value)) return title(def.value);
  return undefined;
}

/** A noun: what the customer mainly buys or who they are (role, industry). */
function noun(traits: Trait[], defs: Map<string, FeatureDef>, b2b: boolean, account: boolean): { word: string; feature?: string } {
  for (const t of traits) {
    const def = defs.get(t.feature);
    if (!account || t.direction !== 'high' || !def?.value || t.z < 0.3) continue;
    if (def.group === 'industry') return { word: `${title(def.value)} Account`, feature: t.feature };
  }
  if (account) return { word: 'Account' };
  for (const t of traits) {
    const def = defs.get(t.feature);
    if (t.direction !== 'high' || !def?.value || t.z < 0.3) continue;
    if (def.group === 'role' || def.group === 'job_title') return { word: title(def.value), feature: t.feature };
    if (def.group === 'category_mix') return { word: `${title(def.value)} Buyer`, feature: t.feature };
    if (def.group === 'industry') return { word: `${title(def.value)} Buyer`, feature: t.feature };
  }
  return { word: b2b ? 'Buyer' : 'Shopper' };
}

export function personaName(traits: Trait[], defs: FeatureDef[], taken: Set<string>, b2b = false, account = false): string {
  const byColumn = new Map(defs.map((d) => [d.column, d]));
  const n = noun(traits, byColumn, b2b, account);
  const adjs: string[] = [];
  for (const t of traits) {
    if (t.feature === n.feature || Math.abs(t.z) < 0.3) continue;
    const a = adjective(t, byColumn.get(t.feature));
    if (a && !adjs.includes(a)) adjs.push(a);
    if (adjs.length >= 4) break;
  }
  for (let take = 1; take <= adjs.length + 1; take++) {
    const name = [...adjs.slice(0, Math.min(take, adjs.length)), n.word].join(' ');
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  let i = 2;
  const base = [...adjs.slice(0, 2), n.word].join(' ');
  while (taken.has(`${base} ${i}`)) i++;
  taken.add(`${base} ${i}`);
  return `${base} ${i}`;
}
