// The CSV/TSV reader: quoting, line ends, blank lines, gzip, and line numbers of good and broken records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RowProblem } from './lead-encoder.js';
import { readDelimited } from './read-delimited.js';

const dir = mkdtempSync(join(tmpdir(), 'archetype-csv-'));

async function read(text: string | Buffer, name = 'f.csv', batch = 2): Promise<{ header: string[]; rows: [number, string[]][]; rejects: RowProblem[]; records: number }> {
  const path = join(dir, name);
  writeFileSync(path, text);
  let header: string[] = [];
  const rows: [number, string[]][] = [];
  const rejects: RowProblem[] = [];
  const r = await readDelimited(path, name.includes('.tsv') ? '\t' : ',', {
    header: (h) => (header = h),
    rows: (b) => b.rows.forEach((f, i) => rows.push([b.lines[i] as number, f])),
    reject: (p) => rejects.push(p),
  }, batch);
  return { header, rows, rejects, records: r.records };
}

test('plain rows, CRLF, BOM and blank lines: records keep their physical line', async () => {
  const r = await read('\uFEFFlead_id,age\r\nl1,30\r\n\r\nl2,41\r\nl3,\r\n');
  assert.deepEqual(r.header, ['lead_id', 'age']);
  assert.deepEqual(r.rows, [[2, ['l1', '30']], [4, ['l2', '41']], [5, ['l3', '']]]);
  assert.equal(r.records, 3);
});

test('quoted fields with commas, doubled quotes and line breaks; the next record starts on its own line', async () => {
  const r = await read('lead_id,note,age\nl1,"a, b",30\nl2,"say ""hi""",31\nl3,"two\nlines",32\nl4,x,33\n');
  assert.deepEqual(r.rows, [
    [2, ['l1', 'a, b', '30']],
    [3, ['l2', 'say "hi"', '31']],
    [4, ['l3', 'two\nlines', '32']],
    [6, ['l4', 'x', '33']],
  ]);
});

test('broken records are rejected with their line and reason, the others read on', async () => {
  const r = await read('lead_id,age\nl1,30\nl2,31,extra\nl3,"40"x\nl4,44\nl5,"never closed\n');
  assert.deepEqual(r.rows.map((x) => x[0]), [2, 5]);
  assert.deepEqual(r.rejects.map((p) => [p.line, p.code]), [[3, 'ragged-line'], [4, 'bad-quoting'], [6, 'bad-quoting']]);
  assert.match(r.rejects[0]?.message ?? '', /expected 2 fields, found 3/);
  assert.equal(r.records, 5);
});

test('a quoted record split across read chunks and a gzip file read alike', async () => {
  const long = 'x'.repeat(3 << 20);
  const r = await read(`lead_id,note\nl1,"${long}"\nl2,y\n`);
  assert.deepEqual(r.rows.map((x) => [x[0], x[1][0], x[1][1]?.length]), [[2, 'l1', long.length], [3, 'l2', 1]]);
  const z = await read(gzipSync('lead_id\tage\nl1\t30\n'), 'f.tsv.gz');
  assert.deepEqual(z.rows, [[2, ['l1', '30']]]);
});

test('invalid UTF-8 is a rejected line, not mojibake', async () => {
  const r = await read(Buffer.concat([Buffer.from('lead_id,city\nl1,'), Buffer.from([0xff, 0xfe]), Buffer.from('\nl2,Köln\n')]));
  assert.deepEqual(r.rejects.map((p) => [p.line, p.code]), [[2, 'invalid-utf8']]);
  assert.deepEqual(r.rows, [[3, ['l2', 'Köln']]]);
});

test('a file split at record boundaries reads back the same records with the same lines', async () => {
  const { splitDelimited } = await import('./read-delimited.js');
  const rows = ['lead_id,note'];
  for (let i = 0; i < 400; i++) rows.push(i % 7 === 3 ? `l${i},"multi\nline, ""quoted"""` : i % 11 === 0 ? '' : `l${i},n${i}`);
  const path = join(dir, 'split.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  const whole = await read(readFileSync(path), 'split.csv', 64);
  for (const parts of [2, 3, 5]) {
    const ranges = await splitDelimited(path, ',', parts, 0);
    assert.ok(ranges && ranges.length === parts);
    const got: [number, string[]][] = [];
    for (const r of ranges) {
      await readDelimited(path, ',', { header: () => undefined, reject: () => assert.fail('no rejects'), rows: (b) => b.rows.forEach((f, i) => got.push([b.lines[i] as number, f])) }, 64, r);
    }
    assert.deepEqual(got, whole.rows);
  }
});
