// Recovery of the planted personas through the whole product path (generate → ingest → features SQL → fit → SQL assignment)
// at several seeds and sizes, against the Adjusted Rand Index bar of the persona issue (≥ 0.9 at 10k and 100k customers).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildVersion } from '../../src/repository/build-version.js';
import { adjustedRandIndex } from '../../src/analysis/segments/ari.js';
import { demoWorkspace } from '../helpers/demo-workspace.js';

async function recovery(customers: number, seed: number, variant: 'b2c' | 'b2b' = 'b2c', k?: number): Promise<{ ari: number; k: number }> {
  const demo = await demoWorkspace({ customers, seed, variant });
  try {
    const built = await buildVersion(demo.ws.engine, { config: demo.ws.config, seed: 42, ...(k !== undefined ? { k } : {}) });
    const rows = await demo.ws.engine.all<{ customer_id: string; segment: number }>(`SELECT customer_id, segment FROM _assignments WHERE version = $v`, { v: built.version });
    const names = new Map<string, number>();
    const truth = Int32Array.from(rows, (r) => {
      const p = demo.truth.get(r.customer_id) ?? '?';
      return names.get(p) ?? (names.set(p, names.size), names.size - 1);
    });
    const ari = adjustedRandIndex(Int32Array.from(rows, (r) => Number(r.segment)), truth);
    console.log(`recovery ${variant} ${customers.toLocaleString('en-US')} customers, data seed ${seed}: ARI ${ari.toFixed(3)}, k=${built.report.k}${k !== undefined ? ' (given)' : ` (${built.report.chosen_because})`}`);
    return { ari, k: built.report.k };
  } finally {
    await demo.ws.engine.close();
  }
}

describe('recovery of planted personas (ARI ≥ 0.9)', { concurrency: 1 }, () => {
  it('b2c, 10k customers, seed 3', async () => assert.ok((await recovery(10_000, 3)).ari >= 0.9));
  // b2b seed 4 once chose k=4 (ARI ≈ 0.74) and was tested at a given k=5; the choice of k now finds the planted 5
  it('b2b, 10k contacts, seed 4, k chosen', async () => {
    const r = await recovery(10_000, 4, 'b2b');
    assert.equal(r.k, 5);
    assert.ok(r.ari >= 0.9);
  });
  it('b2c, 100k customers, seed 42', async () => assert.ok((await recovery(100_000, 42)).ari >= 0.9));
});
