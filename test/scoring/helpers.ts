// Test helpers for lead scoring: a generated company (with leads) ingested and built in a real DuckDB workspace, its truth, CLI runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../../src/demo/generate.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { buildVersion } from '../../src/repository/build-version.js';
import { initWorkspace, openWorkspace, type Workspace } from '../../src/workspace/workspace.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface LeadTruth {
  persona: string;
  qualified: boolean;
  stage: string;
}

export interface ScoringCompany {
  /** workspace folder (archetype.yaml + data/) */
  dir: string;
  exports: string;
  leadsFile: string;
  version: number;
  /** lead id → planted persona (or none), qualified, furthest stage */
  leads: Map<string, LeadTruth>;
  /** built persona id → planted persona holding most of its customers */
  planted: Map<string, string>;
  open(): Promise<Workspace>;
  close(): void;
}

function csvRows(file: string): string[][] {
  return readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
}

/** Generates a company with leads, ingests every file (leads and their events too) and builds a persona set. */
export async function scoringCompany(opts: { customers: number; leads: number; seed: number; variant?: 'b2c' | 'b2b'; ingestLeads?: boolean }): Promise<ScoringCompany> {
  const root = mkdtempSync(join(tmpdir(), 'archetype-scoring-'));
  const exports = join(root, 'exports');
  await generateDemo({ dir: exports, customers: opts.customers, leads: opts.leads, seed: opts.seed, variant: opts.variant ?? 'b2c' });
  const dir = join(root, 'ws');
  initWorkspace(dir, { name: 'scoring-test', engine: 'duckdb' });
  const ws = await openWorkspace(dir);
  let version: number;
  const planted = new Map<string, string>();
  try {
    const files = readdirSync(exports).filter((f) => f.endsWith('.csv') && (opts.ingestLeads !== false || f !== 'leads.csv')).map((f) => join(exports, f));
    await ingestFiles(ws.engine, files, { config: ws.config });
    version = (await buildVersion(ws.engine, { config: ws.config, seed: opts.seed })).version;
    const truth = new Map(csvRows(join(exports, 'truth', 'customers.csv')).map((r) => [r[0] as string, r[1] as string]));
    const votes = new Map<string, Map<string, number>>();
    const rows = await ws.engine.all<{ customer_id: string; persona_id: string }>(
      `SELECT customer_id, persona_id FROM _assignments WHERE version = $v AND persona_id IS NOT NULL`, { v: version });
    for (const r of rows) {
      const m = votes.get(r.persona_id) ?? new Map<string, number>();
      const p = truth.get(r.customer_id) ?? '?';
      m.set(p, (m.get(p) ?? 0) + 1);
      votes.set(r.persona_id, m);
    }
    for (const [id, m] of votes) planted.set(id, [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '?');
  } finally {
    await ws.engine.close();
  }
  const leads = new Map(csvRows(join(exports, 'truth', 'leads.csv')).map((r) => [r[0] as string, { persona: r[1] as string, qualified: r[2] === 'true', stage: r[3] as string }]));
  return {
    dir, exports, leadsFile: join(exports, 'leads.csv'), version, leads, planted,
    open: () => openWorkspace(dir),
    close: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `archetype` command in a child process. */
export function cli(args: string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'archetype.js'), ...args], { cwd, encoding: 'utf8', timeout: 180_000, maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
