// What the pages read, through the session, with built versions cached in memory: a version's personas and report never change once built.
import { listVersions, loadJourneys, loadVersion, type VersionRecord } from '../../repository/version-store.js';
import type { JourneySet } from '../../analysis/journeys/journey-types.js';
import type { Persona } from '../../analysis/personas/persona-types.js';
import type { WorkspaceConfig } from '../../contract/workspace-config.js';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, readConfig } from '../../workspace/workspace.js';
import { problem } from '../../shared/problems.js';
import type { WorkspaceSession } from './workspace-session.js';
import type { Workspace } from '../../workspace/workspace.js';
import { ApiError } from './api-error.js';
import { listQuarantine, workspaceStatus, type QuarantinedRow, type WorkspaceStatus } from '../../ingest/status.js';
import type { Engine } from '../../engine/engine.js';

export type VersionListing = Awaited<ReturnType<typeof listVersions>>;

export class WorkspaceReads {
  private readonly records = new Map<string, VersionRecord>();
  private readonly journeySets = new Map<string, JourneySet | null>();
  private listing: VersionListing | null = null;
  /** the engine open (session.opens) the listing was read on: while the server holds the workspace open no other process can write it */
  private listingOpen = -1;
  /** answers read once per engine open and change of this server (see memo) */
  private memos = new Map<string, unknown>();
  private memoOpen = -1;
  /** archetype.yaml as parsed, with the file's identity when read */
  private config: { stamp: string; value: WorkspaceConfig } | null = null;

  /** ingest status and quarantine pages, valid while no ingest has happened since (see ingestMark) */
  private ingestCache: { mark: string; status: WorkspaceStatus | null; pages: Map<string, { total: number; rows: QuarantinedRow[] }> } | null = null;

  constructor(readonly session: WorkspaceSession) {}

  /** Changes with every ingest (the only way rows or quarantined rows change): one small query instead of counting every table. */
  private async ingestMark(engine: Engine): Promise<string | null> {
    try {
      const r = await engine.all<{ n: number; last: string | null }>(`SELECT count(*) AS n, max(finished_at) AS last FROM _ingests`);
      return `${r[0]?.n ?? 0}@${r[0]?.last ?? ''}`;
    } catch {
      return null; // no ingest tables yet: workspaceStatus creates them
    }
  }

  private async ingestCacheFor(engine: Engine): Promise<NonNullable<WorkspaceReads['ingestCache']>> {
    const mark = await this.ingestMark(engine);
    if (mark === null || this.ingestCache?.mark !== mark) this.ingestCache = { mark: mark ?? '', status: null, pages: new Map() };
    return this.ingestCache;
  }

  /** Rows, quarantined rows, files, last ingest and date ranges per entity (counted once per ingest). */
  async status(): Promise<WorkspaceStatus> {
    return this.session.use(async (ws) => {
      const cache = await this.ingestCacheFor(ws.engine);
      cache.status ??= await workspaceStatus(ws.engine);
      return cache.status;
    });
  }

  async quarantine(opts: { entity?: string; limit: number; offset: number }): Promise<{ total: number; rows: QuarantinedRow[] }> {
    return this.session.use(async (ws) => {
      const cache = await this.ingestCacheFor(ws.engine);
      const key = `${opts.entity ?? ''}|${opts.limit}|${opts.offset}`;
      let page = cache.pages.get(key);
      if (!page) {
        page = await listQuarantine(ws.engine, opts);
        if (cache.pages.size >= 32) cache.pages.delete(cache.pages.keys().next().value as string);
        cache.pages.set(key, page);
      }
      return page;
    });
  }

  /** Every version with its status. While a build or another process holds the workspace, the last listing read. */
  async versions(): Promise<VersionListing> {
    if (this.session.suspended && this.listing) return this.listing;
    try {
      return await this.session.use(async (ws) => {
        // read once per engine open: changes by this server call invalidate(), changes by another process need the
        // workspace, which the server only lets go by closing the engine (the next open reads again)
        if (this.listing && this.listingOpen === this.session.opens) return this.listing;
        this.listing = await listVersions(ws.engine);
        this.listingOpen = this.session.opens;
        return this.listing;
      });
    } catch (e) {
      // another process (a CLI build or ingest) holds the workspace: pages go on from the last listing read
      if (e instanceof ApiError && e.code === 'workspace/busy' && this.listing) return this.listing;
      throw e;
    }
  }

