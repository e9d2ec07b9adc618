// A scenario's content plan as an iCalendar file (RFC 5545, written by hand): CRLF lines folded at 75 octets, escaped text, data-fixed stamps.
import type { Scenario } from './scenario.js';

export interface IcsOptions {
  /** calendar name */
  name: string;
  /** prefix of every UID (e.g. the persona-set version and group), so UIDs are stable for the same plan */
  uidPrefix: string;
  /** length of each calendar event, minutes (default 30) */
  minutes?: number;
}

/** TEXT escaping of RFC 5545 §3.3.11. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (§3.1): continuation lines start with one space; UTF-8 sequences are never split. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length === 0 ? 75 : 74; // a continuation line spends one octet on the leading space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** UTC date-time in the basic format of §3.3.5 (`20250701T090000Z`). */
export function icsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Every timestamp comes from the data: DTSTAMP is the data's end (`as_of`), and the plan starts at 09:00 UTC on
 * the day after it, so the same data always gives the same file.
 */
export function scenarioToIcs(s: Scenario, opts: IcsOptions): string {
  const asOf = s.as_of === null ? 0 : Date.parse(s.as_of);
  const stamp = icsDate(Math.floor(asOf / 1000) * 1000);
  const day = 86_400_000;
  const anchor = Math.floor(asOf / day) * day + day + 9 * 3_600_000;
  const minutes = opts.minutes ?? 30;
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Archetype//Nurturing scenario//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
  ];
  for (const item of s.plan) {
    const start = anchor + item.offset_hours * 3_600_000;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${opts.uidPrefix.replace(/[^A-Za-z0-9._-]/g, '-')}-${item.index}@archetype`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsDate(start)}`,
      `DTEND:${icsDate(start + minutes * 60_000)}`,
      `SUMMARY:${escapeText(item.title)}`,
      `DESCRIPTION:${escapeText(`${item.reason}\nStage: ${item.stage}. Channel: ${item.channel}. Content: ${item.content_type} (${item.source}).`)}`,
      `CATEGORIES:${[item.stage, item.content_type, item.source].map(escapeText).join(',')}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
