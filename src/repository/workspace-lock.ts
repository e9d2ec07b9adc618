// Opening a workspace another process holds: DuckDB allows one writing process per file, so wait and retry with backoff, then fail clearly.
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

export async function openWorkspaceWaiting(dir: string, opts: WaitOptions = {}): Promise<Workspace> {
  const envTimeout = Number(process.env['ARCHETYPE_LOCK_TIMEOUT']);
  const timeoutMs = opts.timeoutMs ?? (Number.isFinite(envTimeout) && envTimeout > 0 ? envTimeout * 1000 : readConfig(dir).repository.lock_timeout_seconds * 1000);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = Date.now();
  let delay = 50;
  let told = false;
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
        told = true;
      }
      // exponential backoff with jitter, capped at 2 s, never past the deadline
      await sleep(Math.min(delay * (0.75 + Math.random() / 2), 2000, Math.max(10, timeoutMs - waited)));
      delay = Math.min(delay * 2, 2000);
    }
  }
}

/** Finds the workspace from a folder (like git) and opens it, waiting while another process holds it. */
export async function openNearestWorkspace(from: string, opts: WaitOptions = {}): Promise<Workspace> {
  return openWorkspaceWaiting(findWorkspaceDir(from), opts);
}
