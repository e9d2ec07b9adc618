// `archetype demo [DIR]`: generates a fictional company's data, makes a workspace from it and runs the whole job.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readdirSync } from 'node:fs';
import { initWorkspace, openWorkspace } from '../../../workspace/workspace.js';
import { ingestFiles } from '../../../ingest/ingest.js';
import { problem } from '../../../shared/problems.js';
import { printJson, progress, table, type GlobalOptions } from '../output.js';
import { printIngestReport } from './ingest.js';

export function registerDemo(program: Command, globals: () => GlobalOptions): void {
  program
    .command('demo')
    .argument('[dir]', 'folder for the demo workspace', 'archetype-demo')
    .option('--customers <n>', 'number of customers', '5000')
    .option('--seed <n>', 'random seed', '42')
    .option('--variant <v>', 'b2c or b2b', 'b2c')
    .description('make a workspace from generated sample data and run the whole job')
    .action(async (dir: string, o: { customers: string; seed: string; variant: string }) => {
      const g = globals();
      const customers = Number(o.customers);
      const seed = Number(o.seed);
      if (!Number.isInteger(customers) || customers < 100) throw problem('usage/invalid', { message: '--customers must be an integer ≥ 100' });
      if (!Number.isInteger(seed)) throw problem('usage/invalid', { message: '--seed must be an integer' });
      if (o.variant !== 'b2c' && o.variant !== 'b2b') throw problem('usage/invalid', { message: '--variant must be b2c or b2b' });
      const abs = resolve(dir);
      if (existsSync(join(abs, 'archetype.yaml'))) throw problem('workspace/exists', { dir: abs });
      const { generateDemo } = await import('../../../demo/generate.js');
      const bar = progress(g.json);
      const log = (s: string): void => void (g.json ? undefined : process.stderr.write(s + '\n'));
      log(`Generating ${customers.toLocaleString('en-US')} customers (seed ${seed}, ${o.variant}) into ${join(abs, 'exports')}`);
      const manifest = await generateDemo({
        dir: join(abs, 'exports'), customers, seed, variant: o.variant,
        onProgress: (done, total, phase) => bar.update(done, total, `generate ${phase}`),
      });
      bar.stop();
      initWorkspace(abs, { name: 'demo' });
      const ws = await openWorkspace(abs);
      try {
        const files = readdirSync(join(abs, 'exports')).filter((f) => f.endsWith('.csv')).map((f) => join(abs, 'exports', f));
        const ingestBar = progress(g.json);
        const report = await ingestFiles(ws.engine, files, { config: ws.config, onProgress: (p) => ingestBar.update(p.index, p.total, `${p.phase}${p.file ? ` ${p.file}` : ''}`) });
        ingestBar.stop();
        if (!g.json) printIngestReport(report);
        const { buildVersion } = await import('../../../repository/build-version.js');
        const buildBar = progress(g.json);
        const built = await buildVersion(ws.engine, { config: ws.config, seed, actor: 'archetype demo', onProgress: (s, d, t) => buildBar.update(d, t, `build: ${s}`) });
        buildBar.stop();
        if (g.json)
          printJson({ workspace: abs, seed: manifest.seed, files: report.files, version: built.version, personas: built.personas.map((p) => ({ id: p.id, name: p.name, size: p.size, negative: p.negative })) });
        else {
          process.stdout.write(`\nBuilt persona set version ${built.version} from ${built.report.customers.toLocaleString('en-US')} customers (k=${built.report.k}):\n\n`);
          process.stdout.write(table(built.personas.map((p) => [p.id, p.name, p.size.toLocaleString('en-US'), `${Math.round(p.share_of_revenue * 100)}%`, p.negative ? 'negative' : '']), ['id', 'persona', 'customers', 'revenue', '']) + '\n');
          process.stdout.write(`\nDemo workspace ready: ${abs}\nNext: cd ${dir} && npx archetype show ${built.personas[0]?.id ?? 'p1'}   (or: personas, status, export --format md --out cards)\n`);
        }
      } finally {
        await ws.engine.close();
      }
    });
}
