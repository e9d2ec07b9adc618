// Leads typed, pasted or uploaded: CSV/TSV with a header row (quoted fields, doubled quotes), a JSON array or JSON Lines → lead objects.

/** A lead as sent to the API: attributes by contract column name, optionally `events` (JSON input only). */
export type LeadObject = Record<string, unknown>;

/** RFC 4180 records: fields separated by `sep`, quoted fields may hold separators, quotes ("") and line breaks. */
export function parseDelimited(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

export interface ParsedLeads {
  leads: LeadObject[];
  format: 'csv' | 'tsv' | 'json' | 'jsonl';
}

/** Throws an Error with a message for people when the text is none of the formats. */
export function parseLeads(text: string): ParsedLeads {
  const t = text.trim();
  if (!t) throw new Error('Paste or upload some leads first.');
  if (t.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(t);
    } catch (e) {
      throw new Error(`Not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(data) || !data.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) throw new Error('A JSON array of lead objects is expected.');
    return { leads: data as LeadObject[], format: 'json' };
  }
  if (t.startsWith('{')) {
    const leads = t.split(/\r?\n/).filter((l) => l.trim()).map((l, i) => {
      try {
        const o = JSON.parse(l) as unknown;
        if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new Error('not an object');
        return o as LeadObject;
      } catch {
        throw new Error(`Line ${i + 1} is not a JSON object.`);
      }
    });
    return { leads, format: 'jsonl' };
  }
  const firstLine = t.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes('\t') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const rows = parseDelimited(t, sep);
  const header = (rows[0] ?? []).map((h) => h.trim());
  if (!header.includes('lead_id')) throw new Error(`The header row needs a lead_id column (found: ${header.join(', ') || 'nothing'}).`);
  const leads = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '') === '' ? null : (r[i] as string)])));
  return { leads, format: sep === '\t' ? 'tsv' : 'csv' };
}
