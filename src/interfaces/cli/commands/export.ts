// `archetype export --format pdf|md|json|png [--persona ID] [--journey] [--view V] --out FILE`: persona cards, journey maps and the printable library.
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { findWorkspaceDir } from '../../../workspace/workspace.js';
import { findPersona, loadVersion, type VersionRecord } from '../../../repository/version-store.js';
import { VIEWS } from '../../../analysis/personas/persona-types.js';
import { problem } from '../../../shared/problems.js';
import { renderCardMarkdown, type CardEdit, type ViewName } from '../../exports/persona-card.js';
import { cardEdits } from '../../../repository/annotations.js';
import type { Engine } from '../../../engine/engine.js';
import type { ExportTarget, RenderedFile } from '../../exports/browser-export.js';
import { withWorkspace } from '../context.js';
import { printJson, type GlobalOptions } from '../output.js';

interface ExportOptions {
  format: string;
  out: string;
  persona?: string;
  journey?: boolean;
  view?: string;
  version?: string;
}

const FORMATS = ['pdf', 'png', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function parse(o: ExportOptions): { format: Format; version: number | undefined; view: ViewName | undefined } {
  if (!(FORMATS as readonly string[]).includes(o.format)) throw problem('usage/invalid', { message: `--format must be one of ${FORMATS.join(', ')}` });
  const format = o.format as Format;
  let version: number | undefined;
  if (o.version !== undefined) {
    version = Number(o.version);
    if (!Number.isInteger(version) || version < 1) throw problem('usage/invalid', { message: '--version must be an integer ≥ 1' });
  }
  if (o.view !== undefined && !(o.view in VIEWS)) throw problem('usage/invalid', { message: `--view must be one of ${Object.keys(VIEWS).join(', ')}` });
  if (o.journey && (format === 'md' || format === 'json')) throw problem('usage/invalid', { message: '--journey exports as pdf or png (journey maps in Markdown or JSON: `archetype journey`)' });
  if (o.view !== undefined && !o.persona) throw problem('usage/invalid', { message: '--view needs --persona' });
  return { format, version, view: o.view as ViewName | undefined };
}

/** md/json: one persona to a file, or the whole set to a file (.md/.json) or a folder (a file per persona plus an index). */
/** Names from data in the set's Markdown index: never markup or raw HTML in a Markdown viewer (as in the cards). */
const escapeMarkdown = (s: string): string => s.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`);

/** Markdown or JSON of one persona, the set as one file, or the set as a folder; manual edits go with each card, marked. */
async function writeText(engine: Engine, v: VersionRecord, format: 'md' | 'json', out: string, persona: string | undefined, view: ViewName | undefined): Promise<string[]> {
  const edits = new Map<string, CardEdit[]>();
  for (const p of v.personas) edits.set(p.id, await cardEdits(engine, v, p.id));
  const editsOf = (id: string): CardEdit[] => edits.get(id) ?? [];
  if (persona) {
    const p = v.personas.find((x) => x.id === persona || x.name.toLowerCase() === persona.toLowerCase());
    if (!p) throw problem('persona/not-found', { id: persona, known: v.personas.map((x) => x.id) });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, format === 'md' ? renderCardMarkdown(p, v.version, v.status, view, editsOf(p.id)) : JSON.stringify({ version: v.version, status: v.status, view: view ?? null, persona: p, manual_edits: editsOf(p.id) }, null, 2) + '\n');
    return [out];
  }
  if (extname(out).toLowerCase() === `.${format}`) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      format === 'md'
        ? [`# Persona set, version ${v.version} (${v.status})`, '', ...v.personas.map((p) => renderCardMarkdown(p, v.version, v.status, undefined, editsOf(p.id)))].join('\n')
        : JSON.stringify({ version: v.version, status: v.status, snapshot: v.snapshot, report: v.report, personas: v.personas.map((p) => ({ ...p, manual_edits: editsOf(p.id) })) }, null, 2) + '\n',
    );
    return [out];
  }
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  for (const p of v.personas) {
    const file = join(out, `${p.id}.${format}`);
    writeFileSync(file, format === 'md' ? renderCardMarkdown(p, v.version, v.status, undefined, editsOf(p.id)) : JSON.stringify({ version: v.version, status: v.status, persona: p, manual_edits: editsOf(p.id) }, null, 2));
    files.push(file);
  }
  const index = join(out, format === 'md' ? 'README.md' : 'index.json');
  writeFileSync(
    index,
    format === 'md'
      ? `# Persona set, version ${v.version} (${v.status})\n\n| id | persona | customers | revenue | |\n|---|---|---|---|---|\n${v.personas.map((p) => `| ${p.id} | [${escapeMarkdown(p.name)}](${p.id}.md) | ${p.size} (${pct(p.share_of_customers)}) | ${pct(p.share_of_revenue)} | ${p.negative ? 'negative' : ''} |`).join('\n')}\n`
      : JSON.stringify({ version: v.version, status: v.status, snapshot: v.snapshot, report: v.report, personas: v.personas.map((p) => ({ id: p.id, name: p.name, file: `${p.id}.json` })) }, null, 2),
  );
  files.push(index);
  return files;
}

