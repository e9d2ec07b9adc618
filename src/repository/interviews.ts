// Interviews done per persona against the target: feedback rows with source "interview" from the persona's customers.
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
  if (await engine.tableExists('feedback')) {
    const rows = await engine.all<{ persona_id: string; interviews: number; people: number }>(
      `SELECT a.persona_id, count(DISTINCT f.feedback_id) AS interviews, count(DISTINCT f.customer_id) AS people
         FROM feedback f JOIN (SELECT customer_id, persona_id FROM _assignments WHERE version = $v) a ON a.customer_id = f.customer_id
        WHERE lower(f.source) = 'interview' AND a.persona_id IS NOT NULL GROUP BY a.persona_id`,
      { v: version.version },
    );
    for (const r of rows) counts.set(r.persona_id, { interviews: Number(r.interviews), people: Number(r.people) });
  }
  return version.personas
    .filter((p) => p.kind === 'buyer')
    .map((p) => {
      const c = counts.get(p.id) ?? { interviews: 0, people: 0 };
      return { persona_id: p.id, name: p.name, ...c, target, remaining: Math.max(0, target - c.interviews) };
    });
}
