// A large result read by columns: the engine's own columnar stream where it has one, else its rows transposed.
import type { Engine, Params } from './engine.js';

export async function streamColumns(
  engine: Engine, sql: string, params: Params | undefined, onChunk: (columns: Record<string, unknown[]>, rows: number) => void | Promise<void>,
): Promise<void> {
  if (engine.streamColumns) return engine.streamColumns(sql, params, onChunk);
  await engine.stream(sql, params, async (rows) => {
    if (rows.length === 0) return;
    const columns: Record<string, unknown[]> = {};
    for (const name of Object.keys(rows[0] as object)) columns[name] = rows.map((r) => r[name] ?? null);
    await onChunk(columns, rows.length);
  });
}
