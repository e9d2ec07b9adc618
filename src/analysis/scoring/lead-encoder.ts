// Turns a lead's fields (a file row under its header, or an object) into model levels; bad values are reported and left out.
import { ENTITIES } from '../../contract/entities.js';
import { binOf, type CompiledAttribute, type CompiledModel } from './compile.js';
import type { EncodedLead } from './score-lead.js';

/** A row problem, shaped like a quarantined row: the row is skipped (`skipped`) or scored without the value. */
export interface RowProblem {
  line: number;
  code: string;
  column?: string;
  message: string;
  raw?: string;
  skipped: boolean;
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0']);
const CONTRACT = new Map(ENTITIES.leads.columns.map((c) => [c.name, c]));
/** canonical lead columns (contract) the scorer knows even when its model does not use them */
const KNOWN = new Set([...ENTITIES.leads.columns.map((c) => c.name), ...ENTITIES.customers.columns.map((c) => c.name)]);

/** Header names as ingest normalises them ("Company Size" → company_size). */
export function normalizeHeader(s: string): string {
  return s.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

const show = (v: string): string => `"${v.length > 80 ? v.slice(0, 80) + '…' : v}"`;

/** The level of one value, or −1 (with a problem pushed when the value is unusable rather than empty or unseen). */
export function levelOf(a: CompiledAttribute, raw: string, line: number, problems: RowProblem[]): number {
  const v = raw.trim();
  if (v === '') return -1;
  if (a.kind === 'numeric') {
    const x = Number(v);
    if (!Number.isFinite(x)) {
      problems.push({ line, code: 'bad-number', column: a.column, message: `${a.column}: ${show(raw)} is not a number; scored without it`, skipped: false });
      return -1;
    }
    const spec = CONTRACT.get(a.column);
    if ((spec?.min !== undefined && x < spec.min) || (spec?.max !== undefined && x > spec.max)) {
      problems.push({ line, code: 'out-of-range', column: a.column, message: `${a.column}: ${show(raw)} is outside ${spec.min ?? '-∞'}..${spec.max ?? '∞'}; scored without it`, skipped: false });
      return -1;
    }
    return binOf(a.edges, x);
  }
  if (a.kind === 'boolean') {
    const w = v.toLowerCase();
    const b = TRUE.has(w) ? 'true' : FALSE.has(w) ? 'false' : null;
    if (b === null) {
      problems.push({ line, code: 'bad-boolean', column: a.column, message: `${a.column}: ${show(raw)} is not true/false; scored without it`, skipped: false });
      return -1;
    }
    return a.exact.get(b) ?? -1;
  }
  return a.exact.get(raw) ?? a.exact.get(v) ?? a.loose.get(v.toLowerCase()) ?? a.other;
}

/**
 * Plans the columns of one header once (model attribute → field position), so that each row costs a few lookups.
 * `mapping` renames source headers to canonical columns (archetype.yaml `mappings.leads`).
 */
export class LeadEncoder {
  readonly columns: string[];
  readonly idField: number;
  /** columns neither in the data contract nor known to the model: ignored */
  readonly unknown: string[];
  /** contract columns the model does not use (redundant, uninformative or not an attribute) */
  readonly unused: string[];
  private readonly plan: { attr: number; field: number }[];

  constructor(
    private readonly c: CompiledModel,
    header: readonly string[],
    mapping: Readonly<Record<string, string>> = {},
  ) {
    const bySource = new Map(Object.entries(mapping).map(([canonical, source]) => [normalizeHeader(source), canonical]));
    this.columns = header.map((h) => bySource.get(normalizeHeader(h)) ?? normalizeHeader(h));
    this.idField = this.columns.indexOf('lead_id');
    this.plan = [];
    this.unknown = [];
    this.unused = [];
    this.columns.forEach((col, field) => {
      const attr = c.byColumn.get(col);
      if (attr !== undefined) this.plan.push({ attr, field });
      else if (col === 'lead_id') return;
      else if (KNOWN.has(col)) this.unused.push(col);
      else this.unknown.push(header[field] as string);
    });
  }

  /**
   * A row's lead id with its levels written into `levels` (one per model attribute, −1 = missing), or null when the row
   * has no id; problems go to `problems`. A repeated id is scored again (its rows may differ): ids are not remembered,
   * which keeps a run of millions of leads in constant memory.
   */
  encodeFields(fields: readonly string[], line: number, problems: RowProblem[], levels: Int32Array): string | null {
    const id = (fields[this.idField] ?? '').trim();
    if (id === '') {
      problems.push({ line, code: 'missing-value', column: 'lead_id', message: 'lead_id is required but empty', raw: fields.join(','), skipped: true });
      return null;
    }
    levels.fill(-1);
    for (const p of this.plan) levels[p.attr] = levelOf(this.c.attributes[p.attr] as CompiledAttribute, fields[p.field] ?? '', line, problems);
    return id;
  }
}

/** A lead given as an object (API body, JSON lines): values of any JSON type, read as text. */
export function fieldsOfObject(header: readonly string[], obj: Readonly<Record<string, unknown>>): string[] {
  return header.map((h) => {
    const v = obj[h];
    return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

export type { EncodedLead };
