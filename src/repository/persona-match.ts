// Matches personas across two versions by shared members (_assignments overlap, Jaccard) and traits (cosine of z-scores); names continuations, splits, merges, new and gone.
import type { Engine } from '../engine/engine.js';
import type { Persona } from '../analysis/personas/persona-types.js';

export interface Overlap {
  from: string;
  to: string;
  /** customers in both */
  n: number;
  /** share of `from`'s members now in `to` */
  of_from: number;
  /** share of `to`'s members that were in `from` */
  of_to: number;
  jaccard: number;
  /** cosine of the two personas' trait z-scores (−1…1) */
  traits: number;
}

export type Relation =
  | { kind: 'continued'; from: string; to: string; overlap: Overlap }
  | { kind: 'split'; from: string; to: string[]; overlaps: Overlap[] }
  | { kind: 'merged'; from: string[]; to: string; overlaps: Overlap[] }
  | { kind: 'new'; to: string; best: Overlap | null }
  | { kind: 'gone'; from: string; best: Overlap | null };

export interface Matching {
  from_version: number;
  to_version: number;
  /** true when both versions' members were compared (false: traits only, e.g. account personas) */
  by_members: boolean;
  relations: Relation[];
  overlaps: Overlap[];
}

/** Share of a persona's members that must move together for a continuation (both ways), or for a part of a split or merge (one way). */
export const MAJORITY = 0.5;
/** A continuation keeps at least this share both ways (and a majority one way). */
export const KEEP = 0.3;
/** A part of a split or merge must hold at least this share of the whole it came from / went to. */
export const PART = 0.15;
/** Trait-only matching (no shared members to compare): minimum cosine. */
export const TRAIT_MATCH = 0.7;

export function traitCosine(a: Persona, b: Persona): number {
  const za = new Map(a.traits.map((t) => [t.feature, t.z]));
  const zb = new Map(b.traits.map((t) => [t.feature, t.z]));
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const f of new Set([...za.keys(), ...zb.keys()])) {
    const x = za.get(f) ?? 0;
    const y = zb.get(f) ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Customers shared by each pair of buyer personas of two versions. */
async function memberOverlap(engine: Engine, from: number, to: number): Promise<{ pairs: Map<string, number>; sizeFrom: Map<string, number>; sizeTo: Map<string, number> }> {
  const found = await engine.all<{ pa: string | null; pb: string | null; n: number }>(
    `SELECT a.persona_id AS pa, b.persona_id AS pb, count(*) AS n
       FROM (SELECT customer_id, persona_id FROM _assignments WHERE version = $from AND persona_id IS NOT NULL) a
       FULL OUTER JOIN (SELECT customer_id, persona_id FROM _assignments WHERE version = $to AND persona_id IS NOT NULL) b ON a.customer_id = b.customer_id
      GROUP BY pa, pb`,
    { from, to },
  );
  const rows = found.map((r) => ({ a: r.pa, b: r.pb, n: r.n }));
  const pairs = new Map<string, number>();
  const sizeFrom = new Map<string, number>();
  const sizeTo = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.n);
    if (r.a !== null) sizeFrom.set(r.a, (sizeFrom.get(r.a) ?? 0) + n);
    if (r.b !== null) sizeTo.set(r.b, (sizeTo.get(r.b) ?? 0) + n);
    if (r.a !== null && r.b !== null) pairs.set(`${r.a}\u0000${r.b}`, n);
  }
  return { pairs, sizeFrom, sizeTo };
}

