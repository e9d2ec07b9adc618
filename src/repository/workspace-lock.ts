// Opening a workspace another process holds: DuckDB allows one writing process per file, so wait and retry with backoff, then fail clearly.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceDir, openWorkspace, readConfig, type Workspace } from '../workspace/workspace.js';
import { isProblem, problem } from '../shared/problems.js';

export interface WaitOptions {
  /** give up after this long (default: repository.lock_timeout_seconds, or ARCHETYPE_LOCK_TIMEOUT seconds) */
  timeoutMs?: number;
  /** called once when waiting starts, with who holds the workspace */
  onWait?: (holder: string) => void;
  /** injected for tests; default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

const LOCK = /Could not set lock on file|Conflicting lock is held|database is locked/i;

/** Who holds the lock, from DuckDB's message ("Conflicting lock is held in /usr/bin/node (PID 3217)"). */
export function lockHolder(message: string): string | null {
  if (!LOCK.test(message)) return null;
  const m = /held in (.+?) \(PID (\d+)\)/.exec(message);
  return m ? `PID ${m[2]}, ${m[1]}` : 'another process';
}

const WAITING = '.waiting-';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Says, by a marker file beside the database, that this process waits for the workspace: a server holding it through a
 * steady stream of requests (never idle) lets go for it. Returns the function that withdraws the marker.
 */
export function announceWaiting(dir: string): () => void {
  const marker = join(dir, 'data', `${WAITING}${process.pid}`);
  try {
    writeFileSync(marker, '');
  } catch {
    return () => undefined;
  }
  const withdraw = (): void => rmSync(marker, { force: true });
  process.once('exit', withdraw);
  return () => {
    process.off('exit', withdraw);
    withdraw();
  };
}

/** Other live processes waiting for the workspace (markers of dead ones are removed). */
export function othersWaiting(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(join(dir, 'data')).filter((n) => n.startsWith(WAITING));
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names) {
    const pid = Number(name.slice(WAITING.length));
    if (pid === process.pid) continue;
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) n++;
    else rmSync(join(dir, 'data', name), { force: true });
  }
  return n;
}

export async function openWorkspaceWaiting(dir: string, opts: WaitOptions = {}): Promise<Workspace> {
  const envTimeout = Number(process.env['ARCHETYPE_LOCK_TIMEOUT']);
  const timeoutMs = opts.timeoutMs ?? (Number.isFinite(envTimeout) && envTimeout > 0 ? envTimeout * 1000 : readConfig(dir).repository.lock_timeout_seconds * 1000);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = Date.now();
  let delay = 50;
  let told = false;
  let withdraw: (() => void) | null = null;
  try {
    for (;;) {
      try {
        return await openWorkspace(dir);
      } catch (e) {
        const holder = isProblem(e) ? lockHolder(e.message) : null;
        if (holder === null) throw e;
        const waited = Date.now() - start;
        if (waited >= timeoutMs) throw problem('workspace/locked', { dir, seconds: Math.round(waited / 1000), holder });
        if (!told) {
          opts.onWait?.(holder);
          withdraw = announceWaiting(dir);
          told = true;
        }
        // exponential backoff with jitter, capped at 1 s (a server yields for a few seconds), never past the deadline
        await sleep(Math.min(delay * (0.75 + Math.random() / 2), 1000, Math.max(10, timeoutMs - waited)));
        delay = Math.min(delay * 2, 1000);
      }
    }
  } finally {
    withdraw?.();
  }
}

/** Finds the workspace from a folder (like git) and opens it, waiting while another process holds it. */
export async function openNearestWorkspace(from: string, opts: WaitOptions = {}): Promise<Workspace> {
  return openWorkspaceWaiting(findWorkspaceDir(from), opts);
}
