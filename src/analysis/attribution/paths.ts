// Aggregated journey paths (the only thing the engine's SQL hands to attribution), their notation and validation.
import { problem } from '../../shared/problems.js';

/**
 * One distinct channel sequence with its outcome counts, as produced by the journeys SQL.
 * `channels` are the touchpoints in time order (oldest first) before a conversion, or before the
 * end of the window for journeys that did not convert.
 */
export interface PathAggregate {
  channels: string[];
  /** journeys with exactly this sequence that converted */
  conversions: number;
  /** total conversion value of those journeys */
  value: number;
  /** journeys with exactly this sequence that did not convert */
  nulls: number;
  /**
   * Per touch (same length as `channels`), hours between the touch and the conversion: for time
   * decay only. Aggregating ages across journeys is the SQL's job (e.g. the median per position).
   */
  hoursBeforeConversion?: number[];
}

/**
 * Splits `a > b > c` or `a;b;c` (either separator, never mixed meaning) into trimmed channel names;
 * empty segments are dropped, so `''` is the empty path.
 */
export function parsePath(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[>;]/)) {
    const channel = part.trim();
    if (channel !== '') out.push(channel);
  }
  return out;
}

/** The `a > b > c` notation used by ChannelAttribution and by the product's tables. */
export function formatPath(channels: readonly string[]): string {
  return channels.join(' > ');
}

/**
 * Throws a `usage/invalid` problem naming the first bad aggregate: counts and value must be finite,
 * counts non-negative, value 0 without conversions, ages (when given) one non-negative number per touch.
 */
export function validatePaths(paths: readonly PathAggregate[]): void {
  paths.forEach((p, i) => {
    // the path is written out only for the message (every model validates every path: ~8k paths per group at 1M customers)
    const fail = (what: string): never => {
      const shown = Array.isArray(p.channels) ? formatPath(p.channels) || 'empty' : String(p.channels);
      throw problem('usage/invalid', { message: `attribution: path ${i + 1} (${shown}): ${what}` });
    };
    if (!Array.isArray(p.channels)) fail('channels is not a list');
    if (p.channels.some((c) => typeof c !== 'string' || c.trim() === '')) fail('has an empty channel name');
    for (const key of ['conversions', 'nulls'] as const) {
      const n = p[key];
      if (!Number.isFinite(n) || n < 0) fail(`${key} must be a finite number ≥ 0, got ${String(n)}`);
    }
    if (!Number.isFinite(p.value)) fail(`value must be finite, got ${String(p.value)}`);
    if (p.conversions === 0 && p.value !== 0) fail(`value is ${p.value} but there are no conversions`);
    const ages = p.hoursBeforeConversion;
    if (ages !== undefined) {
      if (ages.length !== p.channels.length) {
        fail(`hoursBeforeConversion has ${ages.length} ages for ${p.channels.length} touches`);
      }
      if (ages.some((h) => !Number.isFinite(h) || h < 0))
        fail('hoursBeforeConversion must be finite and ≥ 0');
    }
  });
}

/** Paths that can carry credit: at least one touch and at least one journey. */
export function usablePaths(paths: readonly PathAggregate[]): PathAggregate[] {
  return paths.filter((p) => p.channels.length > 0 && p.conversions + p.nulls > 0);
}
