// Test hook: ARCHETYPE_DEBUG_PAUSE=<point> makes a process say so on stderr and wait there, so a test can kill it (or hold its lock) mid-transaction.
import { existsSync } from 'node:fs';

/**
 * Waits at `point` when ARCHETYPE_DEBUG_PAUSE names it: until the file ARCHETYPE_DEBUG_RESUME_FILE appears, or for
 * ARCHETYPE_DEBUG_PAUSE_MS (default 60 s). Does nothing otherwise.
 */
export async function debugPause(point: string): Promise<void> {
  if (process.env['ARCHETYPE_DEBUG_PAUSE'] !== point) return;
  process.stderr.write(`archetype: paused at ${point}\n`);
  const until = Date.now() + Number(process.env['ARCHETYPE_DEBUG_PAUSE_MS'] ?? 60_000);
  const resume = process.env['ARCHETYPE_DEBUG_RESUME_FILE'];
  while (Date.now() < until && !(resume && existsSync(resume))) await new Promise((r) => setTimeout(r, 50));
}
