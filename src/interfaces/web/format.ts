// Number and text formatting shared by the pages.

export const pct = (x: number | null | undefined, digits = 0): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`);

export const int = (x: number): string => Math.round(x).toLocaleString('en-US');

export const lift = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${x.toFixed(x >= 10 ? 0 : 1)}×`);

/** A persona value or comparison: shares as percentages when the claim is a share, otherwise a rounded number. */
export function value(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (Math.abs(x) < 1 && x !== 0) return x.toFixed(2);
  return x.toLocaleString('en-US', { maximumFractionDigits: Math.abs(x) < 10 ? 2 : 0 });
}

export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '—');

export function initials(name: string): string {
  const words = name.split(/[\s-]+/).filter((w) => /^[A-Za-z0-9]/.test(w));
  return ((words[0]?.[0] ?? '?') + (words[1]?.[0] ?? '')).toUpperCase();
}

/** A hue per persona id, stable across pages. */
export function hue(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 360;
  return (h * 47) % 360;
}

export const statusLabel = (s: string): string => s.replace('_', ' ');

/** Hours as a readable duration: "11 h", "2.5 days". */
export function hours(h: number | null | undefined): string {
  if (h === null || h === undefined) return '—';
  if (h < 1) return `${Math.round(h * 60)} min`;
  if (h < 48) return `${h < 10 ? h.toFixed(1) : Math.round(h)} h`;
  const d = h / 24;
  return `${d < 10 ? d.toFixed(1) : Math.round(d)} days`;
}

export const label = (key: string | null): string => (key === null ? '(none)' : key.replace(/_/g, ' '));

export const signed = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`);
