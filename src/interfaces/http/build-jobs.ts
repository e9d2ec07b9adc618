// Builds triggered over HTTP run as a child `archetype build` (the CPU-heavy fit never blocks the server); progress comes from its progress lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkspaceSession } from './workspace-session.js';
import { ApiError } from './api-error.js';
import { appendAudit } from '../../repository/audit-log.js';
import { clockFromEnv } from '../../repository/clock.js';

export interface BuildJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  started_at: string;
  finished_at: string | null;
  step: string;
  done: number;
  total: number;
  version: number | null;
  error: string | null;
}

export interface BuildParams {
  k?: number | undefined;
  seed?: number | undefined;
  sample?: number | undefined;
}

const CLI = fileURLToPath(new URL('../../../bin/archetype.js', import.meta.url));

export class BuildJobs {
  private readonly jobs = new Map<string, BuildJob>();
  private running: BuildJob | null = null;
  private child: ChildProcess | null = null;
  private count = 0;

  constructor(
    private readonly session: WorkspaceSession,
    private readonly onFinished: () => void,
  ) {}

  list(): BuildJob[] {
    return [...this.jobs.values()].reverse();
  }

  get(id: string): BuildJob | undefined {
    return this.jobs.get(id);
  }

  get current(): BuildJob | null {
    return this.running;
  }

  async start(p: BuildParams, actor: string): Promise<BuildJob> {
    if (this.running) throw new ApiError(409, 'build/running', `build ${this.running.id} is still running (${this.running.step}); wait for it to finish`);

    const job: BuildJob = {
      id: `b${++this.count}`, state: 'running', started_at: new Date().toISOString(), finished_at: null, step: 'waiting for the workspace',
      done: 0, total: 1, version: null, error: null,
    };
    this.running = job;
    try {
      // the build request is a write like any other: audited with who asked, before the child takes the workspace
      await this.session.use((ws) =>
        appendAudit(ws.engine, clockFromEnv(), { actor, action: 'build', version: null, detail: { job: job.id, ...(p.k !== undefined ? { k: p.k } : {}), ...(p.seed !== undefined ? { seed: p.seed } : {}) } }),
      );
    } catch (e) {
      this.running = null;
      throw e;
    }
    this.jobs.set(job.id, job);
    // the child needs the DuckDB file: close ours after the queued requests and refuse new ones until it exits
    await this.session.suspend(`a build (job ${job.id}) started from the web app`);
    // the child's own audit entry of the version it makes names the same actor
    const args = [CLI, 'build', '-w', this.session.dir, `--by=${actor}`];
    if (p.k !== undefined) args.push('--k', String(p.k));
    if (p.seed !== undefined) args.push('--seed', String(p.seed));
    if (p.sample !== undefined) args.push('--sample', String(p.sample));
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    this.child = child;
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      // non-TTY progress lines: "[3/7] segments"
      for (const m of d.toString().matchAll(/^\[(\d+)\/(\d+)\] (.+)$/gm)) {
        job.done = Number(m[1]);
        job.total = Number(m[2]);
        job.step = m[3] ?? job.step;
      }
    });
    child.on('close', (code) => {
      job.finished_at = new Date().toISOString();
      const built = /Built version (\d+)/.exec(out);
      if (code === 0 && built) {
        job.state = 'done';
        job.version = Number(built[1]);
        job.step = 'done';
        job.done = job.total;
      } else {
        job.state = 'failed';
        job.error = (err.split('\n').filter((l) => l.startsWith('archetype:')).pop() ?? `build exited with code ${code}`).replace(/^archetype: /, '');
      }
      this.running = null;
      this.child = null;
      this.session.resume();
      this.onFinished();
    });
    return job;
  }

  /** Server shutdown: stops a running build (a build killed midway leaves no half-written version) and waits for it to exit. */
  async settle(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('close', () => r()));
      child.kill('SIGTERM');
      await exited;
    }
  }
}
