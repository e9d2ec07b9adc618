// `archetype forget | subject-export`: erasure of one customer and the export of everything held on them.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { clockFromEnv } from '../../../repository/clock.js';
import { forgetCustomer } from '../../../repository/forget.js';
import { exportSubject } from '../../../repository/subject-export.js';
import { withWorkspace } from '../context.js';
import { printJson, table, type GlobalOptions } from '../output.js';
import { actor } from './governance.js';

export function registerPrivacy(program: Command, globals: () => GlobalOptions): void {
  program
    .command('forget')
    .argument('<customer_id>', 'the customer to erase')
    .option('--by <name>', 'who asks for the erasure (default: ARCHETYPE_USER, else the login name)')
    .description("erase a customer's rows, quarantine entries, assignments and quotes; affected versions are marked for refresh")
    .action(async (id: string, o: { by?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const r = await forgetCustomer(ws.engine, id, { clock: clockFromEnv(), actor: actor(o.by) });
        if (g.json) return printJson(r);
        if (!r.erased) return void process.stdout.write(`nothing held on ${id}: erased on ${String(r.erased_at).slice(0, 19).replace('T', ' ')} UTC\n`);
        const rows = Object.entries(r.rows).filter(([, n]) => n > 0).map(([t, n]) => [t, n]);
        process.stdout.write(`erased ${id}:\n${table(rows, ['table', 'rows'])}\n`);
        process.stdout.write(`quotes removed from stored personas and journeys: ${r.quotes}\n`);
        process.stdout.write(r.versions.length
          ? `versions marked as needing a refresh: ${r.versions.join(', ')} (run \`archetype refresh\`)\n`
          : 'no persona-set version used this customer\n');
        process.stdout.write(`audit entry #${r.audit_id} (holds counts only, not the id)\n`);
      });
    });

  program
    .command('subject-export')
    .argument('<customer_id>', 'the customer whose data to export')
    .option('--out <file>', 'JSON file to write (default: stdout)')
    .option('--by <name>', 'who exports (default: ARCHETYPE_USER, else the login name); audited with the keyed hash of the id')
    .description('everything held on one customer as JSON: rows of every entity, quarantine entries, persona per version, attributed quotes')
    .action(async (id: string, o: { out?: string; by?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const r = await exportSubject(ws.engine, id, { clock: clockFromEnv(), actor: actor(o.by) });
        if (!o.out) return printJson(r);
        writeFileSync(o.out, JSON.stringify(r, null, 2) + '\n');
        const counts = { ...Object.fromEntries(Object.entries(r.entities).map(([t, rows]) => [t, rows.length])), quarantine: r.quarantine.length, versions: r.assignments.length, quotes: r.quotes.length };
        if (g.json) return printJson({ out: o.out, counts });
        process.stdout.write(`wrote ${o.out}: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
      });
    });
}
