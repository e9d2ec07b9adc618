// `archetype versions | diff | refresh | drift | review | publish | audit`: the persona repository's versions and review workflow.
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { problem } from '../../../shared/problems.js';
import { clockFromEnv } from '../../../repository/clock.js';
import { versionsOverview } from '../../../repository/versions-overview.js';
import { defaultPair, diffVersions } from '../../../repository/version-diff.js';
import { driftReport, flagged } from '../../../repository/drift.js';
import { transition, type WorkflowAction } from '../../../repository/workflow.js';
import { listAudit } from '../../../repository/audit-log.js';
import { subjectHash } from '../../../repository/forget.js';
import { listComments } from '../../../repository/comments.js';
import { loadVersion } from '../../../repository/version-store.js';
import { duplicatesIn } from '../../../repository/duplicates.js';
import type { Workspace } from '../../../workspace/workspace.js';
import { withWorkspace } from '../context.js';
import { printJson, progress, table, type GlobalOptions } from '../output.js';
import { renderDataChanges, renderDiff, renderDrift, renderDuplicates, renderVersions } from './governance-text.js';

export function intArg(v: string | undefined, name: string, min = 1): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw problem('usage/invalid', { message: `${name} must be an integer ≥ ${min}` });
  return n;
}

/** Who acts: --by, else ARCHETYPE_USER, else the login name. */
export function actor(by: string | undefined): string {
  const who = (by ?? process.env['ARCHETYPE_USER'] ?? userInfo().username).trim();
  if (!who) throw problem('usage/invalid', { message: '--by NAME is required' });
  return who;
}

/** Warns on stderr about near-duplicate personas of a version, each with a merge proposal. */
export async function warnNearDuplicates(ws: Workspace, version: number): Promise<void> {
  const dups = await duplicatesIn(ws.engine, ws.config, await loadVersion(ws.engine, version));
  if (dups.length) process.stderr.write(renderDuplicates(dups, ws.config.repository.similarity_threshold));
}

