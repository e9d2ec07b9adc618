// CLI and server on one workspace at once, real processes: while `archetype serve` answers a steady stream of requests, CLI ingests, comments, reviews, builds and erasures all succeed; no "database is locked", no 5xx, nothing corrupted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../../src/workspace/workspace.js';
import { startServe, type ServerProcess } from '../helpers/serve.js';
import { builtDemo, cli } from '../repository/helpers.js';

const LOCKED = /database is locked|Could not set lock|Conflicting lock/i;

describe('CLI and server on one workspace at once', () => {
  let dir: string;
  let server: ServerProcess;
  let customer: string;

  before(async () => {
    const demo = await builtDemo({ customers: 800, k: 4 });
    customer = String((await demo.ws.engine.all<{ c: string }>(`SELECT customer_id AS c FROM customers ORDER BY customer_id LIMIT 1`))[0]?.c);
    await demo.ws.engine.close();
    dir = demo.dir;
    server = await startServe(dir);
  });
  after(async () => server?.stop());

  it('a steady stream of API reads and writes while the CLI ingests, comments, reviews, builds and forgets', { timeout: 600_000 }, async () => {
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let stop = false;
    const hit = async (path: string, init?: RequestInit): Promise<void> => {
      const res = await fetch(`${server.url}${path}`, init);
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500 && !(res.status === 503 && /workspace\/busy/.test(text) && res.headers.get('retry-after')))
        failures.push(`${init?.method ?? 'GET'} ${path} → ${res.status} ${text.slice(0, 200)}`);
      if (LOCKED.test(text)) failures.push(`${path}: ${text.slice(0, 200)}`);
    };
    const reads = ['/api/personas', '/api/status', '/api/versions', '/api/journeys/all', '/api/quarantine', '/api/personas/p1', '/api/audit'];
    // three clients, each a request every ~150 ms, for as long as the CLI works
    const clients = [0, 1, 2].map(async (k) => {
      for (let i = k; !stop; i++) {
        const path = reads[i % reads.length] as string;
        if (i % 11 === 5)
          await hit('/api/personas/p1/comments', { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ field: 'goals', author: `web${k}`, text: `from the web ${i}` }) });
        else await hit(path);
        await new Promise((r) => setTimeout(r, 150));
      }
    });

    const env = { ARCHETYPE_LOCK_TIMEOUT: '120' };
    const file = join(dir, 'feedback-more.csv');
    writeFileSync(file, `feedback_id,text,customer_id\nfm-1,Great boots and quick delivery,${customer}\nfm-2,,${customer}\nfm-3,Returned the tent,nobody\n`);
    const steps: [string, string[]][] = [
      ['ingest', ['ingest', file, '--json']],
      ['comment', ['comment', 'p1', '--field', 'goals', '--by', 'sam', 'written from the CLI']],
      ['review', ['review', '1', '--approve', '--by', 'ana']],
      ['publish', ['publish', '1', '--by', 'ana']],
      ['build', ['build', '--k', '4']],
      ['forget', ['forget', customer, '--by', 'dpo']],
      ['status', ['status', '--json']],
    ];
    const results: string[] = [];
    try {
      for (const [name, args] of steps) {
        const t0 = Date.now();
        const r = await cli(dir, args, env);
        results.push(`${name} ${r.code} ${Date.now() - t0} ms`);
        assert.equal(r.code, 0, `${name}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, LOCKED, name);
        if (name === 'ingest') {
          const f = (JSON.parse(r.stdout) as { files: { rows: number; ingested: number; quarantined: number; duplicates: number }[] }).files[0];
          assert.deepEqual(f && [f.rows, f.ingested, f.quarantined, f.duplicates], [3, 1, 2, 0]);
        }
      }
    } finally {
      stop = true;
      await Promise.all(clients);
      console.log(`# cli and server: ${results.join('; ')}; HTTP statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    }
    assert.deepEqual(failures, []);
    assert.ok((statuses.get(200) ?? 0) > 20, 'the server kept answering');

    // the server still works, and the file is whole: every version has its assignments, the erased customer is gone
    const res = await fetch(`${server.url}/api/versions`);
    assert.equal(res.status, 200);
    await server.stop();
    const ws = await openWorkspace(dir);
    try {
      const v = await ws.engine.all<{ version: number; status: string }>(`SELECT version, status FROM _versions ORDER BY 1`);
      assert.deepEqual(v.map((x) => [x.version, x.status]), [[1, 'published'], [2, 'draft']]);
      const a = await ws.engine.all<{ version: number; n: number }>(`SELECT version, count(*) AS n FROM _assignments GROUP BY 1 ORDER BY 1`);
      assert.deepEqual(a.map((x) => [x.version, x.n]), [[1, 799], [2, 799]], 'assignments of both versions, less the erased customer');
      const gone = await ws.engine.all<{ n: number }>(`SELECT count(*) AS n FROM customers WHERE customer_id = $c`, { c: customer });
      assert.equal(Number(gone[0]?.n), 0);
      const comments = await ws.engine.all<{ author: string }>(`SELECT author FROM _comments`);
      assert.ok(comments.some((c) => c.author === 'sam'));
    } finally {
      await ws.engine.close();
    }
  });
});
