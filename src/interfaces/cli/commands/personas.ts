// `archetype build | personas | show | assignments`: build a persona set and read it (exports: export.ts).
import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { findPersona, loadVersion } from '../../../repository/version-store.js';
import { problem } from '../../../shared/problems.js';
import { personaView } from '../../../repository/views.js';
import { VIEWS } from '../../../analysis/personas/persona-types.js';
import { editsText, evidenceLine, headerLine, renderCardText, type ViewName } from '../../exports/persona-card.js';
import { cardEdits } from '../../../repository/annotations.js';
import type { Persona } from '../../../analysis/personas/persona-types.js';
import type { ResolvedView } from '../../../repository/views.js';
import { withWorkspace } from '../context.js';
import { printJson, progress, table, type GlobalOptions } from '../output.js';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function intOption(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw problem('usage/invalid', { message: `${name} must be an integer ≥ ${min}` });
  return n;
}

function viewOption(v: string | undefined): ViewName | undefined {
  if (v === undefined) return undefined;
  if (!(v in VIEWS)) throw problem('usage/invalid', { message: `--view must be one of ${Object.keys(VIEWS).join(', ')}` });
  return v as ViewName;
}

/** A team view drawn from the persona's template: its fields in the template's order for that view. */
function renderDrawnView(p: Persona, version: number, status: string, view: ResolvedView): string {
  const out = [headerLine(p, version, status), `view: ${view.name} (template ${view.template ?? ''})`, '', p.summary, ''];
  for (const key of view.fields) {
    const f = p.fields[key];
    if (!f) continue;
    if (f.insufficient || !f.items.length) out.push(`${f.label.padEnd(18)}(${f.insufficient ?? 'empty'})`);
    else f.items.forEach((e, i) => out.push(`${(i === 0 ? f.label : '').padEnd(18)}${evidenceLine(e)}`));
  }
  return out.join('\n') + '\n';
}

export function registerPersonas(program: Command, globals: () => GlobalOptions): void {
  program
    .command('build')
    .option('--k <n>', 'number of segments (default: chosen automatically)')
    .option('--seed <n>', 'random seed', '42')
    .option('--sample <n>', 'customers sampled for fitting', '50000')
    .option('--by <name>', 'who builds, for the audit log (default: ARCHETYPE_USER, else the login name)')
    .description('features → segments → personas (+ negative personas): a new draft version')
    .action(async (o: { k?: string; seed: string; sample: string; by?: string }) => {
      const g = globals();
      const k = intOption(o.k, '--k', 2);
      const seed = intOption(o.seed, '--seed', 0) ?? 42;
      const sampleSize = intOption(o.sample, '--sample', 100) ?? 50_000;
      await withWorkspace(g, async (ws) => {
        const { buildVersion } = await import('../../../repository/build-version.js');
        const bar = progress(g.json);
        const by = (await import('./governance.js')).actor(o.by);
        const r = await buildVersion(ws.engine, { config: ws.config, seed, sampleSize, actor: by, ...(k !== undefined ? { k } : {}), onProgress: (s, d, t) => bar.update(d, t, s) });
        bar.stop();
        await (await import('./governance.js')).warnNearDuplicates(ws, r.version); // guard against near-duplicate personas
        if (g.json) return printJson({ version: r.version, personas: r.personas.map((p) => ({ id: p.id, name: p.name, size: p.size, negative: p.negative })), report: r.report });
        process.stdout.write(`Built version ${r.version}: ${r.personas.length} personas from ${r.report.customers.toLocaleString('en-US')} customers (k=${r.report.k}, ${r.report.chosen_because})\n\n`);
        process.stdout.write(table(r.personas.map((p) => [p.id, p.name, p.size.toLocaleString('en-US'), pct(p.share_of_revenue), p.negative ? 'negative' : '']), ['id', 'name', 'size', 'revenue', '']) + '\n');
      });
    });
  program
    .command('personas')
    .option('--version <n>', 'persona-set version (default: published, else latest)')
    .description('the persona set: id, name, size, share of revenue, negative?')
    .action(async (o: { version?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const v = await loadVersion(ws.engine, intOption(o.version, '--version', 1));
        const rows = v.personas.map((p) => ({ id: p.id, name: p.name, kind: p.kind, size: p.size, share_of_customers: p.share_of_customers, share_of_revenue: p.share_of_revenue, negative: p.negative, summary: p.summary }));
        if (g.json) return printJson({ version: v.version, status: v.status, personas: rows });
        process.stdout.write(`Version ${v.version} (${v.status})\n\n`);
        process.stdout.write(table(rows.map((p) => [p.id, p.name, p.kind, p.size.toLocaleString('en-US'), pct(p.share_of_customers), pct(p.share_of_revenue), p.negative ? 'negative' : '']), ['id', 'name', 'kind', 'size', 'share', 'revenue', '']) + '\n');
      });
    });
  program
    .command('show')
    .argument('<persona>', 'persona id (p1, n1 …) or name')
    .option('--view <view>', 'cx | content | ux | sales')
    .option('--version <n>', 'persona-set version')
    .description('a readable persona card')
    .action(async (id: string, o: { view?: string; version?: string }) => {
      const g = globals();
      const view = viewOption(o.view);
      await withWorkspace(g, async (ws) => {
        const { version, persona } = await findPersona(ws.engine, id, intOption(o.version, '--version', 1));
        // a persona with a template (hand-made, or persona_templates in archetype.yaml) shows the template's fields for the view
        const drawn = view ? personaView(ws.config, ws.dir, view, persona) : null;
        // manual edits (accepted change requests) go with the card, marked as not computed from data
        const edits = await cardEdits(ws.engine, version, persona.id);
        if (g.json) return printJson({ version: version.version, view: view ?? null, ...(drawn?.template !== undefined ? { template: drawn.template, field_order: drawn.fields } : {}), persona, manual_edits: edits });
        process.stdout.write(
          drawn?.template !== undefined
            ? renderDrawnView(persona, version.version, version.status, drawn) + editsText(persona, edits)
            : renderCardText(persona, version.version, version.status, view, edits),
        );
      });
    });
  program
    .command('assignments')
    .option('--out <file>', 'CSV file to write (default: stdout)')
    .option('--version <n>', 'persona-set version')
    .description('customer_id,persona_id for every customer')
    .action(async (o: { out?: string; version?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const v = await loadVersion(ws.engine, intOption(o.version, '--version', 1));
        const out: NodeJS.WritableStream = o.out ? createWriteStream(o.out) : process.stdout;
        out.write('customer_id,persona_id\n');
        let n = 0;
        await ws.engine.stream(`SELECT customer_id, persona_id FROM _assignments WHERE version = $v ORDER BY customer_id`, { v: v.version }, async (rows) => {
          const chunk = rows.map((r) => `${csv(String(r['customer_id']))},${r['persona_id'] ?? ''}`).join('\n') + '\n';
          n += rows.length;
          if (!out.write(chunk)) await new Promise<void>((res) => out.once('drain', () => res()));
        });
        if (o.out) {
          await new Promise<void>((res) => out.end(() => res()));
          if (g.json) printJson({ file: o.out, rows: n, version: v.version });
          else process.stderr.write(`Wrote ${n.toLocaleString('en-US')} assignments to ${o.out}\n`);
        }
      });
    });
}

function csv(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
