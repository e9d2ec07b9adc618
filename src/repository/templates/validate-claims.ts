// Tests each structured claim of a hand-made persona against the data: share in its segment vs. all customers → validated / contradicted / untested.
import type { Engine } from '../../engine/engine.js';
import { ensureVersionTables, loadVersion, type VersionRecord } from '../version-store.js';
import type { ClaimCheck, HandPersona } from './handmade-store.js';
import { EVENT_FIELD_ALIASES, eventClaimSql } from './event-claims.js';

export type Verdict = 'validated' | 'contradicted' | 'untested';
export interface ClaimResult {
  field: string;
  text: string;
  check: ClaimCheck | null;
  verdict: Verdict;
  segment: string;
  segment_n: number;
  /** what the shares are taken over: customers, feedback rows, first touches or journeys from events */
  basis: string;
  share_segment: number | null;
  share_all: number | null;
  lift: number | null;
  reason: string;
}

/** `channel` is the customers' acquisition channel; first touches (`first_touch_channel`, `first_touch_content`) come from events (event-claims.ts). */
const ALIASES: Record<string, string> = { channel: 'acquisition_channel' };
/** A claim holds when its value is the majority of the segment, or clearly over-represented in it. */
export const RULE = { majority: 0.5, lift: 1.5, minShareForLift: 0.1 };

/** The persona set customers are assigned in: published, else the latest built one (hand-made versions have no assignments). */
export async function dataVersion(engine: Engine): Promise<VersionRecord> {
  await ensureVersionTables(engine);
  const r = await engine.all<{ v: number }>(
    `SELECT version AS v FROM _versions WHERE version IN (SELECT DISTINCT version FROM _assignments) ORDER BY (status = 'published') DESC, version DESC LIMIT 1`,
  );
  return loadVersion(engine, r[0] === undefined ? undefined : Number(r[0].v));
}

/** The customers a persona is tested on: members of its linked data-driven persona in the latest version, else everyone. */
export async function segmentOf(engine: Engine, p: HandPersona): Promise<{ label: string; where: string; params: Record<string, string | number> }> {
  if (p.segment === undefined) return { label: 'all customers', where: '1 = 1', params: {} }; // ClickHouse 18.16 has no TRUE literal
  const v = await dataVersion(engine);
  return {
    label: `${p.segment} (version ${v.version})`,
    where: `customer_id IN (SELECT customer_id FROM _assignments WHERE version = $sv AND persona_id = $sp)`,
    params: { sv: v.version, sp: p.segment },
  };
}

export async function validatePersona(engine: Engine, p: HandPersona, minimumGroup: number): Promise<ClaimResult[]> {
  const seg = await segmentOf(engine, p);
  const sample = await engine.all<Record<string, unknown>>(`SELECT * FROM customers LIMIT 1`);
  const hasEvents = await engine.tableExists('events');
  const columns = new Set(Object.keys(sample[0] ?? {}).filter((c) => !c.startsWith('__')));
  const t = engine.dialect.types;
  const out: ClaimResult[] = [];
  for (const [field, claims] of Object.entries(p.fields)) {
    for (const c of claims) {
      const base = { field, text: c.text, check: c.check ?? null, segment: seg.label };
      let basis = 'customers';
      const untested = (reason: string, n = 0): ClaimResult => ({ ...base, verdict: 'untested', segment_n: n, basis, share_segment: null, share_all: null, lift: null, reason });
      if (!c.check) { out.push(untested('prose only: add --claim FIELD = VALUE to make it checkable')); continue; }
      const values = c.check.value.map((v) => v.toLowerCase());
      const params: Record<string, string | number> = { ...seg.params };
      let sql: string;
      const eventField = EVENT_FIELD_ALIASES[c.check.field];
      if (eventField !== undefined) {
        if (!hasEvents) { out.push(untested('no events table in the data')); continue; }
        const q = eventClaimSql(engine, eventField, c.check, seg.where, seg.params);
        if (typeof q === 'string') { out.push(untested(q)); continue; }
        ({ sql, basis } = q);
        Object.assign(params, q.params);
      } else if (c.check.field === 'theme' && c.check.op === 'contains') {
        basis = 'feedback rows';
        params['pat'] = `%${values[0] ?? ''}%`;
        sql = `SELECT count(CASE WHEN ${seg.where} THEN 1 END) AS n_seg, count(CASE WHEN ${seg.where} AND lower(text) LIKE $pat THEN 1 END) AS hit_seg,
               count(*) AS n_all, count(CASE WHEN lower(text) LIKE $pat THEN 1 END) AS hit_all FROM feedback`;
      } else {
        const col = ALIASES[c.check.field] ?? c.check.field;
        if (!columns.has(col) || (c.check.op !== '=' && c.check.op !== 'in')) { out.push(untested(columns.has(col) ? `${c.check.op} is for theme or days_to_decision claims` : `no customer column "${c.check.field}" in the data`)); continue; }
        const names = values.map((v, i) => { params[`v${i}`] = v; return `$v${i}`; });
        const match = `lower(CAST("${col}" AS ${t.text})) IN (${names.join(', ')})`;
        sql = `SELECT count(CASE WHEN ${seg.where} THEN 1 END) AS n_seg, count(CASE WHEN ${seg.where} AND ${match} THEN 1 END) AS hit_seg,
               count(*) AS n_all, count(CASE WHEN ${match} THEN 1 END) AS hit_all FROM customers`;
      }
      const r = (await engine.all<{ n_seg: number; hit_seg: number; n_all: number; hit_all: number }>(sql, params))[0];
      const nSeg = Number(r?.n_seg ?? 0), hitSeg = Number(r?.hit_seg ?? 0), nAll = Number(r?.n_all ?? 0), hitAll = Number(r?.hit_all ?? 0);
      if (nSeg < minimumGroup) { out.push(untested(`segment has ${nSeg} ${basis}, under the minimum group of ${minimumGroup}`, nSeg)); continue; }
      const shareSeg = hitSeg / nSeg, shareAll = nAll ? hitAll / nAll : 0;
      const lift = shareAll > 0 ? shareSeg / shareAll : null;
      const ok = shareSeg >= RULE.majority || (lift !== null && lift >= RULE.lift && shareSeg >= RULE.minShareForLift);
      out.push({
        ...base, verdict: ok ? 'validated' : 'contradicted', segment_n: nSeg, basis, share_segment: shareSeg, share_all: shareAll, lift,
        reason: `${pct(shareSeg)} of ${seg.label} vs ${pct(shareAll)} of all${lift !== null ? ` (×${lift.toFixed(2)})` : ''}; ${basis}: ${hitSeg}/${nSeg} in the segment, ${hitAll}/${nAll} overall`,
      });
    }
  }
  return out;
}

export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