export function registerGovernance(program: Command, globals: () => GlobalOptions): void {
  program
    .command('versions')
    .description('persona-set versions: when, data snapshot, status, last workflow step')
    .action(async () => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const vs = await versionsOverview(ws.engine);
        if (g.json) return printJson({ versions: vs });
        process.stdout.write(renderVersions(vs));
      });
    });

  program
    .command('diff')
    .argument('[v1]', 'older version (default: the published one, else the one before v2)')
    .argument('[v2]', 'newer version (default: the latest)')
    .option('--all', 'list small numeric changes too')
    .description('personas new / gone / merged / split; field changes with old and new evidence')
    .action(async (a: string | undefined, b: string | undefined, o: { all?: boolean }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const [from, to] = await defaultPair(ws.engine, intArg(a, 'v1'), intArg(b, 'v2'));
        const d = await diffVersions(ws.engine, from, to);
        if (g.json) return printJson(d);
        process.stdout.write(renderDiff(d, o.all === true));
      });
    });

  program
    .command('refresh')
    .option('--k <n>', 'number of segments (default: chosen automatically)')
    .option('--seed <n>', 'random seed (default: the latest version\'s)')
    .option('--sample <n>', 'customers sampled for fitting')
    .option('--force', 'rebuild even when the data did not change')
    .option('--by <name>', 'who rebuilds, for the audit log (default: ARCHETYPE_USER, else the login name)')
    .description('rebuild when the data changed since the latest version (ingest first): a new draft, with drift since the published version')
    .action(async (o: { k?: string; seed?: string; sample?: string; force?: boolean; by?: string }) => {
      const g = globals();
      const k = intArg(o.k, '--k', 2);
      const seed = intArg(o.seed, '--seed', 0);
      const sampleSize = intArg(o.sample, '--sample', 100);
      await withWorkspace(g, async (ws) => {
        const { refresh } = await import('../../../repository/refresh.js');
        const bar = progress(g.json);
        const r = await refresh(ws.engine, ws.config, {
          actor: actor(o.by),
          clock: clockFromEnv(), force: o.force === true, ...(k !== undefined ? { k } : {}), ...(seed !== undefined ? { seed } : {}),
          ...(sampleSize !== undefined ? { sampleSize } : {}), onProgress: (s, d, t) => bar.update(d, t, `build: ${s}`),
        });
        bar.stop();
        if (g.json)
          return printJson({
            rebuilt: r.rebuilt, previous: r.previous, data: r.changes, version: r.build?.version ?? null,
            personas: r.build?.personas.map((p) => ({ id: p.id, name: p.name, size: p.size, negative: p.negative })) ?? [], drift: r.drift, near_duplicates: r.duplicates,
          });
        if (!r.rebuilt) {
          process.stdout.write(`Nothing changed since version ${r.previous} (same rows and checksums in every entity): no rebuild. Use --force to rebuild anyway.\n`);
          return;
        }
        if (r.changes) process.stdout.write(`Data changed since version ${r.previous}: ${renderDataChanges(r.changes)}\n`);
        const b = r.build;
        if (b) {
          process.stdout.write(`Built draft version ${b.version}: ${b.personas.length} personas from ${b.report.customers.toLocaleString('en-US')} customers (k=${b.report.k})\n\n`);
          process.stdout.write(table(b.personas.map((p) => [p.id, p.name, p.size.toLocaleString('en-US'), `${Math.round(p.share_of_customers * 100)}%`, p.negative ? 'negative' : '']), ['id', 'name', 'size', 'share', '']) + '\n\n');
        }
        if (r.drift) process.stdout.write(renderDrift(r.drift));
        if (r.duplicates.length) process.stdout.write('\n' + renderDuplicates(r.duplicates, ws.config.repository.similarity_threshold));
        if (b) process.stdout.write(`\nNext: \`archetype diff\` to see what changed, then \`archetype review ${b.version} --approve --by NAME\` and \`archetype publish ${b.version}\`.\n`);
      });
    });

  program
    .command('drift')
    .option('--version <n>', 'version to check (default: the latest)')
    .option('--against <n>', 'reference version (default: the published one)')
    .option('--fail-on-flag', 'exit with 1 when a persona is flagged (for scheduled checks)')
    .description('PSI of each persona\'s defining traits and share changes since the published version; stale and drifted personas flagged')
    .action(async (o: { version?: string; against?: string; failOnFlag?: boolean }) => {
      const g = globals();
      const current = intArg(o.version, '--version');
      const reference = intArg(o.against, '--against');
      const report = await withWorkspace(g, async (ws) => {
        const r = await driftReport(ws.engine, ws.config, { clock: clockFromEnv(), ...(current !== undefined ? { current } : {}), ...(reference !== undefined ? { reference } : {}) });
        if (g.json) printJson(r);
        else process.stdout.write(renderDrift(r));
        return r;
      });
      if (o.failOnFlag && flagged(report).length) throw problem('repository/flagged', { count: flagged(report).length });
    });

  program
    .command('review')
    .argument('<version>', 'persona-set version')
    .option('--submit', 'send a draft for review (draft → in review)')
    .option('--approve', 'approve (in review or draft → approved)')
    .option('--reject', 'reject (→ rejected; --submit sends it back for review)')
    .option('--by <name>', 'who reviews (required)')
    .option('--comment <text>', 'a note kept in the audit log')
    .description('review a version: --submit | --approve | --reject, --by NAME [--comment TEXT]')
    .action(async (v: string, o: { submit?: boolean; approve?: boolean; reject?: boolean; by?: string; comment?: string }) => {
      const g = globals();
      const version = intArg(v, 'version') as number;
      const actions = (['submit', 'approve', 'reject'] as const).filter((a) => o[a]);
      if (actions.length !== 1) throw problem('usage/invalid', { message: 'give exactly one of --submit, --approve, --reject' });
      if (!o.by?.trim()) throw problem('usage/invalid', { message: 'review needs --by NAME' });
      await withWorkspace(g, async (ws) => {
        const r = await transition(ws.engine, clockFromEnv(), version, actions[0] as WorkflowAction, o.by!.trim(), o.comment);
        const dups = r.to === 'approved' || r.to === 'in_review' ? await duplicatesIn(ws.engine, ws.config, await loadVersion(ws.engine, version)) : [];
        const open = (await listComments(ws.engine, { version, open: true })).length;
        if (g.json) return printJson({ ...r, by: o.by, near_duplicates: dups, open_requests: open });
        process.stdout.write(`Version ${version}: ${r.from.replace('_', ' ')} → ${r.to.replace('_', ' ')} (by ${o.by})\n`);
        if (dups.length) process.stderr.write(renderDuplicates(dups, ws.config.repository.similarity_threshold));
        if (open) process.stderr.write(`note: ${open} open change request(s) on version ${version}: \`archetype comments --open --version ${version}\`\n`);
      });
    });

  program
    .command('publish')
    .argument('<version>', 'an approved persona-set version')
    .option('--by <name>', 'who publishes (default: ARCHETYPE_USER or the login name)')
    .description('publish an approved version; the previously published one is archived')
    .action(async (v: string, o: { by?: string }) => {
      const g = globals();
      const version = intArg(v, 'version') as number;
      const by = actor(o.by);
      await withWorkspace(g, async (ws) => {
        const r = await transition(ws.engine, clockFromEnv(), version, 'publish', by);
        if (g.json) return printJson({ ...r, by });
        process.stdout.write(`Published version ${version} (by ${by})${r.archived.length ? `; archived version ${r.archived.join(', ')}` : ''}\n`);
      });
    });

  program
    .command('audit')
    .option('--version <n>', 'only this version')
    .option('--persona <id>', 'only this persona')
    .option('--subject <customer_id>', "only the subject exports of this customer (found by the id's keyed hash; the log never holds the id)")
    .description('the audit log: who did what, when')
    .action(async (o: { version?: string; persona?: string; subject?: string }) => {
      const g = globals();
      const version = intArg(o.version, '--version');
      await withWorkspace(g, async (ws) => {
        let entries = await listAudit(ws.engine, { ...(version !== undefined ? { version } : {}), ...(o.persona ? { persona_id: o.persona } : {}) });
        if (o.subject !== undefined) {
          const hash = await subjectHash(ws.engine, o.subject.trim());
          entries = entries.filter((e) => e.detail['subject_hash'] === hash);
        }
        if (g.json) return printJson({ entries });
        const detail = (d: Record<string, unknown>): string => Object.entries(d).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
        process.stdout.write(table(entries.map((e) => [e.audit_id, e.at.slice(0, 19).replace('T', ' '), e.actor, e.action, e.version ?? '', [e.persona_id, e.field].filter(Boolean).join('.'), detail(e.detail).slice(0, 80)]), ['#', 'when (UTC)', 'who', 'what', 'version', 'persona.field', 'detail']) + '\n');
      });
    });
}
