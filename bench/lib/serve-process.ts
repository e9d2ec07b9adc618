// Benchmarks' shared pieces: `archetype serve` as its own process on 127.0.0.1, and a workspace made ready for one client's load.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stop: () => void;
}

/** Starts `archetype serve --port 0` on the workspace; resolves with its URL once it prints it. */
export async function startServe(workspace: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(root, 'bin/archetype.js'), 'serve', '--port', '0', '--json', '-w', workspace], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":\s*"([^"]+)"/.exec(out);
      if (m) res(m[1] as string);
    });
    child.once('exit', (code) => rej(new Error(`serve exited with ${code}`)));
  });
  return { url, child, stop: () => child.kill('SIGTERM') };
}

/** One client sends all the load: the per-client scoring rate limit (server.limits.score_rate) is turned off in archetype.yaml. */
export function scoringRateLimitOff(workspace: string): void {
  const file = join(workspace, 'archetype.yaml');
  const config = (YAML.parse(readFileSync(file, 'utf8')) ?? {}) as { server?: { limits?: Record<string, unknown> } };
  config.server = { ...config.server, limits: { ...config.server?.limits, score_rate: 0 } };
  writeFileSync(file, YAML.stringify(config));
}
