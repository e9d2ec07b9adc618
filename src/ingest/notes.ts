// Interview notes (Markdown or plain text, one file per interview) ingested as feedback rows: one row per file, id from the file name, source "interview".
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import YAML from 'yaml';
import type { Engine } from '../engine/engine.js';
import { updateRows } from '../engine/table-ops.js';
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import { problem } from '../shared/problems.js';
import { ingestFiles, type IngestOptions, type IngestReport } from './ingest.js';

export interface NoteOptions {
  /** feedback source of every note (default "interview") */
  source?: string;
  /** the interviewed customer, unless a note's front matter names one */
  customer?: string;
}

export interface NoteRow {
  feedback_id: string;
  text: string;
  customer_id: string | null;
  created_at: string | null;
  source: string;
  rating: number | null;
  question: string | null;
  stage: string | null;
}

/** .md / .markdown files are always notes; .txt only when the caller says so (--source or --customer), since .txt is also CSV-like text. */
export function isNoteFile(path: string, explicit: boolean): boolean {
  const ext = extname(path).toLowerCase();
  return ext === '.md' || ext === '.markdown' || (explicit && ext === '.txt');
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'note';

/** Markdown to plain sentences: headings, emphasis, quotes, bullets and link targets removed. */
export function markdownToText(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .split('\n')
    .map((l) => l.replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/, '').replace(/[*_`~]+/g, '').trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

function frontMatter(raw: string): { meta: Record<string, unknown>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(raw);
  if (!m) return { meta: {}, body: raw };
  let meta: unknown;
  try {
    meta = YAML.parse(m[1] ?? '');
  } catch {
    meta = {};
  }
  return { meta: meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : {}, body: raw.slice(m[0].length) };
}

const str = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : v instanceof Date ? v.toISOString() : String(v));

/** One note file as a feedback row. Front matter (customer, date, rating, stage, question, id) overrides the options. */
export function readNote(path: string, opts: NoteOptions = {}): NoteRow {
  const raw = readFileSync(path, 'utf8');
  const { meta, body } = frontMatter(raw);
  const text = extname(path).toLowerCase() === '.txt' ? body.trim() : markdownToText(body);
  if (!text) throw problem('ingest/empty-file', { file: path });
  const stem = basename(path, extname(path));
  const customer = str(meta['customer'] ?? meta['customer_id']) ?? opts.customer ?? null;
  const source = str(meta['source']) ?? opts.source ?? 'interview';
  const dated = /\d{4}-\d{2}-\d{2}/.exec(stem)?.[0] ?? null;
  const rating = meta['rating'] === undefined ? null : Number(meta['rating']);
  return {
    // the same file ingested again keeps its id, so re-ingesting a folder of notes adds nothing twice
    feedback_id: str(meta['id'] ?? meta['feedback_id']) ?? `${slug(source)}-${slug(stem)}${customer ? `-${slug(customer)}` : ''}`,
    text,
    customer_id: customer,
    created_at: str(meta['date'] ?? meta['created_at']) ?? dated,
    source,
    rating: rating === null || Number.isNaN(rating) ? null : rating,
    question: str(meta['question']),
    stage: str(meta['stage']),
  };
}

/** Ingests note files as feedback through the ordinary ingest (contract checks, quarantine, reference checks); the report names the note files. */
export async function ingestNotes(engine: Engine, files: string[], opts: NoteOptions & { config: WorkspaceConfig; onProgress?: IngestOptions['onProgress'] }): Promise<IngestReport> {
  const dir = mkdtempSync(join(tmpdir(), 'archetype-notes-'));
  try {
    const staged = files.map((f, i) => {
      const row = readNote(f, opts);
      const out = join(dir, `${String(i).padStart(4, '0')}-${slug(basename(f))}.jsonl`);
      writeFileSync(out, JSON.stringify(row) + '\n');
      return { note: resolve(f), staged: resolve(out) };
    });
    // the canonical columns are written here, so the workspace's feedback column mappings must not apply
    const config: WorkspaceConfig = { ...opts.config, mappings: { ...opts.config.mappings, feedback: {} } };
    const report = await ingestFiles(engine, staged.map((s) => s.staged), { config, entity: 'feedback', ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
    const back = new Map(staged.map((s) => [s.staged, s.note]));
    // lineage should name the note, not the temporary file it was staged through
    await engine.transaction(async () => {
      for (const [from, to] of back) {
        const params = { id: report.ingestId, from, to };
        await updateRows(engine, '_ingest_files', { file: '$to' }, `ingest_id = $id AND file = $from`, params);
        await updateRows(engine, '_quarantine', { file: '$to' }, `ingest_id = $id AND file = $from`, params);
        await updateRows(engine, 'feedback', { __file: '$to' }, `__ingest = $id AND __file = $from`, params);
      }
    });
    return { ...report, files: report.files.map((f) => ({ ...f, file: back.get(f.file) ?? f.file })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
