// The data snapshot a version was built from: row counts, date ranges and an order-independent checksum per entity.
import { rowKeySql, type EntityName } from '../contract/entities.js';
import type { Engine } from '../engine/engine.js';
import type { DataSnapshot } from './version-store.js';

const TIME: Record<string, string | null> = {
  customers: 'created_at', accounts: null, orders: 'ordered_at', events: 'occurred_at', feedback: 'created_at', tickets: 'opened_at', leads: 'created_at',
};

type Entry = DataSnapshot['entities'][number];

function entitySql(engine: Engine, entity: string, tc: string | null, i: number): string {
  const d = engine.dialect;
  return `SELECT count(*) AS n${i}, CAST(sum(${d.hash64(rowKeySql(entity as EntityName, d.ident))} % 1000000007) AS ${d.types.text}) AS h${i}, ${tc ? `min(${tc})` : 'NULL'} AS lo${i}, ${tc ? `max(${tc})` : 'NULL'} AS hi${i} FROM ${d.ident(entity)}`;
}

function entryOf(entity: string, r: Record<string, unknown> | undefined, i: number): Entry {
  const v = (name: string): unknown => r?.[`${name}${i}`] ?? null;
  return { entity, rows: Number(v('n') ?? 0), checksum: (v('h') as string | null) ?? '0', from: v('lo') as string | null, to: v('hi') as string | null };
}

/**
 * Counts, checksums and date ranges of every entity. On an engine that joins many subqueries, one statement: it starts
 * at the call (before the first await), so a caller may run synchronous work while the engine reads the tables.
 */
export async function takeSnapshot(engine: Engine, asOf: string | null): Promise<DataSnapshot> {
  const list = Object.entries(TIME);
  if (engine.dialect.capabilities.multipleJoins) {
    const parts = list.map(([entity, tc], i) => `(${entitySql(engine, entity, tc, i)}) s${i}`);
    const row = (await engine.all(`SELECT * FROM ${parts.join(' CROSS JOIN ')}`))[0];
    return { entities: list.map(([entity], i) => entryOf(entity, row, i)), as_of: asOf };
  }
  const entities: Entry[] = [];
  for (const [i, [entity, tc]] of list.entries()) entities.push(entryOf(entity, (await engine.all(entitySql(engine, entity, tc, i)))[0], i));
  return { entities, as_of: asOf };
}
