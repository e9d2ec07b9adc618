// B2B: account (company) personas beside buyer personas, linked both ways by how contacts and accounts overlap.
import type { Engine } from '../engine/engine.js';
import { computeAccountFeatures } from '../analysis/features/account-features.js';
import { loadSample } from '../analysis/features/load-sample.js';
import { fitSegments } from '../analysis/segments/segment.js';
import { assignSegmentsSql, kmeansScoring } from '../analysis/segments/assign-sql.js';
import { profileSegments } from '../analysis/personas/segment-profile.js';
import { traitsOf, confidenceOf } from '../analysis/personas/traits.js';
import { personaName } from '../analysis/personas/naming.js';
import { negativeScore, exclusionRule } from '../analysis/personas/negative.js';
import { synthesizePersona } from '../analysis/personas/synthesize.js';
import type { Persona, PersonaField, PersonaLink } from '../analysis/personas/persona-types.js';
import { ALL_ACCOUNTS, computeProfiles, type VersionProfiles } from './persona-profiles.js';

export interface AccountBuild {
  personas: Persona[];
  k: number;
  chosenBecause: string;
  /** trait histograms per account persona (and all accounts), for drift and near-duplicate checks */
  profiles: VersionProfiles;
  /** each account's segment, for the version's `_account_assignments` */
  assignTable: string;
}

/** Makes account personas (ids a1, a2 …, negative ones an1 …) and adds the links to the buyer personas given. */
export async function buildAccountPersonas(engine: Engine, buyers: Persona[], asOf: string | null, opts: { seed: number; minimum: number }): Promise<AccountBuild | null> {
  const features = await computeAccountFeatures(engine, asOf);
  if (!features || features.customers < opts.minimum * 2) return null;
  const defs = features.defs.filter((d) => d.segment);
  const matrix = await loadSample(engine, features.table, defs, opts.seed, 50_000, 'account_id');
  const fit = fitSegments(matrix, { seed: opts.seed, kRange: [2, Math.min(8, Math.max(2, Math.floor(features.customers / opts.minimum)))] });
  await engine.exec(engine.dialect.dropTable('_account_segment_now'));
  await engine.exec(engine.dialect.createTableAs('_account_segment_now', assignSegmentsSql(engine.dialect, kmeansScoring(fit.model), features.table, 'account_id')));
  const profiles = await profileSegments(engine, features, '_account_segment_now');
  const taken = new Set<string>(buyers.map((b) => b.name));
  const personas: Persona[] = [];
  let ai = 0;
  let ni = 0;
  for (const seg of [...profiles.segments].sort((a, b) => b.size - a.size)) {
    if (seg.size < opts.minimum) continue;
    const traits = traitsOf(seg, profiles.all, features.defs);
    const negative = negativeScore(seg, profiles.all) > 0;
    const persona = synthesizePersona({
      id: negative ? `an${++ni}` : `a${++ai}`, name: personaName(traits, features.defs, taken, true, true), negative, kind: 'account',
      seg, all: profiles.all, defs: features.defs, traits, text: null, stability: fit.stability.perSegment[seg.segment] ?? null,
    });
    // text and touchpoints belong to people: account personas show them through their buying committee
    for (const k of ['goals', 'pain_points', 'questions', 'motivations', 'objections', 'typical_day', 'channels', 'content', 'buying_criteria', 'triggers', 'information_sources']) delete persona.fields[k];
    if (negative) {
      const rule = await exclusionRule(engine, features.table, '_account_segment_now', seg.segment, seg, profiles.all, 'account_id');
      if (rule) persona.exclusion_rule = rule;
    }
    personas.push(persona);
  }
  await link(engine, personas, buyers);
  const traitProfiles = await computeProfiles(engine, features.table, features.defs, personas, {
    assignTable: '_account_segment_now', key: 'account_id', kind: 'account', allKey: ALL_ACCOUNTS,
  });
  return { personas, k: fit.k, chosenBecause: fit.chosenBecause, profiles: traitProfiles, assignTable: '_account_segment_now' };
}

/** Contacts by (account segment, buyer segment): buying committee of each account persona, and where each buyer persona works. */
async function link(engine: Engine, accounts: Persona[], buyers: Persona[]): Promise<void> {
  const rows = await engine.all<{ a: number; b: number; n: number }>(
    `SELECT x.segment AS a, c.segment AS b, count(*) AS n
       FROM (SELECT c.account_id AS account_id, s.segment AS segment FROM customers c JOIN _segment_now s ON s.customer_id = c.customer_id) c
       JOIN _account_segment_now x ON x.account_id = c.account_id GROUP BY a, b`,
  );
  const total = rows.reduce((t, r) => t + Number(r.n), 0);
  const bySeg = <T extends { segment: number }>(ps: T[], seg: number): T | undefined => ps.find((p) => p.segment === seg);
  const sum = (f: (r: (typeof rows)[number]) => boolean): number => rows.filter(f).reduce((t, r) => t + Number(r.n), 0);
  const field = (key: string, label: string, links: PersonaLink[], of: string): PersonaField => ({
    key, label,
    items: links.map((l) => ({
      claim: `${l.name} ${Math.round(l.share * 100)}% of ${of}${l.lift !== null ? ` (${l.lift.toFixed(1)}×)` : ''}`, value: l.share, all: l.lift !== null && l.lift > 0 ? l.share / l.lift : null,
      lift: l.lift, n: l.n, confidence: confidenceOf(l.n, (l.lift ?? 1) - 1), definition: 'contacts counted by their account\'s persona and their own buyer persona',
    })),
    ...(links.length ? {} : { insufficient: 'no contacts linked to accounts' }),
  });
  for (const a of accounts) {
    const inA = sum((r) => Number(r.a) === a.segment);
    const links: PersonaLink[] = buyers
      .map((b) => {
        const n = sum((r) => Number(r.a) === a.segment && Number(r.b) === b.segment);
        const share = inA ? n / inA : 0;
        const base = total ? sum((r) => Number(r.b) === b.segment) / total : 0;
        return { persona_id: b.id, name: b.name, share, lift: base ? share / base : null, n };
      })
      .filter((l) => l.n > 0)
      .sort((x, y) => y.share - x.share);
    a.links = links;
    a.fields['buying_committee'] = field('buying_committee', 'Buying committee', links.slice(0, 4), 'contacts');
  }
  for (const b of buyers) {
    const inB = sum((r) => Number(r.b) === b.segment);
    const links: PersonaLink[] = accounts
      .map((a) => {
        const n = sum((r) => Number(r.a) === a.segment && Number(r.b) === b.segment);
        const share = inB ? n / inB : 0;
        const base = total ? sum((r) => Number(r.a) === a.segment) / total : 0;
        return { persona_id: a.id, name: a.name, share, lift: base ? share / base : null, n };
      })
      .filter((l) => l.n > 0)
      .sort((x, y) => y.share - x.share);
    if (!bySeg(buyers, b.segment)) continue;
    b.links = links;
    b.fields['accounts'] = field('accounts', 'Works at', links.slice(0, 3), 'these contacts');
  }
}
