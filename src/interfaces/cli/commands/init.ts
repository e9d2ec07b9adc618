// `archetype init DIR`: a new workspace folder with archetype.yaml and data/.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { initWorkspace } from '../../../workspace/workspace.js';
import { printJson, type GlobalOptions } from '../output.js';

export function registerInit(program: Command, globals: () => GlobalOptions): void {
  program
    .command('init')
    .argument('[dir]', 'folder for the workspace', '.')
    .option('--engine <spec>', 'duckdb (default, embedded) or clickhouse://host:port/db')
    .description('create a workspace: archetype.yaml + data/ (DuckDB file)')
    .action((dir: string, o: { engine?: string }) => {
      const config = initWorkspace(dir, o.engine ? { engine: o.engine } : {});
      const abs = resolve(dir);
      if (globals().json) printJson({ workspace: abs, engine: config.engine });
      else process.stdout.write(`Created workspace ${abs} (engine: ${config.engine})\nNext: archetype ingest <files…> -w ${dir}\n`);
    });
}
