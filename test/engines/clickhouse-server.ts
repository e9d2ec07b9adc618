// Starts real ClickHouse server processes for tests (config from ci/clickhouse/, own temp folder and ports, loopback only).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONFIG_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'ci', 'clickhouse');
export const TEST_CLUSTER = 'archetype_two_shards';

export interface ClickHouseServer {
  /** http://127.0.0.1:PORT */
  url: string;
  tcpPort: number;
  stop(): Promise<void>;
}

/** The server binary, or why there is none. */
export function clickhouseBinary(): { path: string } | { missing: string } {
  for (const p of ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server']) if (existsSync(p)) return { path: p };
  const which = spawnSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return found ? { path: found } : { missing: 'clickhouse-server is not installed (apt-get install clickhouse-server)' };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function ready(url: string, child: ChildProcess, ms: number): Promise<string | null> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) return `clickhouse-server exited with code ${child.exitCode}`;
    try {
      const r = await fetch(`${url}/ping`);
      if (r.ok) return null;
    } catch {
      // not listening yet
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  return `clickhouse-server did not answer on ${url} within ${ms / 1000} s`;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

interface Ports {
  http: number;
  tcp: number;
  interserver: number;
}

async function launch(binary: string, ports: Ports, shards: [number, number]): Promise<ClickHouseServer | { skip: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'archetype-clickhouse-'));
  mkdirSync(join(dir, 'data'), { recursive: true });
  const fill = (text: string): string =>
    text
      .replaceAll('{{DIR}}', dir)
      .replaceAll('{{HTTP_PORT}}', String(ports.http))
      .replaceAll('{{TCP_PORT}}', String(ports.tcp))
      .replaceAll('{{INTERSERVER_PORT}}', String(ports.interserver))
      .replaceAll('{{SHARD1_TCP}}', String(shards[0]))
      .replaceAll('{{SHARD2_TCP}}', String(shards[1]));
  writeFileSync(join(dir, 'config.xml'), fill(readFileSync(join(CONFIG_DIR, 'config.xml'), 'utf8')));
  writeFileSync(join(dir, 'users.xml'), fill(readFileSync(join(CONFIG_DIR, 'users.xml'), 'utf8')));
  const child = spawn(binary, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
  running.add(child);
  const url = `http://127.0.0.1:${ports.http}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const problem = await ready(url, child, 30_000);
  if (problem) {
    const log = existsSync(join(dir, 'server.err.log')) ? readFileSync(join(dir, 'server.err.log'), 'utf8').split('\n').slice(-3).join(' ') : '';
    await stop();
    return { skip: `${problem}${log ? `: ${log}` : ''}` };
  }
  return { url, tcpPort: ports.tcp, stop };
}

async function ports(): Promise<Ports> {
  return { http: await freePort(), tcp: await freePort(), interserver: await freePort() };
}

/**
 * One server for a test file: `ARCHETYPE_TEST_CLICKHOUSE=http://host:port` uses a running one (never stopped here);
 * otherwise a fresh process. `{ skip }` says why no server could start.
 */
export async function startClickHouse(): Promise<ClickHouseServer | { skip: string }> {
  const given = process.env['ARCHETYPE_TEST_CLICKHOUSE'];
  if (given) return { url: given.replace(/\/+$/, ''), tcpPort: 0, stop: async () => undefined };
  const bin = clickhouseBinary();
  if ('missing' in bin) return { skip: bin.missing };
  return withFreshPorts(async () => {
    const p = await ports();
    return launch(bin.path, p, [p.tcp, p.tcp]);
  });
}

/**
 * A port found free can be taken by another test process before the server binds it ("Address already in use"):
 * try again with new ports, up to three times.
 */
async function withFreshPorts<T extends object>(start: () => Promise<T | { skip: string }>): Promise<T | { skip: string }> {
  let last: T | { skip: string } = { skip: 'not started' };
  for (let attempt = 0; attempt < 3; attempt++) {
    last = await start();
    if (!('skip' in last) || !/Address already in use/i.test(last.skip)) return last;
  }
  return last;
}

/** Two server processes, one shard each of the cluster `archetype_two_shards` (both know the cluster). */
export async function startTwoShards(): Promise<[ClickHouseServer, ClickHouseServer] | { skip: string }> {
  const bin = clickhouseBinary();
  if ('missing' in bin) return { skip: bin.missing };
  return withFreshPorts(async (): Promise<[ClickHouseServer, ClickHouseServer] | { skip: string }> => {
    const a = await ports();
    const b = await ports();
    const first = await launch(bin.path, a, [a.tcp, b.tcp]);
    if ('skip' in first) return first;
    const second = await launch(bin.path, b, [a.tcp, b.tcp]);
    if ('skip' in second) {
      await first.stop();
      return second;
    }
    return [first, second];
  });
}

/** Which engines the shared suites run on: `ENGINES=duckdb,clickhouse` (default: both; ClickHouse skipped with a reason when it cannot start). */
export function enginesUnderTest(): string[] {
  const env = process.env['ENGINES'];
  return env ? env.split(',').map((e) => e.trim()).filter(Boolean) : ['duckdb', 'clickhouse'];
}
