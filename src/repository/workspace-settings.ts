// Changes workspace settings in archetype.yaml (comments and the rest of the file kept), with an audit entry of each value's old and new value.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import type { Engine } from '../engine/engine.js';
import { workspaceConfigSchema, type WorkspaceConfig } from '../contract/workspace-config.js';
import { patchEntries, settingsOf, type Settings, type SettingsPatch } from '../contract/workspace-settings.js';
import { problem } from '../shared/problems.js';
import { CONFIG_FILE, readConfig } from '../workspace/workspace.js';
import { appendAudit } from './audit-log.js';
import type { Clock } from './clock.js';

export interface SettingChange {
  setting: string;
  from: number | boolean;
  to: number | boolean;
}

export interface SettingsResult {
  settings: Settings;
  changed: SettingChange[];
  config: WorkspaceConfig;
  audit_id: number | null;
}

/**
 * Applies a (validated) patch: the audit entry is written in a transaction that the file write closes, so a failed
 * write leaves no entry; the file is replaced by rename, so a reader never sees half of it. Values already set are no change.
 */
export async function changeSettings(engine: Engine, dir: string, patch: SettingsPatch, opts: { clock: Clock; actor: string }): Promise<SettingsResult> {
  const file = join(dir, CONFIG_FILE);
  const before = readConfig(dir);
  const now = settingsOf(before) as unknown as Record<string, unknown>;
  const doc = YAML.parseDocument(readFileSync(file, 'utf8'));
  const changed: SettingChange[] = [];
  for (const [path, to] of patchEntries(patch)) {
    const from = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], now) as number | boolean;
    if (from === to) continue;
    changed.push({ setting: path.join('.'), from, to });
    doc.setIn(path, to);
  }
  if (!changed.length) return { settings: settingsOf(before), changed, config: before, audit_id: null };
  const parsed = workspaceConfigSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw problem('usage/invalid', { message: `${issue?.path.join('.') ?? 'settings'}: ${issue?.message ?? 'invalid'}` });
  }
  const audit_id = await engine.transaction(async () => {
    const id = await appendAudit(engine, opts.clock, { actor: opts.actor, action: 'settings', version: null, detail: { changed } });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, doc.toString());
    renameSync(tmp, file);
    return id;
  });
  return { settings: settingsOf(parsed.data), changed, config: parsed.data, audit_id };
}
