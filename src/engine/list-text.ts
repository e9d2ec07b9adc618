// Lists of numbers read as text (`Dialect.listText`): `[1, 2.5, NULL]` on DuckDB, `[1,2.5,NULL]` on ClickHouse.

const SPECIAL: Readonly<Record<string, number>> = { nan: NaN, inf: Infinity, '+inf': Infinity, '-inf': -Infinity, infinity: Infinity, '-infinity': -Infinity };

/** The numbers of a list printed by `Dialect.listText`; NULL elements are null, a NULL or empty list is []. */
export function parseNumberList(text: unknown): (number | null)[] {
  if (text === null || text === undefined) return [];
  const s = String(text).trim();
  if (!s.startsWith('[') || !s.endsWith(']')) throw new Error(`not a list of numbers: ${s.slice(0, 40)}`);
  const body = s.slice(1, -1).trim();
  if (body === '') return [];
  return body.split(',').map((part) => {
    const x = part.trim();
    if (x === 'NULL' || x === '\\N') return null;
    const n = Number(x);
    if (x !== '' && !Number.isNaN(n)) return n;
    const special = SPECIAL[x.toLowerCase()];
    if (special === undefined) throw new Error(`not a number in a list: ${x.slice(0, 40)}`);
    return special;
  });
}
