// The tables ingest writes: one per entity (canonical typed columns + extras + lineage), the quarantine and the ingest log.
import { ENTITIES, type ColumnSpec, type EntityName } from '../contract/entities.js';
import type { Engine } from '../engine/engine.js';

export function sqlType(engine: Engine, c: ColumnSpec): string {
  const t = engine.dialect.types;
  switch (c.type) {
    case 'timestamp':
      return t.timestamp;
    case 'number':
      return t.float;
    case 'integer':
      return t.bigint;
    case 'boolean':
      return t.bool;
    default:
      return t.text;
  }
}

export const LINEAGE_COLUMNS = ['__key', '__ingest', '__file', '__line'] as const;

export async function ensureBaseTables(engine: Engine): Promise<void> {
  const t = engine.dialect.types;
  const d = engine.dialect;
  const table = (name: string, cols: string): string => d.createTable(name, cols.split(',').map((c) => c.trim()), { ifNotExists: true });
  await engine.exec(table('_ingests', `ingest_id ${t.int}, started_at ${t.timestamp}, finished_at ${t.timestamp}, files ${t.int}, status ${t.text}`));
  await engine.exec(
    table('_ingest_files', `ingest_id ${t.int}, file ${t.text}, entity ${t.text}, format ${t.text}, bytes ${t.bigint},
      rows ${t.bigint}, ingested ${t.bigint}, quarantined ${t.bigint}, duplicates ${t.bigint}, ignored_columns ${t.text}`),
  );
  await engine.exec(
    table('_quarantine', `ingest_id ${t.int}, entity ${t.text}, file ${t.text}, line ${t.bigint}, code ${t.text},
      ${d.ident('column')} ${t.text}, message ${t.text}, raw ${t.text}`),
  );
  for (const name of Object.keys(ENTITIES) as EntityName[]) await ensureEntityTable(engine, name, []);
}

export async function ensureEntityTable(engine: Engine, entity: EntityName, extras: string[]): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  if (!(await engine.tableExists(entity))) {
    const cols = ENTITIES[entity].columns.map((c) => `${d.ident(c.name)} ${sqlType(engine, c)}`);
    cols.push(`__key ${t.text}`, `__ingest ${t.int}`, `__file ${t.text}`, `__line ${t.bigint}`);
    // on a cluster, rows are spread over the shards by customer (accounts by account)
    const shardKey = ENTITIES[entity].columns.some((c) => c.name === 'customer_id') ? 'customer_id' : ENTITIES[entity].key;
    await engine.exec(d.createTable(entity, cols, shardKey ? { shardKey } : {}));
  }
  if (extras.length) {
    const have = new Set((await engine.columns(entity)).map((c) => c.name));
    for (const x of extras) if (!have.has(x)) await engine.exec(d.addColumn(entity, x, t.text));
  }
}

/** The number in column `n` of a one-row query. */
export async function count(engine: Engine, sql: string): Promise<number> {
  return Number((await engine.all(sql))[0]?.['n'] ?? 0);
}

export async function nextIngestId(engine: Engine): Promise<number> {
  const r = await engine.all<{ n: number | null }>(`SELECT max(ingest_id) AS n FROM _ingests`);
  return Number(r[0]?.n ?? 0) + 1;
}
