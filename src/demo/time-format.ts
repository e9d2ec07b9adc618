// The demo's fixed calendar (no wall clock) and fast ISO 8601 UTC formatting of epoch seconds.

/** Last instant of the demo data: 2025-06-30T23:59:59Z. Nothing is generated after it. */
export const END = Date.UTC(2025, 5, 30, 23, 59, 59) / 1000;
/** Earliest first touch a customer may have. */
export const START = Date.UTC(2021, 0, 1) / 1000;
export const HOUR = 3600;
export const DAY = 86400;
export const YEAR = 365.25 * DAY;

const TWO = Array.from({ length: 60 }, (_, i) => (i < 10 ? '0' : '') + String(i));
const dayCache = new Map<number, string>();

function dayPrefix(day: number): string {
  let s = dayCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY * 1000).toISOString().slice(0, 11);
    dayCache.set(day, s);
  }
  return s;
}

/** Epoch seconds → "2025-03-04T10:15:00Z" (fractions dropped). */
export function iso(t: number): string {
  const sec = Math.floor(t);
  const day = Math.floor(sec / DAY);
  let r = sec - day * DAY;
  const h = Math.floor(r / 3600);
  r -= h * 3600;
  const m = Math.floor(r / 60);
  return dayPrefix(day) + TWO[h] + ':' + TWO[m] + ':' + TWO[r - m * 60] + 'Z';
}

/** Writes epoch seconds as "2025-03-04T10:15:00Z" through an ASCII writer, without building the string. */
export function writeIso(w: { ascii(s: string): void; byte(c: number): void }, t: number): void {
  const sec = Math.floor(t);
  const day = Math.floor(sec / DAY);
  let r = sec - day * DAY;
  const h = Math.floor(r / 3600);
  r -= h * 3600;
  const m = Math.floor(r / 60);
  r -= m * 60;
  w.ascii(dayPrefix(day));
  w.byte(48 + Math.floor(h / 10));
  w.byte(48 + (h % 10));
  w.byte(58);
  w.byte(48 + Math.floor(m / 10));
  w.byte(48 + (m % 10));
  w.byte(58);
  w.byte(48 + Math.floor(r / 10));
  w.byte(48 + (r % 10));
  w.byte(90);
}

/** Month (0-11) of epoch seconds. */
export function monthOf(t: number): number {
  return new Date(t * 1000).getUTCMonth();
}

/** Next moment at or after t that falls in the gift season (Nov 20 – Dec 20), at a uniform point u∈[0,1) of it. */
export function nextGiftSeason(t: number, u: number): number {
  const y = new Date(t * 1000).getUTCFullYear();
  for (const year of [y, y + 1]) {
    const from = Date.UTC(year, 10, 20) / 1000;
    const s = from + u * 30 * DAY;
    if (s >= t) return s;
  }
  return t;
}