/** Relations between two persona lists given their pairwise overlaps (pure: the rules of continuation, split, merge, new and gone). */
export function relate(fromIds: readonly string[], toIds: readonly string[], overlaps: readonly Overlap[], byMembers: boolean): Relation[] {
  const relations: Relation[] = [];
  const usedFrom = new Set<string>();
  const usedTo = new Set<string>();
  if (byMembers) {
    // a split: at least two new personas, each mostly made of the old one's members, each holding a real part of it
    for (const a of fromIds) {
      const parts = overlaps.filter((o) => o.from === a && o.of_to >= MAJORITY && o.of_from >= PART).sort((x, y) => y.n - x.n);
      if (parts.length >= 2) {
        relations.push({ kind: 'split', from: a, to: parts.map((p) => p.to), overlaps: parts });
        usedFrom.add(a);
        for (const p of parts) usedTo.add(p.to);
      }
    }
    // a merge: at least two old personas, each mostly gone into the new one, each a real part of it
    for (const b of toIds) {
      if (usedTo.has(b)) continue;
      const parts = overlaps.filter((o) => o.to === b && !usedFrom.has(o.from) && o.of_from >= MAJORITY && o.of_to >= PART).sort((x, y) => y.n - x.n);
      if (parts.length >= 2) {
        relations.push({ kind: 'merged', from: parts.map((p) => p.from), to: b, overlaps: parts });
        usedTo.add(b);
        for (const p of parts) usedFrom.add(p.from);
      }
    }
    // continuation: the members mostly stay together (a majority one way, a good part the other way)
    const candidates = overlaps.filter((o) => Math.max(o.of_from, o.of_to) >= MAJORITY && Math.min(o.of_from, o.of_to) >= KEEP).sort((x, y) => y.jaccard - x.jaccard);
    for (const o of candidates) {
      if (usedFrom.has(o.from) || usedTo.has(o.to)) continue;
      relations.push({ kind: 'continued', from: o.from, to: o.to, overlap: o });
      usedFrom.add(o.from);
      usedTo.add(o.to);
    }
  } else {
    // no members to compare: mutual best trait match above a bar
    const byScore = [...overlaps].filter((o) => o.traits >= TRAIT_MATCH).sort((x, y) => y.traits - x.traits);
    for (const o of byScore) {
      if (usedFrom.has(o.from) || usedTo.has(o.to)) continue;
      relations.push({ kind: 'continued', from: o.from, to: o.to, overlap: o });
      usedFrom.add(o.from);
      usedTo.add(o.to);
    }
  }
  const score = (o: Overlap): number => (byMembers ? o.jaccard : o.traits);
  const best = (os: Overlap[]): Overlap | null => os.sort((x, y) => score(y) - score(x))[0] ?? null;
  for (const a of fromIds) if (!usedFrom.has(a)) relations.push({ kind: 'gone', from: a, best: best(overlaps.filter((o) => o.from === a && (!byMembers || o.n > 0))) });
  for (const b of toIds) if (!usedTo.has(b)) relations.push({ kind: 'new', to: b, best: best(overlaps.filter((o) => o.to === b && (!byMembers || o.n > 0))) });
  return relations;
}

/** Matches the personas of version `to` against version `from`: buyers by members (and traits), accounts by traits. */
export async function matchPersonas(engine: Engine, from: { version: number; personas: Persona[] }, to: { version: number; personas: Persona[] }): Promise<Matching> {
  const { pairs, sizeFrom, sizeTo } = await memberOverlap(engine, from.version, to.version);
  const relations: Relation[] = [];
  const overlaps: Overlap[] = [];
  let byMembers = true;
  for (const kind of ['buyer', 'account'] as const) {
    const fa = from.personas.filter((p) => p.kind === kind);
    const ta = to.personas.filter((p) => p.kind === kind);
    const members = kind === 'buyer' && fa.some((p) => sizeFrom.has(p.id)) && ta.some((p) => sizeTo.has(p.id));
    if (kind === 'buyer' && !members) byMembers = false;
    const os: Overlap[] = [];
    for (const a of fa)
      for (const b of ta) {
        const n = members ? (pairs.get(`${a.id}\u0000${b.id}`) ?? 0) : 0;
        const sa = members ? (sizeFrom.get(a.id) ?? 0) : a.size;
        const sb = members ? (sizeTo.get(b.id) ?? 0) : b.size;
        os.push({
          from: a.id, to: b.id, n, of_from: sa ? n / sa : 0, of_to: sb ? n / sb : 0, jaccard: sa + sb - n > 0 ? n / (sa + sb - n) : 0, traits: traitCosine(a, b),
        });
      }
    overlaps.push(...os);
    relations.push(...relate(fa.map((p) => p.id), ta.map((p) => p.id), os, members));
  }
  return { from_version: from.version, to_version: to.version, by_members: byMembers, relations, overlaps };
}

/** Where each persona of the older version went: ids in the newer version (continuation, split parts or merge target). */
export function successors(m: Matching): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of m.relations) {
    if (r.kind === 'continued') out.set(r.from, [r.to]);
    else if (r.kind === 'split') out.set(r.from, r.to);
    else if (r.kind === 'merged') for (const f of r.from) out.set(f, [r.to]);
  }
  return out;
}