function targetOf(format: 'pdf' | 'png', o: ExportOptions, personaId: string | undefined, view: ViewName | undefined): ExportTarget {
  if (o.journey) return { kind: 'journey', group: personaId ?? 'all' };
  if (personaId) return format === 'png' ? { kind: 'card', persona: personaId } : { kind: 'persona', persona: personaId, ...(view ? { view } : {}) };
  return format === 'png' ? { kind: 'gallery' } : { kind: 'library' };
}

export function registerExport(program: Command, globals: () => GlobalOptions): void {
  program
    .command('export')
    .requiredOption('--format <f>', 'pdf | png | md | json')
    .requiredOption('--out <file>', 'file to write (md/json of the whole set: a .md/.json file, or a folder for one file per persona)')
    .option('--persona <id>', 'one persona (id or name); default: the whole set (pdf: the printable library, png: the gallery)')
    .option('--journey', 'the journey map (of --persona, or of all customers); pdf or png')
    .option('--view <view>', 'a team view of the persona: cx | content | ux | sales')
    .option('--version <n>', 'persona-set version (default: published, else latest)')
    .description('persona cards, journey maps and the persona library as PDF, PNG, Markdown or JSON')
    .action(async (o: ExportOptions) => {
      const g = globals();
      const { format, version, view } = parse(o);
      let files: RenderedFile[];
      if (format === 'md' || format === 'json') {
        const written = await withWorkspace(g, async (ws) => writeText(ws.engine, await loadVersion(ws.engine, version), format, o.out, o.persona, view));
        files = written.map((file) => ({ file, bytes: 0 }));
      } else {
        // resolve the persona first so a wrong id fails before Chromium starts
        const personaId = o.persona ? await withWorkspace(g, async (ws) => (await findPersona(ws.engine, o.persona as string, version)).persona.id) : undefined;
        const dir = findWorkspaceDir(g.workspace ?? process.cwd());
        const { startServer } = await import('../../http/server.js');
        const { launchBrowser, exportPdf, exportPng } = await import('../../exports/browser-export.js');
        // the export's own Chromium signs in with a one-off secret (the workspace may require tokens); it reads what a viewer of that version would
        const internalToken = randomBytes(32).toString('base64url');
        const server = await startServer({ dir, port: 0, host: '127.0.0.1', idleMs: 200, internalToken });
        try {
          const browser = await launchBrowser({ headers: { authorization: `Bearer ${internalToken}` } });
          try {
            const target = targetOf(format, o, personaId, view);
            files = [await (format === 'pdf' ? exportPdf : exportPng)(browser, server.url, target, o.out, version)];
          } finally {
            await browser.close();
          }
        } finally {
          await server.close();
        }
      }
      if (g.json) printJson({ format, files: files.map((f) => f.file) });
      else process.stdout.write(files.length === 1 ? `Wrote ${files[0]?.file}\n` : `Wrote ${files.length} files to ${o.out}\n`);
    });
}
