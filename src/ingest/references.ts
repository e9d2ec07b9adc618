// Referential checks, run once all files of an ingest are loaded: rows pointing at unknown customers/accounts go to quarantine.
import { ENTITIES, type EntityName } from '../contract/entities.js';
import type { Engine } from '../engine/engine.js';

/** Moves this ingest's rows with unknown references to quarantine; returns counts per entity + file. */
export async function checkReferences(engine: Engine, ingestId: number): Promise<Map<string, number>> {
  const d = engine.dialect;
  const moved = new Map<string, number>();
  const refs: { entity: EntityName; column: string; target: EntityName; targetColumn: string }[] = [];
  // contacts point at accounts only when the workspace has accounts at all (checked first: orders may then point at a removed contact)
  const accounts = Number((await engine.all(`SELECT count(*) AS n FROM accounts`))[0]?.['n'] ?? 0);
  if (accounts > 0) refs.push({ entity: 'customers', column: 'account_id', target: 'accounts', targetColumn: 'account_id' });
  for (const spec of Object.values(ENTITIES))
    for (const r of spec.references ?? []) refs.push({ entity: spec.name, column: r.column, target: r.entity, targetColumn: r.column2 });
  for (const r of refs) {
    const cols = ENTITIES[r.entity].columns.map((c) => c.name);
    const bad = `FROM ${d.ident(r.entity)} t WHERE t.__ingest = $id AND t.${d.ident(r.column)} IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM ${d.ident(r.target)} x WHERE x.${d.ident(r.targetColumn)} = t.${d.ident(r.column)})`;
    const counts = await engine.all<{ file: string; n: number }>(`SELECT __file AS file, count(*) AS n ${bad} GROUP BY __file`, { id: ingestId });
    if (counts.length === 0) continue;
    const raw = d.joinText(cols.map((c) => `CAST(t.${d.ident(c)} AS ${d.types.text})`), ',');
    await engine.exec(
      `INSERT INTO _quarantine SELECT $id, ${d.literal(r.entity)}, __file, __line, 'unknown-reference', ${d.literal(r.column)},
         ${d.literal(`${r.column} `)} || '"' || t.${d.ident(r.column)} || '"' || ${d.literal(` is not a known ${r.target === 'customers' ? 'customer' : 'account'}`)}, ${raw} ${bad}`,
      { id: ingestId },
    );
    await engine.exec(
      `DELETE FROM ${d.ident(r.entity)} WHERE __ingest = $id AND ${d.ident(r.column)} IS NOT NULL
         AND ${d.ident(r.column)} NOT IN (SELECT ${d.ident(r.targetColumn)} FROM ${d.ident(r.target)} WHERE ${d.ident(r.targetColumn)} IS NOT NULL)`,
      { id: ingestId },
    );
    for (const c of counts) moved.set(`${r.entity}\u0000${c.file}`, (moved.get(`${r.entity}\u0000${c.file}`) ?? 0) + Number(c.n));
  }
  return moved;
}
