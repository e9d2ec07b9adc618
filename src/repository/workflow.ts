// The review workflow of persona-set versions: draft → in_review → approved → published → archived (or rejected), each step audited.
import type { Engine } from '../engine/engine.js';
import { updateRows } from '../engine/table-ops.js';
import { problem } from '../shared/problems.js';
import { ensureVersionTables, type VersionStatus } from './version-store.js';
import { appendAudit } from './audit-log.js';
import type { Clock } from './clock.js';
import { debugPause } from './debug-pause.js';

export type WorkflowAction = 'submit' | 'approve' | 'reject' | 'publish' | 'archive';

/** Which statuses each action starts from and where it leads. Approving or rejecting a draft opens and closes its review at once. */
const TRANSITIONS: Record<WorkflowAction, { from: readonly VersionStatus[]; to: VersionStatus }> = {
  submit: { from: ['draft', 'rejected'], to: 'in_review' },
  approve: { from: ['draft', 'in_review'], to: 'approved' },
  reject: { from: ['draft', 'in_review', 'approved'], to: 'rejected' },
  publish: { from: ['approved'], to: 'published' },
  archive: { from: ['published', 'approved', 'draft', 'in_review', 'rejected'], to: 'archived' },
};

const HINTS: Record<WorkflowAction, string> = {
  submit: 'Only drafts and rejected versions can be sent for review.',
  approve: 'Only drafts and versions in review can be approved.',
  reject: 'Only drafts, versions in review and approved versions can be rejected.',
  publish: 'Approve it first: `archetype review <version> --approve --by NAME`.',
  archive: 'It is archived already.',
};

export interface TransitionResult {
  version: number;
  from: VersionStatus;
  to: VersionStatus;
  /** publish: the version that was published before and is now archived */
  archived: number[];
}

async function statusOf(engine: Engine, version: number): Promise<VersionStatus> {
  const r = await engine.all<{ status: VersionStatus }>(`SELECT status FROM _versions WHERE version = $v`, { v: version });
  if (!r[0]) throw problem('build/no-personas', { message: `no persona-set version ${version} (see \`archetype versions\`)` });
  return r[0].status;
}

/** A version of hand-made personas whose claims the data contradicted (report.contradicted, per persona) is not approved. */
async function refuseContradicted(engine: Engine, version: number): Promise<void> {
  const r = await engine.all<{ report: string }>(`SELECT report FROM _versions WHERE version = $v`, { v: version });
  const counts = (JSON.parse(r[0]?.report ?? '{}') as { contradicted?: Record<string, number> } | null)?.contradicted ?? {};
  const ids = Object.keys(counts).filter((id) => (counts[id] ?? 0) > 0);
  if (ids.length) throw problem('persona/contradicted', { persona: ids.join(', '), count: ids.reduce((n, id) => n + (counts[id] ?? 0), 0) });
}

/** Moves a version along the workflow in one transaction with its audit entries. */
export async function transition(
  engine: Engine,
  clock: Clock,
  version: number,
  action: WorkflowAction,
  by: string,
  comment?: string,
): Promise<TransitionResult> {
  await ensureVersionTables(engine);
  return engine.transaction(async () => {
    const from = await statusOf(engine, version);
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(from)) throw problem('repository/invalid-transition', { version, status: from, action, hint: HINTS[action] });
    if (action === 'approve') await refuseContradicted(engine, version);
    const archived: number[] = [];
    if (action === 'publish') {
      const prev = await engine.all<{ version: number }>(`SELECT version FROM _versions WHERE status = 'published' AND version <> $v ORDER BY version`, { v: version });
      for (const p of prev) {
        const v = Number(p.version);
        await updateRows(engine, '_versions', { status: `'archived'` }, 'version = $v', { v });
        await appendAudit(engine, clock, { actor: by, action: 'archive', version: v, detail: { from: 'published', to: 'archived', because: `version ${version} was published` } });
        archived.push(v);
      }
    }
    await updateRows(engine, '_versions', { status: '$s' }, 'version = $v', { s: rule.to, v: version });
    await appendAudit(engine, clock, { actor: by, action, version, detail: { from, to: rule.to, ...(comment ? { comment } : {}) } });
    await debugPause('workflow-commit');
    return { version, from, to: rule.to, archived };
  });
}

/** The published version, if any. */
export async function publishedVersion(engine: Engine): Promise<number | null> {
  await ensureVersionTables(engine);
  const r = await engine.all<{ v: number | null }>(`SELECT max(version) AS v FROM _versions WHERE status = 'published'`);
  return r[0]?.v === null || r[0]?.v === undefined ? null : Number(r[0].v);
}
