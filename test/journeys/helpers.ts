// Test helpers for journey suites: a generated company ingested into a real DuckDB workspace, its planted truth as a table, CLI runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../../src/demo/generate.js';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { initWorkspace } from '../../src/workspace/workspace.js';
import { workspaceConfigSchema } from '../../src/contract/workspace-config.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Truth {
  stages: string[];
  all: Record<string, number>;
  personas: Record<string, Record<string, number>>;
  planted: { key: string; preferred_channels: Record<string, { channel: string; share: number }>; loops: { path: string[]; probability: number; planted: boolean }[] }[];
}

export interface Company {
  dir: string;
  /** workspace folder (archetype.yaml + data/) */
  workspace: string;
  engine: DuckDbEngine;
  truth: Truth;
  close(): Promise<void>;
}

/** Generates `customers` customers, makes a workspace, ingests every file and loads truth/customers.csv as table `truth`. */
export async function generatedCompany(opts: { customers: number; seed: number; variant?: 'b2c' | 'b2b' }): Promise<Company> {
  const dir = mkdtempSync(join(tmpdir(), 'archetype-journeys-'));
  const exports = join(dir, 'exports');
  const manifest = await generateDemo({ dir: exports, customers: opts.customers, seed: opts.seed, variant: opts.variant ?? 'b2c' });
  const workspace = join(dir, 'ws');
  initWorkspace(workspace, { name: 'journeys-test', engine: 'duckdb' });
  const engine = await DuckDbEngine.open({ path: join(workspace, 'data', 'archetype.duckdb'), memoryLimit: '1GB', threads: 2 });
  const files = readdirSync(exports).filter((f) => f.endsWith('.csv')).map((f) => join(exports, f));
  await ingestFiles(engine, files, { config: workspaceConfigSchema.parse({}) });
  await engine.exec(
    `CREATE TABLE truth AS SELECT customer_id, persona FROM read_csv('${join(manifest.truthDir, 'customers.csv').replace(/'/g, "''")}', all_varchar = true)`,
  );
  const funnel = JSON.parse(readFileSync(join(manifest.truthDir, 'funnel.json'), 'utf8')) as Omit<Truth, 'planted'>;
  const personas = JSON.parse(readFileSync(join(manifest.truthDir, 'personas.json'), 'utf8')) as { personas: Truth['planted'] };
  return {
    dir, workspace, engine,
    truth: { stages: funnel.stages, all: funnel.all, personas: funnel.personas, planted: personas.personas },
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `archetype` command in a child process. */
export function cli(args: string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'archetype.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
