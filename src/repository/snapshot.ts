// The data snapshot a version was built from: row counts, date ranges and an order-independent checksum per entity.
import { rowKeySql, type EntityName } from '../contract/entities.js';
import type { Engine } from '../engine/engine.js';
import type { DataSnapshot } from './version-store.js';

const TIME: Record<string, string | null> = {
  customers: 'created_at', accounts: null, orders: 'ordered_at', events: 'occurred_at', feedback: 'created_at', tickets: 'opened_at', leads: 'created_at',
};

export async function takeSnapshot(engine: Engine, asOf: string | null): Promise<DataSnapshot> {
  const entities: DataSnapshot['entities'] = [];
  for (const [entity, tc] of Object.entries(TIME)) {
    const r = (
      await engine.all<{ n: number; h: string | null; lo: string | null; hi: string | null }>(
        `SELECT count(*) AS n, CAST(sum(${engine.dialect.hash64(rowKeySql(entity as EntityName, engine.dialect.ident))} % 1000000007) AS ${engine.dialect.types.text}) AS h, ${tc ? `min(${tc})` : 'NULL'} AS lo, ${tc ? `max(${tc})` : 'NULL'} AS hi FROM ${engine.dialect.ident(entity)}`,
      )
    )[0];
    entities.push({ entity, rows: Number(r?.n ?? 0), checksum: r?.h ?? '0', from: r?.lo ?? null, to: r?.hi ?? null });
  }
  return { entities, as_of: asOf };
}
