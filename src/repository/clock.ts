// The repository's "now", injected so that ages, flags and audit times never depend on the wall clock in tests.

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function fixedClock(iso: string): Clock {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new Error(`invalid clock time "${iso}"`);
  return () => new Date(t.getTime());
}

/** ARCHETYPE_NOW=2024-06-01T00:00:00Z pins the clock of a CLI process (tests, reproducible reports); otherwise the system clock. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env['ARCHETYPE_NOW'];
  return pinned ? fixedClock(pinned) : systemClock;
}

/** A timestamp as the engine's TIMESTAMP literal text (UTC, no zone suffix). */
export function sqlTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

export const DAY_MS = 86_400_000;

/** Whole and fractional days from `from` to `to` (ISO strings or dates); null when either is missing. */
export function daysBetween(from: string | Date | null | undefined, to: string | Date | null | undefined): number | null {
  if (!from || !to) return null;
  const a = new Date(typeof from === 'string' && !/[zZ]|[+-]\d\d:?\d\d$/.test(from) ? `${from.replace(' ', 'T')}Z` : from).getTime();
  const b = new Date(typeof to === 'string' && !/[zZ]|[+-]\d\d:?\d\d$/.test(to) ? `${to.replace(' ', 'T')}Z` : to).getTime();
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return (b - a) / DAY_MS;
}
