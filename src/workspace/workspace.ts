// A workspace: a folder with archetype.yaml and data/ (the DuckDB file), found upward like git; opens its engine.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import YAML from 'yaml';
import { workspaceConfigSchema, type WorkspaceConfig } from '../contract/workspace-config.js';
import { problem } from '../shared/problems.js';
import type { Engine } from '../engine/engine.js';
import { openEngine } from '../engine/open-engine.js';

export const CONFIG_FILE = 'archetype.yaml';

export interface Workspace {
  dir: string;
  config: WorkspaceConfig;
  engine: Engine;
}

export function findWorkspaceDir(from: string): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const up = dirname(dir);
    if (up === dir) throw problem('workspace/not-found', { from: resolve(from) });
    dir = up;
  }
}

export function readConfig(dir: string): WorkspaceConfig {
  const file = join(dir, CONFIG_FILE);
  let doc: unknown;
  try {
    doc = YAML.parse(readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw problem('workspace/invalid-config', { file, message: (e as Error).message.split('\n')[0] ?? 'unreadable YAML' });
  }
  const parsed = workspaceConfigSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw problem('workspace/invalid-config', {
      file,
      message: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid configuration',
    });
  }
  return parsed.data;
}

export function writeConfig(dir: string, config: WorkspaceConfig): void {
  const header = '# Archetype workspace configuration (see docs/configuration.md)\n';
  writeFileSync(join(dir, CONFIG_FILE), header + YAML.stringify(config));
}

export function initWorkspace(dir: string, opts: { name?: string; engine?: string } = {}): WorkspaceConfig {
  const abs = resolve(dir);
  if (existsSync(join(abs, CONFIG_FILE))) throw problem('workspace/exists', { dir: abs });
  mkdirSync(join(abs, 'data'), { recursive: true });
  const config = workspaceConfigSchema.parse({
    name: opts.name ?? abs.split(/[\\/]/).pop() ?? 'workspace',
    engine: opts.engine ?? process.env['ARCHETYPE_ENGINE'] ?? 'duckdb',
  });
  writeConfig(abs, config);
  return config;
}

export async function openWorkspace(dir: string): Promise<Workspace> {
  const config = readConfig(dir);
  const engine = await openEngine(config.engine, {
    dataDir: join(dir, 'data'),
    ...(config.memory_limit ? { memoryLimit: config.memory_limit } : {}),
    ...(config.threads ? { threads: config.threads } : {}),
  });
  return { dir, config, engine };
}
