// `archetype status` and `archetype quarantine`: what the workspace holds and which rows were rejected, with reasons.
import type { Command } from 'commander';
import { listQuarantine, workspaceStatus } from '../../../ingest/status.js';
import { withWorkspace } from '../context.js';
import { fmtNumber, printJson, table, type GlobalOptions } from '../output.js';

const day = (s: string | null): string => (s ? s.slice(0, 10) : '—');

export function registerStatus(program: Command, globals: () => GlobalOptions): void {
  program
    .command('status')
    .description('entities, rows, quarantined rows, last ingest, date ranges')
    .action(async () => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const s = await workspaceStatus(ws.engine);
        if (g.json) return printJson({ workspace: ws.dir, engine: ws.config.engine, ...s });
        process.stdout.write(`Workspace ${ws.dir} (engine: ${ws.config.engine})\n\n`);
        process.stdout.write(
          table(
            s.entities.map((e) => [e.entity, fmtNumber(e.rows), fmtNumber(e.quarantined), e.files, e.from ? `${day(e.from)} → ${day(e.to)}` : '—', e.last_ingest ? e.last_ingest.replace('T', ' ').slice(0, 19) : '—']),
            ['entity', 'rows', 'quarantined', 'files', 'date range', 'last ingest'],
          ) + '\n',
        );
        if (s.ingests === 0) process.stdout.write('\nNothing ingested yet: archetype ingest <files…>\n');
      });
    });
  program
    .command('quarantine')
    .option('--entity <entity>', 'only this entity')
    .option('--limit <n>', 'rows to show', '50')
    .description('the rejected rows: file, line, reason, raw text')
    .action(async (o: { entity?: string; limit: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const limit = Number(o.limit);
        const r = await listQuarantine(ws.engine, { ...(o.entity ? { entity: o.entity } : {}), limit: Number.isFinite(limit) ? limit : 50 });
        if (g.json) return printJson(r);
        if (r.total === 0) return void process.stdout.write('No quarantined rows.\n');
        process.stdout.write(
          table(
            r.rows.map((x) => [x.entity, `${x.file.split('/').pop()}:${x.line}`, x.code, x.message.slice(0, 70), x.raw.slice(0, 50)]),
            ['entity', 'file:line', 'code', 'reason', 'raw'],
          ) + '\n',
        );
        if (r.total > r.rows.length) process.stdout.write(`… ${fmtNumber(r.total - r.rows.length)} more (--limit, --json)\n`);
      });
    });
}
