// Where one customer's data lives in a workspace: entity rows, derived per-customer tables, quarantine entries and quotes inside stored JSON.
import type { Engine, Params } from '../engine/engine.js';
import { ENTITIES, ENTITY_NAMES } from '../contract/entities.js';

/** Entity tables keyed to a customer by `customer_id` (leads are linked by `lead_id` or a `customer_id` column). */
export const CUSTOMER_ENTITIES = ENTITY_NAMES.filter((e) => ENTITIES[e].columns.some((c) => c.name === 'customer_id'));

/** Per-customer tables written by a build: version assignments, the feature rows and the latest segment table. */
export const DERIVED_TABLES = ['_assignments', '_features', '_segment_now'] as const;

export interface TableMatch {
  table: string;
  where: string;
}

/** The tables that exist and the condition picking the subject's rows in each (`$subject` is the customer id). */
export async function subjectTables(engine: Engine): Promise<TableMatch[]> {
  const out: TableMatch[] = [];
  for (const t of [...CUSTOMER_ENTITIES, ...DERIVED_TABLES]) {
    if (!(await engine.tableExists(t))) continue;
    const cols = (await engine.columns(t)).map((c) => c.name);
    if (cols.includes('customer_id')) out.push({ table: t, where: 'customer_id = $subject' });
  }
  if (await engine.tableExists('leads')) {
    // a lead that became a customer keeps its id in a customer_id column (an extra column of the leads file) or as its lead_id
    const cols = (await engine.columns('leads')).map((c) => c.name);
    out.push({ table: 'leads', where: cols.includes('customer_id') ? '(lead_id = $subject OR customer_id = $subject)' : 'lead_id = $subject' });
  }
  return out;
}

/**
 * Quarantine entries holding the id as a whole field of the raw line (CSV/TSV, quoted or not, or a JSON string) or
 * naming it in the message ("customer_id 'c7' is not a known customer"). `c7` never matches `c71`.
 */
export function quarantineWhere(engine: Engine): string {
  const d = engine.dialect;
  const fields = `(',' || replace(replace(coalesce(raw, ''), '\t', ','), '"', '') || ',')`;
  return `(${d.contains(fields, `(',' || $subject || ',')`)} OR ${d.contains('coalesce(raw, \'\')', `('"' || $subject || '"')`)} OR ${d.contains('coalesce(message, \'\')', `('''' || $subject || '''')`)})`;
}

export const subjectParams = (id: string): Params => ({ subject: id });

/** The ids of the subject's feedback rows (quotes point at them). */
export async function feedbackIdsOf(engine: Engine, id: string): Promise<Set<string>> {
  if (!(await engine.tableExists('feedback'))) return new Set();
  const rows = await engine.all<{ feedback_id: string }>(`SELECT feedback_id FROM feedback WHERE customer_id = $subject`, subjectParams(id));
  return new Set(rows.map((r) => r.feedback_id));
}

export interface QuoteHit {
  /** JSON path of the quote inside the stored document, e.g. `[0].fields.pain_points.items[1].quotes[0]` */
  path: string;
  text: string;
  feedback_id: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Finds the subject's quotes in a stored document (personas, journeys, hand-made personas): any object with a
 * `feedback_id` of theirs or their `customer_id`. Returns the document without them — dropped from lists, set to null
 * where a single quote was held — and where they were.
 */
export function pruneQuotes(doc: unknown, feedbackIds: ReadonlySet<string>, customerId: string): { doc: unknown; hits: QuoteHit[] } {
  const hits: QuoteHit[] = [];
  const isTheirs = (v: unknown): v is Record<string, unknown> =>
    isRecord(v) && ((typeof v['feedback_id'] === 'string' && feedbackIds.has(v['feedback_id'])) || v['customer_id'] === customerId);
  const hit = (v: Record<string, unknown>, path: string): void => {
    const text = typeof v['text'] === 'string' ? v['text'] : typeof v['quote'] === 'string' ? v['quote'] : '';
    hits.push({ path, text, feedback_id: typeof v['feedback_id'] === 'string' ? v['feedback_id'] : null });
  };
  const walk = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      v.forEach((x, i) => {
        if (isTheirs(x)) hit(x, `${path}[${i}]`);
        else out.push(walk(x, `${path}[${i}]`));
      });
      return out;
    }
    if (!isRecord(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (isTheirs(x)) {
        hit(x, `${path}.${k}`);
        out[k] = null;
      } else out[k] = walk(x, `${path}.${k}`);
    }
    return out;
  };
  return { doc: walk(doc, ''), hits };
}
