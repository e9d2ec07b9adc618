// Scores leads in batches (a file, or objects from an API call) and sums them up: per persona, qualified, stages, problems, columns.
import { closest } from '../../shared/text-distance.js';
import { problem } from '../../shared/problems.js';
import type { Engine } from '../../engine/engine.js';
import type { CompiledModel } from './compile.js';
import { LeadEncoder, fieldsOfObject, normalizeHeader, type RowProblem } from './lead-encoder.js';
import { formatOf, readLeadFile, type LeadFileHandlers } from './read-leads.js';
import { readDelimited, type ByteRange } from './read-delimited.js';
import { scoreEncoded, scratchFor, type EventEvidence, type LeadScore } from './score-lead.js';

export interface ScoreRunOptions {
  threshold: number;
  /** a lead's events, or null */
  evidence: (leadId: string) => EventEvidence | null;
  /** archetype.yaml `mappings.leads`: canonical column → source column */
  mapping?: Readonly<Record<string, string>>;
  /** receives each batch of scores in input order */
  onBatch?: (scores: LeadScore[]) => void | Promise<void>;
  /** problems kept in the report (all are counted) */
  maxProblems?: number;
}

export interface ScoreSummary {
  version: number;
  threshold: number;
  /** records read (good or not), leads scored, leads skipped (unreadable rows, rows without an id) */
  records: number;
  scored: number;
  skipped: number;
  qualified: number;
  with_events: number;
  /** mean confidence of the scored leads */
  confidence: number;
  by_persona: { persona_id: string; name: string; leads: number; qualified: number }[];
  by_stage: Record<string, number>;
  /** columns ignored because neither the data contract nor the model knows them */
  unknown_columns: string[];
  /** contract columns the model does not use (left out as redundant or uninformative, or not an attribute) */
  unused_columns: string[];
  problem_count: number;
  problems: RowProblem[];
}

export interface SummaryState {
  persona: [string, { leads: number; qualified: number }][];
  stages: [string, number][];
  unknown: string[];
  unused: string[];
  confidence: number;
  problems: RowProblem[];
  problemCount: number;
  records: number;
  scored: number;
  skipped: number;
  qualified: number;
  withEvents: number;
}

/** Accumulates scores into a summary. */
export class Summary {
  private readonly persona = new Map<string, { leads: number; qualified: number }>();
  private readonly stages = new Map<string, number>();
  private readonly unknown = new Set<string>();
  private readonly unused = new Set<string>();
  private confidence = 0;
  readonly problems: RowProblem[] = [];
  problemCount = 0;
  records = 0;
  scored = 0;
  skipped = 0;
  qualified = 0;
  withEvents = 0;

  constructor(
    private readonly c: CompiledModel,
    private readonly threshold: number,
    private readonly maxProblems = 1000,
  ) {}

  add(s: LeadScore, hadEvents: boolean): void {
    this.scored++;
    if (s.qualified) this.qualified++;
    if (hadEvents) this.withEvents++;
    this.confidence += s.confidence;
    const p = this.persona.get(s.persona_id ?? '') ?? { leads: 0, qualified: 0 };
    p.leads++;
    if (s.qualified) p.qualified++;
    this.persona.set(s.persona_id ?? '', p);
    const st = s.stage ?? 'none';
    this.stages.set(st, (this.stages.get(st) ?? 0) + 1);
  }

  problem(p: RowProblem): void {
    this.problemCount++;
    if (p.skipped) this.skipped++;
    if (this.problems.length < this.maxProblems) this.problems.push(p);
  }

  /** Everything counted so far, as plain data (another thread's part of a run). */
  state(): SummaryState {
    return {
      persona: [...this.persona], stages: [...this.stages], unknown: [...this.unknown], unused: [...this.unused], confidence: this.confidence,
      problems: this.problems, problemCount: this.problemCount, records: this.records, scored: this.scored, skipped: this.skipped,
      qualified: this.qualified, withEvents: this.withEvents,
    };
  }

  /** Adds another part's counts (problems kept up to the cap, in line order). */
  absorb(o: SummaryState): void {
    for (const [k, v] of o.persona) {
      const p = this.persona.get(k) ?? { leads: 0, qualified: 0 };
      this.persona.set(k, { leads: p.leads + v.leads, qualified: p.qualified + v.qualified });
    }
    for (const [k, v] of o.stages) this.stages.set(k, (this.stages.get(k) ?? 0) + v);
    for (const u of o.unknown) this.unknown.add(u);
    for (const u of o.unused) this.unused.add(u);
    this.confidence += o.confidence;
    for (const p of o.problems) if (this.problems.length < this.maxProblems) this.problems.push(p);
    this.problemCount += o.problemCount;
    this.records += o.records;
    this.scored += o.scored;
    this.skipped += o.skipped;
    this.qualified += o.qualified;
    this.withEvents += o.withEvents;
  }

  columns(e: LeadEncoder): void {
    for (const u of e.unknown) this.unknown.add(u);
    for (const u of e.unused) this.unused.add(u);
  }

