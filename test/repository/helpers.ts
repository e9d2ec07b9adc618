// Test helpers for the repository: a built demo workspace (real DuckDB file) and the real CLI run as child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVersion } from '../../src/repository/build-version.js';
import { demoWorkspace, type DemoWorkspace } from '../helpers/demo-workspace.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'archetype.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  /** resolves when stderr or stdout has printed a line matching `re` */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  done: Promise<CliResult>;
}

/** Starts `archetype ARGS` in `cwd` (a workspace) with extra environment variables. */
export function startCli(cwd: string, args: string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) if (w.re.test(stderr) || w.re.test(stdout)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout?.on('data', (d: Buffer) => ((stdout += d.toString()), check()));
  child.stderr?.on('data', (d: Buffer) => ((stderr += d.toString()), check()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    child,
    done,
    waitFor: (re, timeoutMs = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} (stderr: ${stderr.slice(-500)})`)), timeoutMs);
        waiters.push({ re, resolve: () => (clearTimeout(timer), resolve()) });
        void done.then(() => {
          check();
          if (waiters.some((w) => w.re === re)) reject(new Error(`process ended before ${re}: ${stderr.slice(-500)}`));
        });
        check();
      }),
  };
}

export async function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(cwd, args, env).done;
}

/** The JSON a command printed with --json (fails the test with the command's stderr when it did not succeed). */
export async function cliJson<T>(cwd: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  const r = await cli(cwd, [...args, '--json'], env);
  if (r.code !== 0) throw new Error(`archetype ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** A demo workspace (2k customers by default) with one built version; its engine stays open for library tests. */
export async function builtDemo(opts: { customers?: number; seed?: number; k?: number } = {}): Promise<DemoWorkspace> {
  const demo = await demoWorkspace({ customers: opts.customers ?? 2000, seed: opts.seed ?? 7 });
  await buildVersion(demo.ws.engine, { config: demo.ws.config, seed: 42, k: opts.k ?? 5 });
  return demo;
}
