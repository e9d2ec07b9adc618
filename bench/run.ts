// Bench dispatcher: `node --import tsx bench/run.ts <name> [args]` runs the default export of bench/<name>.ts with the args.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2);
const known = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.slice(0, -3));
if (!name || !known.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]   (one of: ${known.join(', ') || 'none'})`);
  process.exit(2);
}
const file = join(here, `${name}.ts`);
if (!existsSync(file)) process.exit(2);
const mod = (await import(pathToFileURL(file).href)) as { default?: (args: string[]) => Promise<number | void> };
if (typeof mod.default !== 'function') {
  console.error(`bench/${name}.ts has no default export`);
  process.exit(2);
}
const code = await mod.default(args);
process.exitCode = typeof code === 'number' ? code : 0;