  result(): ScoreSummary {
    return {
      version: this.c.model.version,
      threshold: this.threshold,
      records: this.records,
      scored: this.scored,
      skipped: this.skipped,
      qualified: this.qualified,
      with_events: this.withEvents,
      confidence: this.scored ? Math.round((this.confidence / this.scored) * 1000) / 1000 : 0,
      by_persona: this.c.ids
        .filter((_, i) => !this.c.negative[i])
        .map((id, i) => ({ persona_id: id, name: this.c.names[this.c.ids.indexOf(id)] ?? String(i), ...(this.persona.get(id) ?? { leads: 0, qualified: 0 }) })),
      by_stage: Object.fromEntries(this.stages),
      unknown_columns: [...this.unknown],
      unused_columns: [...this.unused],
      problem_count: this.problemCount,
      problems: [...this.problems].sort((a, b) => a.line - b.line),
    };
  }
}

function requireId(header: readonly string[], encoder: LeadEncoder, file: string): void {
  if (encoder.idField >= 0) return;
  const found = header.map(String);
  const near = closest('lead_id', found.map(normalizeHeader));
  throw problem('ingest/missing-column', { file, entity: 'leads', missing: ['lead_id'], found, suggestions: near ? { lead_id: found[found.map(normalizeHeader).indexOf(near)] ?? near } : {} });
}

/**
 * Scores every lead of a file (or of one byte range of a delimited file) in input order; rows that cannot be scored are
 * reported with their line and reason.
 */
export async function scoreLeadFile(
  c: CompiledModel,
  path: string,
  engine: Engine | null,
  opts: ScoreRunOptions,
  range?: ByteRange,
  sum = new Summary(c, opts.threshold, opts.maxProblems),
): Promise<ScoreSummary> {
  const scratch = scratchFor(c);
  const encoders = new Map<string, LeadEncoder>();
  const encoderFor = (header: readonly string[]): LeadEncoder => {
    const key = header.join('\u0000');
    let e = encoders.get(key);
    if (!e) {
      e = new LeadEncoder(c, header, opts.mapping ?? {});
      requireId(header, e, path);
      sum.columns(e);
      encoders.set(key, e);
    }
    return e;
  };
  const problems: RowProblem[] = [];
  const levels = new Int32Array(c.attributes.length);
  const handlers: LeadFileHandlers = {
    header: (h) => void encoderFor(h),
    reject: (p) => sum.problem(p),
    rows: async (b) => {
      const e = encoderFor(b.header);
      const out: LeadScore[] = [];
      for (let i = 0; i < b.rows.length; i++) {
        const id = e.encodeFields(b.rows[i] as string[], b.lines[i] as number, problems, levels);
        if (problems.length) {
          for (const p of problems) sum.problem(p);
          problems.length = 0;
        }
        if (id === null) continue;
        const events = opts.evidence(id);
        const s = scoreEncoded(c, { id, levels, events }, opts.threshold, scratch);
        sum.add(s, events !== null);
        out.push(s);
      }
      if (opts.onBatch && out.length) await opts.onBatch(out);
    },
  };
  let records: number;
  if (range) {
    handlers.header?.(range.header);
    const delimiter = formatOf(path) === 'tsv' ? '\t' : ',';
    records = (await readDelimited(path, delimiter, { header: () => undefined, reject: handlers.reject, rows: (b) => handlers.rows({ header: range.header, ...b }) }, 1024, range)).records;
  } else records = (await readLeadFile(path, engine, handlers)).records;
  sum.records += records;
  return sum.result();
}

/** encoders of object leads per model, by mapping and keys: a server scoring one lead per request plans its columns once */
const objectEncoders = new WeakMap<CompiledModel, Map<string, LeadEncoder>>();

function objectEncoder(c: CompiledModel, header: readonly string[], mapping: Readonly<Record<string, string>>): LeadEncoder {
  let byKey = objectEncoders.get(c);
  if (!byKey) objectEncoders.set(c, (byKey = new Map()));
  const key = `${JSON.stringify(mapping)}\u0001${header.join('\u0000')}`;
  let e = byKey.get(key);
  if (!e) {
    e = new LeadEncoder(c, header, mapping);
    if (byKey.size >= 256) byKey.clear(); // keys come from clients: keep memory bounded
    byKey.set(key, e);
  }
  return e;
}

/** Scores leads given as objects (an API body): scores in order, and the problems by 1-based position as `line`. */
export function scoreLeadObjects(
  c: CompiledModel,
  leads: readonly Readonly<Record<string, unknown>>[],
  opts: Omit<ScoreRunOptions, 'onBatch'>,
): { scores: LeadScore[]; summary: ScoreSummary } {
  const sum = new Summary(c, opts.threshold, opts.maxProblems);
  const scratch = scratchFor(c);
  const problems: RowProblem[] = [];
  const scores: LeadScore[] = [];
  const levels = new Int32Array(c.attributes.length);
  leads.forEach((obj, i) => {
    const header = Object.keys(obj).filter((k) => k !== 'events');
    const e = objectEncoder(c, header, opts.mapping ?? {});
    sum.columns(e);
    if (e.idField < 0) {
      sum.problem({ line: i + 1, code: 'missing-value', column: 'lead_id', message: 'lead_id is required but missing', skipped: true });
      return;
    }
    const id = e.encodeFields(fieldsOfObject(header, obj), i + 1, problems, levels);
    for (const p of problems) sum.problem(p);
    problems.length = 0;
    if (id === null) return;
    const events = opts.evidence(id);
    const s = scoreEncoded(c, { id, levels, events }, opts.threshold, scratch);
    sum.add(s, events !== null);
    scores.push(s);
  });
  sum.records = leads.length;
  return { scores, summary: sum.result() };
}