  /** archetype.yaml, read again whenever the file changed, so edited views show without a restart. */
  async workspaceConfig(): Promise<WorkspaceConfig> {
    const file = join(this.session.dir, CONFIG_FILE);
    let stamp = '';
    try {
      const st = statSync(file);
      stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      // missing: readConfig says so
    }
    // a copy: no caller can change the cached one
    if (stamp && this.config?.stamp === stamp) return structuredClone(this.config.value);
    const value = readConfig(this.session.dir);
    this.config = stamp ? { stamp, value: structuredClone(value) } : null;
    return value;
  }

  /** The given version, else the published one, else the latest (as loadVersion); its status is the current one. */
  async version(version?: number): Promise<VersionRecord> {
    const list = await this.versions();
    const pick =
      version !== undefined
        ? list.find((v) => v.version === version)
        : [...list].sort((a, b) => Number(b.status === 'published') - Number(a.status === 'published') || b.version - a.version)[0];
    if (!pick) {
      throw problem('build/no-personas', { message: version !== undefined ? `no persona-set version ${version}` : 'no persona set yet: run `archetype build`' });
    }
    const key = `${pick.version}@${pick.created_at}`;
    let record = this.records.get(key);
    if (!record) {
      record = await this.session.use((ws) => loadVersion(ws.engine, pick.version));
      // a handful of versions is all the pages look at; keep memory bounded on long-running servers
      if (this.records.size >= 8) this.records.delete(this.records.keys().next().value as string);
      this.records.set(key, record);
    }
    return { ...record, status: pick.status };
  }

  async persona(id: string, version?: number): Promise<{ version: VersionRecord; persona: Persona }> {
    const v = await this.version(version);
    const p = v.personas.find((x) => x.id === id || x.name.toLowerCase() === id.toLowerCase());
    if (!p) throw problem('persona/not-found', { id, known: v.personas.map((x) => x.id) });
    return { version: v, persona: p };
  }

  /** The journey maps stored with a version (null: built before journeys existed), cached like the version. */
  async journeys(version?: number): Promise<{ version: VersionRecord; set: JourneySet | null }> {
    const v = await this.version(version);
    const key = `${v.version}@${v.created_at}`;
    if (!this.journeySets.has(key)) {
      const set = await this.session.use((ws) => loadJourneys(ws.engine, v.version));
      if (this.journeySets.size >= 4) this.journeySets.delete(this.journeySets.keys().next().value as string);
      this.journeySets.set(key, set);
    }
    return { version: v, set: this.journeySets.get(key) ?? null };
  }

  /**
   * A read kept until this server changes something (every non-GET API request ends with invalidate()) or the engine
   * is opened again (another process may have written meanwhile). For reads that take several queries per request:
   * the versions overview, a persona's comments and change requests.
   */
  async memo<T>(key: string, read: (ws: Workspace) => Promise<T>): Promise<T> {
    return this.session.use(async (ws) => {
      if (this.memoOpen !== this.session.opens) {
        this.memos.clear();
        this.memoOpen = this.session.opens;
      }
      if (this.memos.has(key)) return this.memos.get(key) as T;
      const value = await read(ws);
      if (this.memos.size >= 256) this.memos.delete(this.memos.keys().next().value as string);
      this.memos.set(key, value);
      return value;
    });
  }

  /** Drops cached listings after a change (a build, a review action) so the next read sees it. */
  invalidate(): void {
    this.listing = null;
    this.config = null;
    this.memos.clear();
  }

  /**
   * After any write request: drops the memos (comments, overview) but keeps the version listing, which pages fall back
   * on while a build holds the workspace (builds and review actions call invalidate()).
   */
  changed(): void {
    this.memos.clear();
  }
}
