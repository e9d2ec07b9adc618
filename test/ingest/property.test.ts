// Property: for random small CSVs mixing good rows, bad values, ragged and blank lines and duplicates, the counts and
// the quarantine (codes and physical lines) match an independent computation, and ingested + quarantined + duplicates = records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceConfigSchema } from '../../src/contract/workspace-config.js';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { listQuarantine } from '../../src/ingest/status.js';

type Kind = 'good' | 'bad-date' | 'bad-number' | 'no-id' | 'too-many' | 'too-few' | 'blank' | 'quoted-comma';
const KINDS: Kind[] = ['good', 'good', 'good', 'bad-date', 'bad-number', 'no-id', 'too-many', 'too-few', 'blank', 'quoted-comma'];

interface Row {
  kind: Kind;
  id: number;
  day: number;
}

function line(r: Row): string {
  const id = `c${r.id}`;
  const date = `2024-03-${String(r.day).padStart(2, '0')}`;
  switch (r.kind) {
    case 'good':
      return `${id},${date},${20 + r.day},DE`;
    case 'bad-date':
      return `${id},2024-02-${30 + (r.day % 2)},30,DE`;
    case 'bad-number':
      return `${id},${date},thirty,DE`;
    case 'no-id':
      return `,${date},30,DE`;
    case 'too-many':
      return `${id},${date},30,DE,extra`;
    case 'too-few':
      return `${id},${date}`;
    case 'blank':
      return '';
    case 'quoted-comma':
      return `${id},${date},31,"Köln, DE"`;
  }
}

/** What the contract says should happen, computed without DuckDB. */
function expected(rows: Row[]): { records: number; ingested: number; duplicates: number; quarantine: string[] } {
  const seen = new Set<number>();
  const quarantine: string[] = [];
  let records = 0;
  let ingested = 0;
  let duplicates = 0;
  rows.forEach((r, i) => {
    const lineNo = i + 2;
    if (r.kind === 'blank') return;
    records++;
    const code = { 'bad-date': 'bad-timestamp', 'bad-number': 'bad-number', 'no-id': 'missing-value', 'too-many': 'ragged-line', 'too-few': 'ragged-line' }[
      r.kind as string
    ];
    if (code) quarantine.push(`${lineNo}:${code}`);
    else if (seen.has(r.id)) duplicates++;
    else {
      seen.add(r.id);
      ingested++;
    }
  });
  return { records, ingested, duplicates, quarantine };
}

test('ingested + quarantined + duplicates = records, matching an independent computation', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'archetype-prop-'));
  const config = workspaceConfigSchema.parse({});
  try {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ kind: fc.constantFrom(...KINDS), id: fc.integer({ min: 1, max: 8 }), day: fc.integer({ min: 1, max: 28 }) }), { minLength: 1, maxLength: 25 }),
        async (rows) => {
          const file = join(dir, `customers-${run++}.csv`);
          writeFileSync(file, 'customer_id,created_at,age,country\n' + rows.map(line).join('\n') + '\n');
          const engine = await DuckDbEngine.open({ path: ':memory:', memoryLimit: '300MB', threads: 2 });
          try {
            const want = expected(rows);
            if (want.records === 0 && rows.every((r) => r.kind === 'blank')) return; // header + blank lines only
            const report = await ingestFiles(engine, [file], { config });
            const f = report.files[0];
            assert.ok(f);
            assert.equal(f.rows, f.ingested + f.quarantined + f.duplicates);
            assert.deepEqual({ rows: f.rows, ingested: f.ingested, duplicates: f.duplicates }, { rows: want.records, ingested: want.ingested, duplicates: want.duplicates });
            const q = (await listQuarantine(engine, { limit: 1000 })).rows.map((r) => `${r.line}:${r.code}`);
            assert.deepEqual(q, want.quarantine);
          } finally {
            await engine.close();
          }
        },
      ),
      { numRuns: 40, seed: 20240229 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
