// Row updates and deletes through the dialect: in place where the engine can, else by rebuilding the table.
import type { Engine, Params } from './engine.js';

/** Removes the rows of `table` for which `where` is true (rows where it is NULL stay). */
export async function deleteRows(engine: Engine, table: string, where: string, params?: Params): Promise<void> {
  for (const sql of engine.dialect.deleteRows(table, where)) await engine.exec(sql, params);
}

/** Adds a column unless the table has it already. */
export async function addColumnIfMissing(engine: Engine, table: string, column: string, type: string): Promise<void> {
  if ((await engine.columns(table)).some((c) => c.name === column)) return;
  await engine.exec(engine.dialect.addColumn(table, column, type));
}

/** Sets columns (name → SQL expression) on the rows where `where` is true. */
export async function updateRows(engine: Engine, table: string, set: Record<string, string>, where: string, params?: Params): Promise<void> {
  const d = engine.dialect;
  const columns = d.capabilities.updateInPlace ? [] : (await engine.columns(table)).map((c) => c.name);
  for (const sql of d.updateRows(table, set, where, columns)) await engine.exec(sql, params);
}
