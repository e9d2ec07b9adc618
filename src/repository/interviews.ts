// Interviews done per persona against the target: feedback rows with source "interview" from the persona's customers
// (account personas: from the contacts of the persona's accounts).
import type { Engine } from '../engine/engine.js';
import type { VersionRecord } from './version-store.js';

export interface InterviewCount {
  persona_id: string;
  name: string;
  /** interview notes (feedback rows) */
  interviews: number;
  /** distinct customers interviewed */
  people: number;
  target: number;
  remaining: number;
}

export async function interviewsPerPersona(engine: Engine, version: VersionRecord, target: number): Promise<InterviewCount[]> {
  const counts = new Map<string, { interviews: number; people: number }>();
  const interview = `lower(f.source) = 'interview'`;
  if (await engine.tableExists('feedback')) {
    const rows = await engine.all<{ persona_id: string; interviews: number; people: number }>(
      `SELECT a.persona_id, count(DISTINCT f.feedback_id) AS interviews, count(DISTINCT f.customer_id) AS people
         FROM feedback f JOIN (SELECT customer_id, persona_id FROM _assignments WHERE version = $v) a ON a.customer_id = f.customer_id
        WHERE ${interview} AND a.persona_id IS NOT NULL GROUP BY a.persona_id`,
      { v: version.version },
    );
    for (const r of rows) counts.set(r.persona_id, { interviews: Number(r.interviews), people: Number(r.people) });
    // account personas: interviews with the contacts of their accounts
    if (version.personas.some((p) => p.kind === 'account') && (await engine.tableExists('_account_assignments'))) {
      const byAccount = await engine.all<{ persona_id: string; interviews: number; people: number }>(
        `SELECT a.persona_id, count(DISTINCT f.feedback_id) AS interviews, count(DISTINCT f.customer_id) AS people
           FROM (SELECT f.feedback_id AS feedback_id, f.customer_id AS customer_id, c.account_id AS account_id
                   FROM feedback f JOIN customers c ON c.customer_id = f.customer_id WHERE ${interview}) f
           JOIN (SELECT account_id, persona_id FROM _account_assignments WHERE version = $v) a ON a.account_id = f.account_id
          WHERE a.persona_id IS NOT NULL GROUP BY a.persona_id`,
        { v: version.version },
      );
      for (const r of byAccount) counts.set(r.persona_id, { interviews: Number(r.interviews), people: Number(r.people) });
    }
  }
  return version.personas
    .filter((p) => p.kind === 'buyer' || p.kind === 'account')
    .map((p) => {
      const c = counts.get(p.id) ?? { interviews: 0, people: 0 };
      return { persona_id: p.id, name: p.name, ...c, target, remaining: Math.max(0, target - c.interviews) };
    });
}
