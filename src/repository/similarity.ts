// Guard against proliferation: personas too alike in traits (cosine of z-scores) and members (overlap of their defining traits' distributions).
import type { Persona } from '../analysis/personas/persona-types.js';
import { levenshtein } from '../shared/text-distance.js';
import { overlap } from './distribution.js';
import { traitCosine } from './persona-match.js';
import { definingTraits } from './drift.js';
import type { VersionProfiles } from './persona-profiles.js';

export interface NearDuplicate {
  a: string;
  b: string;
  a_name: string;
  b_name: string;
  /** 0–1: mean of the trait and member similarities (traits alone when no member profiles are kept) */
  similarity: number;
  traits: number;
  members: number | null;
  proposal: string;
}

export interface Similarity {
  similarity: number;
  traits: number;
  members: number | null;
}

/** How alike two personas of one version are. */
export function similarity(a: Persona, b: Persona, profiles: VersionProfiles, definingN = 5): Similarity {
  const traits = Math.max(0, traitCosine(a, b));
  const pa = profiles.get(a.id);
  const pb = profiles.get(b.id);
  let members: number | null = null;
  if (pa && pb) {
    const features = [...new Set([...definingTraits(a, definingN), ...definingTraits(b, definingN)].map((t) => t.feature))];
    const scores = features.map((f) => {
      const ha = pa.get(f);
      const hb = pb.get(f);
      return ha && hb ? overlap(ha, hb) : null;
    }).filter((x): x is number => x !== null);
    if (scores.length) members = scores.reduce((s, x) => s + x, 0) / scores.length;
  }
  return { similarity: members === null ? traits : (traits + members) / 2, traits, members };
}

/** Pairs of personas (same kind, both negative or both not) at or above the threshold, most alike first, each with a merge proposal. */
export function nearDuplicates(personas: readonly Persona[], profiles: VersionProfiles, threshold: number, k: number | null, definingN = 5): NearDuplicate[] {
  const out: NearDuplicate[] = [];
  for (let i = 0; i < personas.length; i++)
    for (let j = i + 1; j < personas.length; j++) {
      const a = personas[i] as Persona;
      const b = personas[j] as Persona;
      if (a.kind !== b.kind || a.negative !== b.negative) continue;
      const s = similarity(a, b, profiles, definingN);
      if (s.similarity < threshold) continue;
      const [big, small] = a.size >= b.size ? [a, b] : [b, a];
      out.push({
        a: a.id, b: b.id, a_name: a.name, b_name: b.name, ...s,
        proposal: `merge ${small.id} (${small.name}) into ${big.id} (${big.name})` + (k !== null && a.kind === 'buyer' && k > 2 ? `: rebuild with one segment fewer, \`archetype build --k ${k - 1}\`` : ''),
      });
    }
  return out.sort((x, y) => y.similarity - x.similarity);
}

/** Another persona whose name is (nearly) the one given: an edit would make two personas look the same. */
export function nameClash(name: string, personas: readonly Persona[], exceptId: string): Persona | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const n = norm(name);
  return personas.find((p) => {
    if (p.id === exceptId) return false;
    const m = norm(p.name);
    return m === n || levenshtein(m, n) / Math.max(m.length, n.length, 1) <= 0.15;
  });
}
