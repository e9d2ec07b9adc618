// Scratch tables of a journeys run: the statements that make one from a SELECT, and one call running many statements.
import type { Dialect } from '../../engine/dialect.js';
import type { Engine } from '../../engine/engine.js';

/** The statements (no parameters) that make temporary table `name` from `select`, dropping an earlier one first. */
export function scratchTable(d: Dialect, name: string, select: string): string[] {
  return [d.dropTable(name), d.createTableAs(name, select, { temporary: true })];
}

/**
 * Runs statements in order as one call (no parameters), so an engine that runs a call off this thread (DuckDB) works
 * through all of them while this thread does synchronous work; a failure surfaces where the result is awaited.
 */
export function runBatch(engine: Engine, statements: readonly string[]): Promise<void> {
  const run = engine.exec(statements.join(';\n'));
  run.catch(() => undefined);
  return run;
}
