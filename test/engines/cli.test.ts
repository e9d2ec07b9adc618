// The CLI unchanged on ClickHouse: `init --engine clickhouse://…`, ingest, build, show, journey and serve against a real
// server process (skipped with the reason only when no server can start).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../src/demo/generate.js';
import { spawn } from 'node:child_process';
import { cli, cliJson, ROOT } from '../repository/helpers.js';
import { startClickHouse, type ClickHouseServer } from './clickhouse-server.js';

const BIN = join(ROOT, 'bin', 'archetype.js');

describe('archetype CLI on a ClickHouse server', () => {
  const root = mkdtempSync(join(tmpdir(), 'archetype-ch-cli-'));
  let server: ClickHouseServer | null = null;
  let skip: string | false = false;
  const ws = join(root, 'big');

  before(async () => {
    const s = await startClickHouse();
    if ('skip' in s) {
      skip = `ClickHouse server could not start: ${s.skip}`;
      console.log(`# ${skip}`);
      return;
    }
    server = s;
    await generateDemo({ dir: join(root, 'exports'), customers: 700, seed: 3, variant: 'b2c' });
  });
  after(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('init, ingest, build, show, journey and serve run unchanged', { timeout: 600_000 }, async (t) => {
    if (skip || !server) return t.skip(skip || 'no server');
    const spec = `${server.url.replace('http://', 'clickhouse://')}/cli_${process.pid}`;
    const init = await cli(root, ['init', 'big', '--engine', spec]);
    assert.equal(init.code, 0, init.stderr);
    assert.match(readFileSync(join(ws, 'archetype.yaml'), 'utf8'), new RegExp(`engine: ${spec.replace(/[/.]/g, '\\$&')}`));

    const files = readdirSync(join(root, 'exports')).filter((f) => f.endsWith('.csv')).map((f) => join(root, 'exports', f));
    const ingest = await cliJson<{ files: { entity: string; rows: number; ingested: number; quarantined: number; duplicates: number }[] }>(ws, ['ingest', ...files]);
    assert.ok(ingest.files.length >= 5);
    for (const f of ingest.files) assert.equal(f.rows, f.ingested + f.quarantined + f.duplicates, `${f.entity}: counts add up`);
    const customers = ingest.files.find((f) => f.entity === 'customers');
    assert.equal(customers?.ingested, 700);

    const built = await cliJson<{ version: number; personas: { id: string; size: number; negative: boolean }[] }>(ws, ['build']);
    assert.equal(built.version, 1);
    assert.ok(built.personas.length >= 3);
    const assigned = built.personas.reduce((n, p) => n + p.size, 0);
    assert.ok(assigned <= 700 && assigned >= 600, `personas cover the customers (${assigned})`);

    const show = await cli(ws, ['show', 'p1']);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /persona p1 · version 1 \(draft\)/);
    const journey = await cliJson<{ funnel: { stage: string; customers: number }[] }>(ws, ['journey', 'p1']);
    assert.deepEqual(journey.funnel.map((s) => s.stage), ['awareness', 'consideration', 'decision', 'retention', 'advocacy']);

    const serve = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--json'], { cwd: ws, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${text}`)), 60_000);
        serve.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          const m = /"url":\s*"([^"]+)"/.exec(text);
          if (m) {
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        });
        serve.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${text}`)));
      });
      const set = (await (await fetch(`${base}/api/personas`)).json()) as { version: number; personas: { id: string; size: number }[] };
      assert.equal(set.version, 1);
      assert.deepEqual(set.personas.map((p) => [p.id, p.size]), built.personas.map((p) => [p.id, p.size]));
      const page = await fetch(`${base}/`);
      assert.equal(page.status, 200);
    } finally {
      serve.kill('SIGTERM');
    }
  });
});
