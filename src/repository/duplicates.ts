// Near-duplicate personas of a stored version, with the workspace's threshold (used after build, refresh and review).
import type { Engine } from '../engine/engine.js';
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import type { VersionRecord } from './version-store.js';
import { loadProfiles } from './persona-profiles.js';
import { nearDuplicates, type NearDuplicate } from './similarity.js';

export async function duplicatesIn(engine: Engine, config: WorkspaceConfig, v: VersionRecord): Promise<NearDuplicate[]> {
  const profiles = await loadProfiles(engine, v.version);
  return nearDuplicates(v.personas, profiles, config.repository.similarity_threshold, v.k, config.repository.defining_traits);
}
