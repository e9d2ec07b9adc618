// `refresh`: rebuild only when the data changed since the latest version's snapshot; then drift since the published version and near-duplicate warnings.
import type { Engine } from '../engine/engine.js';
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import { listVersions, loadVersion } from './version-store.js';
import { takeSnapshot } from './snapshot.js';
import { compareSnapshots, type DataChanges } from './data-changes.js';
import { buildVersion, type BuildResult } from './build-version.js';
import { driftReport, type DriftReport } from './drift.js';
import { duplicatesIn } from './duplicates.js';
import type { NearDuplicate } from './similarity.js';
import type { Clock } from './clock.js';

export interface RefreshOptions {
  clock: Clock;
  /** rebuild even when the data did not change */
  force?: boolean;
  k?: number;
  /** default: the seed of the latest version */
  seed?: number;
  sampleSize?: number;
  onProgress?: (step: string, done: number, total: number) => void;
  /** who refreshes, for the audit entry of the new version */
  actor?: string;
}

export interface RefreshResult {
  /** the version the data was compared with (the latest), if any */
  previous: number | null;
  changes: DataChanges | null;
  rebuilt: boolean;
  build: BuildResult | null;
  drift: DriftReport | null;
  duplicates: NearDuplicate[];
}

export async function refresh(engine: Engine, config: WorkspaceConfig, opts: RefreshOptions): Promise<RefreshResult> {
  const versions = await listVersions(engine);
  const last = versions[versions.length - 1];
  const changes = last ? compareSnapshots(last.snapshot, await takeSnapshot(engine, null)) : null;
  if (last && changes && !changes.changed && !opts.force) return { previous: last.version, changes, rebuilt: false, build: null, drift: null, duplicates: [] };
  const seed = opts.seed ?? (last ? last.seed : undefined);
  const build = await buildVersion(engine, {
    config,
    clock: opts.clock,
    ...(opts.actor !== undefined ? { actor: opts.actor } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(opts.k !== undefined ? { k: opts.k } : {}),
    ...(opts.sampleSize !== undefined ? { sampleSize: opts.sampleSize } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const drift = last ? await driftReport(engine, config, { clock: opts.clock, current: build.version }) : null;
  const duplicates = await duplicatesIn(engine, config, await loadVersion(engine, build.version));
  return { previous: last?.version ?? null, changes, rebuilt: true, build, drift, duplicates };
}
