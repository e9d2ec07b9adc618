// The server's only door to the workspace engine: one engine shared by every request, used one request at a time, opened on demand and closed when idle so the CLI can get in.
import { openWorkspace, type Workspace } from '../../workspace/workspace.js';
import { isProblem } from '../../shared/problems.js';
import { ApiError } from './api-error.js';
import { othersWaiting } from '../../repository/workspace-lock.js';

export interface SessionOptions {
  /** close the engine after this long without a request (default 1500 ms): DuckDB lets one process write the file at a time */
  idleMs?: number;
  /** how long a request waits for another process (a CLI build, an ingest) to release the file before answering 503 (default 5 s) */
  waitMs?: number;
}

/**
 * Another holder of the file, or one closing it at this moment: its write-ahead log vanishes while its last checkpoint
 * runs ("Cannot open file …archetype.duckdb.wal: No such file or directory"); both pass, so the open is tried again.
 */
const LOCK = /Could not set lock on file|Conflicting lock is held|database is locked|Cannot open file "[^"]*\.wal": No such file or directory/i;

/** Who holds the DuckDB file, from the engine's message ("Conflicting lock is held in /usr/bin/node (PID 3217)"). */
function holderOf(message: string): string | null {
  if (!LOCK.test(message)) return null;
  const m = /held in (.+?) \(PID (\d+)\)/.exec(message);
  return m ? `PID ${m[2]}, ${m[1]}` : 'another process';
}

const busy = (holder: string): ApiError =>
  new ApiError(503, 'workspace/busy', `the workspace is in use by ${holder}; try again when it has finished`, { retryAfter: 5 });

/** how often a busy server looks for a CLI waiting for the workspace */
const WAITERS_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class WorkspaceSession {
  private ws: Workspace | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private suspendedBy: string | null = null;
  private closed = false;
  private readonly idleMs: number;
  private readonly waitMs: number;
  /** when yieldToWaiters last looked for waiting processes */
  private waitersChecked = 0;
  /** counts engine opens, so a benchmark or test can see the engine being reused or released */
  opens = 0;

  constructor(
    readonly dir: string,
    opts: SessionOptions = {},
  ) {
    this.idleMs = opts.idleMs ?? 1500;
    this.waitMs = opts.waitMs ?? 5000;
  }

  /** Why the engine is unavailable right now (a build child process holds it), else null. */
  get suspended(): string | null {
    return this.suspendedBy;
  }

  /** Runs fn with the open workspace; calls run one after another on the one connection (transactions stay whole). */
  use<T>(fn: (ws: Workspace) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new ApiError(503, 'server/closing', 'the server is shutting down'));
    if (this.suspendedBy) return Promise.reject(busy(this.suspendedBy));
    this.pending++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const run = this.tail.then(async () => {
      await this.yieldToWaiters();
      return fn(await this.open());
    });
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run.finally(() => {
      this.pending--;
      if (this.pending === 0) this.scheduleIdle();
    });
  }

  /** Closes the engine after the queued requests and refuses new ones until resume(): another process (a build) takes the file. */
  async suspend(reason: string): Promise<void> {
    this.suspendedBy = reason;
    await this.tail;
    await this.release();
  }

  resume(): void {
    this.suspendedBy = null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    await this.release();
  }

  private scheduleIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pending === 0) void this.release();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /**
   * A steady stream of requests never leaves the engine idle: when a CLI says it waits (a marker beside the database),
   * let go between two requests and give it a moment to get in; later requests then wait for it like for any holder.
   */
  private async yieldToWaiters(): Promise<void> {
    if (!this.ws) return;
    // a directory listing per request was ~7% of the server's CPU at 1,000 scoring requests/s: look at most every
    // WAITERS_MS (a waiting CLI retries for seconds, so it gets in all the same)
    const now = Date.now();
    if (now - this.waitersChecked < WAITERS_MS) return;
    this.waitersChecked = now;
    if (othersWaiting(this.dir) === 0) return;
    await this.release();
    for (const until = Date.now() + 3000; othersWaiting(this.dir) > 0 && Date.now() < until; ) await sleep(50);
  }

  private async release(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) await ws.engine.close();
  }

  private async open(): Promise<Workspace> {
    if (this.ws) return this.ws;
    const start = Date.now();
    let delay = 25;
    for (;;) {
      try {
        this.ws = await openWorkspace(this.dir);
        this.opens++;
        return this.ws;
      } catch (e) {
        const holder = isProblem(e) ? holderOf(e.message) : null;
        if (holder === null) throw e;
        const waited = Date.now() - start;
        if (waited >= this.waitMs) throw busy(holder);
        await sleep(Math.min(delay, this.waitMs - waited));
        delay = Math.min(delay * 2, 500);
      }
    }
  }
}
