// The iCalendar export: CRLF lines of at most 75 octets, unfolding restores the text, balanced components, required properties, stable output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, foldLine, icsDate, scenarioToIcs } from './ics.js';
import type { Scenario } from './scenario.js';

const scenario: Scenario = {
  group: 'p1',
  as_of: '2025-06-30T21:38:25.000Z',
  curated_share: 0.8,
  steps: [],
  plan: [
    { index: 1, offset_hours: 0, stage: 'awareness', channel: 'email', content_type: 'article', source: 'curated', title: 'Curated article via email (awareness → consideration)', reason: 'a, b; c\\d\nnext line' },
    { index: 2, offset_hours: 30, stage: 'consideration', channel: 'paid_search', content_type: 'case_study', source: 'own', title: 'Own case study via paid search — ünïcödé '.repeat(4), reason: 'long '.repeat(40) },
  ],
};

/** Unfolds (§3.1) and splits into content lines. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
}

test('every line ends with CRLF, is at most 75 octets, and continuation lines start with a space', () => {
  const ics = scenarioToIcs(scenario, { name: 'Plan', uidPrefix: 'v3-p1' });
  assert.ok(ics.endsWith('\r\n'));
  assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/);
  for (const line of ics.split('\r\n').slice(0, -1)) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, line);
  assert.ok(ics.split('\r\n').some((l) => l.startsWith(' ')), 'long lines are folded');
});

test('folding never splits a UTF-8 sequence and unfolding restores the line', () => {
  const line = `SUMMARY:${'é€😀'.repeat(30)}`;
  const folded = foldLine(line);
  for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part, 'utf8') <= 75 && !part.includes('\uFFFD'));
  assert.equal(folded.replace(/\r\n /g, ''), line);
});

test('structure: one calendar, one event per plan item, required properties, unique UIDs, stamps from the data', () => {
  const lines = unfold(scenarioToIcs(scenario, { name: 'Plan', uidPrefix: 'v3-p1' }));
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines[lines.length - 1], 'END:VCALENDAR');
  assert.ok(lines.includes('VERSION:2.0') && lines.some((l) => l.startsWith('PRODID:')));
  let depth = 0;
  const events: string[][] = [];
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') {
      depth++;
      events.push([]);
    } else if (l === 'END:VEVENT') depth--;
    else if (depth === 1) events[events.length - 1]?.push(l);
    assert.ok(depth === 0 || depth === 1);
    assert.match(l, /^[A-Z-]+[:;]/);
  }
  assert.equal(events.length, 2);
  for (const e of events) for (const p of ['UID:', 'DTSTAMP:', 'DTSTART:', 'DTEND:', 'SUMMARY:']) assert.equal(e.filter((l) => l.startsWith(p)).length, 1, p);
  const uids = events.map((e) => e.find((l) => l.startsWith('UID:')));
  assert.equal(new Set(uids).size, 2);
  assert.ok(events.every((e) => e.includes('DTSTAMP:20250630T213825Z')));
  assert.ok(events[0]?.includes('DTSTART:20250701T090000Z') && events[1]?.includes('DTSTART:20250702T150000Z'));
  assert.ok(events[0]?.some((l) => l.startsWith('DESCRIPTION:a\\, b\\; c\\\\d\\nnext line')));
});

test('the same scenario gives the same bytes (no wall clock)', () => {
  const a = scenarioToIcs(scenario, { name: 'Plan', uidPrefix: 'v3-p1' });
  const b = scenarioToIcs(structuredClone(scenario), { name: 'Plan', uidPrefix: 'v3-p1' });
  assert.equal(a, b);
});

test('text escaping and basic-format dates', () => {
  assert.equal(escapeText('a,b;c\\d\r\ne'), 'a\\,b\\;c\\\\d\\ne');
  assert.equal(icsDate(Date.UTC(2025, 0, 2, 3, 4, 5)), '20250102T030405Z');
});
