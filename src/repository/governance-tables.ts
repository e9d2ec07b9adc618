// The repository's own tables beside _versions/_assignments: audit log, comments and change requests, manual edits, trait profiles.
import type { Engine } from '../engine/engine.js';

export async function ensureGovernanceTables(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  const table = (name: string, cols: string): string => d.createTable(name, cols.split(',').map((c) => c.trim()), { ifNotExists: true });
  await engine.exec(
    table('_audit', `audit_id ${t.int}, occurred_at ${t.timestamp}, actor ${t.text}, action ${t.text}, version ${t.int},
      persona_id ${t.text}, field ${t.text}, detail ${t.text}`),
  );
  await engine.exec(
    table('_comments', `comment_id ${t.int}, version ${t.int}, persona_id ${t.text}, field ${t.text}, kind ${t.text},
      author ${t.text}, created_at ${t.timestamp}, text ${t.text}, proposal ${t.text}, status ${t.text}, resolved_by ${t.text},
      resolved_at ${t.timestamp}, resolution ${t.text}`),
  );
  await engine.exec(
    table('_edits', `edit_id ${t.int}, version ${t.int}, persona_id ${t.text}, field ${t.text}, text ${t.text},
      author ${t.text}, created_at ${t.timestamp}, comment_id ${t.int}`),
  );
  await engine.exec(table('_persona_profiles', `version ${t.int}, persona_id ${t.text}, feature ${t.text}, histogram ${t.text}`));
  // B2B: each account's account persona per version (buyers are in _assignments)
  await engine.exec(table('_account_assignments', `version ${t.int}, account_id ${t.text}, segment ${t.int}, persona_id ${t.text}`));
}

/** The next id of an append-only table (call inside the writing transaction). */
export async function nextId(engine: Engine, table: string, column: string): Promise<number> {
  const r = await engine.all<{ n: number | null }>(`SELECT max(${engine.dialect.ident(column)}) AS n FROM ${engine.dialect.ident(table)}`);
  return Number(r[0]?.n ?? 0) + 1;
}
