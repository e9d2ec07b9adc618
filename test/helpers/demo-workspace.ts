// Test fixture: a real workspace (DuckDB file in a temp folder) made from generated demo data, ingested through the real ingest.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo } from '../../src/demo/generate.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { initWorkspace, openWorkspace, type Workspace } from '../../src/workspace/workspace.js';
import { tempDir } from './temp-dir.js';

export interface DemoWorkspace {
  ws: Workspace;
  dir: string;
  exports: string;
  truth: Map<string, string>;
  personas: { key: string; negative: boolean; themes: string[]; preferred_content_types: { content_type: string; share: number }[]; traits: { trait: string; value?: string; share?: number }[] }[];
}

export async function demoWorkspace(opts: { customers: number; seed?: number; variant?: 'b2c' | 'b2b' }): Promise<DemoWorkspace> {
  const dir = tempDir('archetype-test-');
  const exports = join(dir, 'exports');
  await generateDemo({ dir: exports, customers: opts.customers, seed: opts.seed ?? 7, variant: opts.variant ?? 'b2c' });
  initWorkspace(join(dir, 'ws'));
  const ws = await openWorkspace(join(dir, 'ws'));
  const files = readdirSync(exports).filter((f) => f.endsWith('.csv')).map((f) => join(exports, f));
  await ingestFiles(ws.engine, files, { config: ws.config });
  const truth = new Map<string, string>();
  for (const line of readFileSync(join(exports, 'truth', 'customers.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [id, persona] = line.split(',');
    truth.set(id as string, persona as string);
  }
  const personas = (JSON.parse(readFileSync(join(exports, 'truth', 'personas.json'), 'utf8')) as { personas: DemoWorkspace['personas'] }).personas;
  return { ws, dir: join(dir, 'ws'), exports, truth, personas };
}
