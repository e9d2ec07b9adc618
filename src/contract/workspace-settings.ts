// The workspace settings an admin may change while the workspace is in use (privacy minimum, refresh policy, drift and duplicate thresholds), as zod schemas cut from the workspace config.
import { z } from 'zod';
import { workspaceConfigSchema, type WorkspaceConfig } from './workspace-config.js';

const cfg = workspaceConfigSchema.shape;
const privacy = cfg.privacy.unwrap().shape;
const journeys = cfg.journeys.unwrap().shape;
const repository = cfg.repository.unwrap().shape;

/**
 * A change of settings: any of these, nothing else. The engine, mappings, views and server limits stay in archetype.yaml:
 * they change what a running server or the stored data mean, so they are edited there and take effect on restart.
 */
export const settingsPatchSchema = z
  .object({
    privacy: z.object({ minimum_group_size: privacy.minimum_group_size.unwrap().max(1_000_000), allow_quotes: privacy.allow_quotes.unwrap() }).partial().strict().optional(),
    refresh_policy_days: cfg.refresh_policy_days.unwrap().max(36_500).optional(),
    journeys: z.object({ window_days: journeys.window_days.unwrap().max(36_500) }).partial().strict().optional(),
    repository: z
      .object({
        drift_threshold: repository.drift_threshold.unwrap(),
        share_change_threshold: repository.share_change_threshold.unwrap().max(1),
        defining_traits: repository.defining_traits.unwrap().max(100),
        similarity_threshold: repository.similarity_threshold.unwrap(),
        interview_target: repository.interview_target.unwrap().max(10_000),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export interface Settings {
  privacy: { minimum_group_size: number; allow_quotes: boolean };
  refresh_policy_days: number;
  journeys: { window_days: number };
  repository: { drift_threshold: number; share_change_threshold: number; defining_traits: number; similarity_threshold: number; interview_target: number };
}

/** The changeable settings of a config, every one with its current (or default) value. */
export function settingsOf(c: WorkspaceConfig): Settings {
  const r = c.repository;
  return {
    privacy: { minimum_group_size: c.privacy.minimum_group_size, allow_quotes: c.privacy.allow_quotes },
    refresh_policy_days: c.refresh_policy_days,
    journeys: { window_days: c.journeys.window_days },
    repository: {
      drift_threshold: r.drift_threshold, share_change_threshold: r.share_change_threshold, defining_traits: r.defining_traits,
      similarity_threshold: r.similarity_threshold, interview_target: r.interview_target,
    },
  };
}

/** The dotted paths and values a patch sets, e.g. [['privacy', 'minimum_group_size'], 25]. */
export function patchEntries(p: SettingsPatch): [string[], number | boolean][] {
  const out: [string[], number | boolean][] = [];
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if (typeof v !== 'object') out.push([[k], v]);
    else for (const [k2, v2] of Object.entries(v)) if (v2 !== undefined) out.push([[k, k2], v2 as number | boolean]);
  }
  return out;
}
