// Test fixture for the HTTP and browser suites: a demo workspace, ingested (with a dirty file so the quarantine has rows) and built, engine closed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { buildVersion } from '../../src/repository/build-version.js';
import { demoWorkspace } from './demo-workspace.js';
import { readConfig, writeConfig } from '../../src/workspace/workspace.js';

export interface WebWorkspace {
  /** the workspace folder (holds archetype.yaml) */
  dir: string;
  /** the generated files (leads.csv for scoring) */
  exports: string;
  /** raw text of a quarantined row that carries HTML, to check it is shown as text */
  hostileRaw: string;
}

export const HOSTILE = '<img src=x onerror=window.__pwned=1>';

export async function webWorkspace(opts: { customers?: number; seed?: number } = {}): Promise<WebWorkspace> {
  const demo = await demoWorkspace({ customers: opts.customers ?? 1500, seed: opts.seed ?? 5 });
  try {
    const dirty = join(demo.exports, 'orders_dirty.csv');
    writeFileSync(
      dirty,
      [
        'order_id,customer_id,ordered_at,amount,currency,status',
        'x1,c1,not-a-date,10,EUR,completed',
        `x2,c2,2024-01-02T10:00:00Z,${HOSTILE},EUR,completed`,
        'x3,nobody,2024-01-02T10:00:00Z,12,EUR,completed',
      ].join('\n') + '\n',
    );
    await ingestFiles(demo.ws.engine, [dirty], { config: demo.ws.config });
    await buildVersion(demo.ws.engine, { config: demo.ws.config, seed: 42 });
  } finally {
    await demo.ws.engine.close();
  }
  writeConfig(demo.dir, { ...readConfig(demo.dir), name: 'Demo outdoor shop' });
  return { dir: demo.dir, exports: demo.exports, hostileRaw: HOSTILE };
}
