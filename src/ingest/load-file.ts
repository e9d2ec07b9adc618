// Loads one staged file: typed rows and contract checks in one pass into a load table, then quarantine, dedup and load.
import { ENTITIES, type EntityName } from '../contract/entities.js';
import type { Engine, StagedFile } from '../engine/engine.js';
import { leftJoins } from '../engine/joins.js';
import { deleteRows } from '../engine/table-ops.js';
import { buildChecks, checkNumberSql, perCheckSql, sourceText, typedName, typedValueSql, type Reference } from './checks.js';
import type { ColumnMapping } from './column-map.js';
import { dropDuplicates } from './dedup.js';
import { numberRows } from './number-rows.js';
import { count, ensureEntityTable, sqlType } from './storage.js';

export interface LoadCounts {
  rows: number;
  ingested: number;
  quarantined: number;
  duplicates: number;
  extras: string[];
}

export interface LoadInput {
  ingestId: number;
  /** absolute path, as recorded in lineage and quarantine */
  file: string;
  entity: EntityName;
  staged: StagedFile;
  map: ColumnMapping;
  /** separator used to show a row's raw text (the file's delimiter) */
  delimiter: string;
}


/** References this entity's rows must satisfy; customers → accounts only once the workspace has accounts. */
async function references(engine: Engine, entity: EntityName, map: ColumnMapping): Promise<Reference[]> {
  const refs = [...(ENTITIES[entity].references ?? [])];
  if (entity === 'customers' && (await count(engine, `SELECT count(*) AS n FROM accounts`)) > 0)
    refs.push({ column: 'account_id', entity: 'accounts', column2: 'account_id' });
  return refs.filter((r) => map.canonical.has(r.column)).map((r) => ({ column: r.column, target: r.entity, targetColumn: r.column2 }));
}

/** A field as it would appear in the file: quoted when it holds the delimiter, a quote or a line break. */
function rawField(d: Engine['dialect'], e: string, delimiter: string): string {
  const needs = [delimiter, '"', '\n'].map((c) => `${e} LIKE ${d.literal(`%${c}%`)}`).join(' OR ');
  return `(CASE WHEN ${needs} THEN '"' || replace(${e}, '"', '""') || '"' ELSE ${e} END)`;
}

export async function loadStagedFile(engine: Engine, input: LoadInput): Promise<LoadCounts> {
  const d = engine.dialect;
  const { ingestId, file, entity, staged, map } = input;
  const spec = ENTITIES[entity];
  const extras = [...map.extras.keys()];
  await ensureEntityTable(engine, entity, extras);
  const params = { id: ingestId, file, entity };
  // re-ingesting a file replaces its earlier quarantine entries instead of piling them up
  await deleteRows(engine, '_quarantine', `file = $file AND entity = $entity`, { file, entity });

  const refs = await references(engine, entity, map);
  const checks = buildChecks(d, entity, map, staged.columns, refs);
  const typed = spec.columns.flatMap((c) => {
    const src = map.canonical.get(c.name);
    return src === undefined ? [] : [`${typedValueSql(d, c, sourceText(d, src, staged.columns, 's'))} AS ${d.ident(typedName(c.name))}`];
  });
  const keySrc = spec.key !== undefined ? map.canonical.get(spec.key) : undefined;
  const rowHash = d.hashText(staged.columns.map((c) => `s.${d.ident(c)}`));
  // CASE, not coalesce: the row hash is then computed only for rows without an id
  const id = keySrc !== undefined && spec.key !== undefined ? typedValueSql(d, { name: spec.key, type: 'id' }, sourceText(d, keySrc, staged.columns, 's')) : undefined;
  const key = id !== undefined ? `(CASE WHEN ${id} IS NOT NULL THEN ${id} ELSE ${rowHash} END)` : rowHash;

  // with an ordered source the rows are read on every core and numbered afterwards from their (kept) insertion order
  const ordered = staged.ordered;
  const source = ordered?.table ?? staged.table;
  // the load table has the entity table's columns (so it can become that table) plus the check
  const columns = await engine.columns(entity);
  const byName = new Map(spec.columns.map((c) => [c.name, c]));
  const select = columns.map((col) => {
    const c = byName.get(col.name);
    const type = c ? sqlType(engine, c) : col.type;
    let e: string;
    if (c) e = map.canonical.has(c.name) ? `v.${d.ident(typedName(c.name))}` : 'NULL';
    else if (col.name === '__key') e = 'v.__key';
    else if (col.name === '__ingest') e = '$id';
    else if (col.name === '__file') e = '$file';
    else if (col.name === '__line') {
      if (ordered) return null;
      e = 'v.__line';
    }
    else {
      const src = map.extras.get(col.name);
      e = src !== undefined ? `NULLIF(v.${d.ident(src)}, '')` : 'NULL';
    }
    return `CAST(${e} AS ${type}) AS ${d.ident(col.name)}`;
  }).filter((x): x is string => x !== null);
  const load = `${staged.table}__load`;
  const L = d.ident(load);
  await engine.exec(d.dropTable(load));
  await engine.exec(
    // the raw text and message are not made here: rebuilding the raw text keeps every source column flowing through the
    // pass (a third of its CPU); they are made for the failing rows alone below
    d.createTableAs(load, `SELECT ${select.join(', ')}, __check
       FROM (SELECT v.*, ${checkNumberSql(checks)} AS __check
               FROM (SELECT s.*, ${[...typed, `${key} AS __key`].join(', ')} FROM ${d.ident(source)} s) v) v`),
    { id: ingestId, file },
  );
  const { rejects, records } = await numberRows(engine, load, staged);
  if (rejects.length)
    await engine.insertRows(
      '_quarantine',
      ['ingest_id', 'entity', 'file', 'line', 'code', 'column', 'message', 'raw'],
      rejects.map((r) => [ingestId, entity, file, r.line, r.code, null, r.message, r.raw]),
    );

  const failed = await count(engine, `SELECT count(*) AS n FROM ${L} WHERE __check <> 0`);
  if (failed) {
    // only now, and for the failing rows alone, their raw text and message: a second read of the staged rows (typed
    // again for the messages), matched by line. An ordered stage's k-th row (row id order) is line firstLine + k in
    // `staged.table`, before reject shifts.
    const at = ordered ? `rowid - (SELECT min(rowid) FROM ${L}) + ${ordered.firstLine}` : '__line';
    const raw = d.joinText(staged.columns.map((c) => rawField(d, `v.${d.ident(c)}`, input.delimiter)), input.delimiter);
    const rows = leftJoins(`SELECT __line AS __qline, __check, ${at} AS __at FROM ${L} WHERE __check <> 0`, [{
      sql: `SELECT s.*, ${typed.join(', ')}${typed.length ? ', ' : ''}s.__line AS __at FROM ${d.ident(staged.table)} s
             WHERE s.__line IN (SELECT ${at} AS __at FROM ${L} WHERE __check <> 0)`,
      using: '__at',
    }]);
    // message and raw text one level down: on ClickHouse an output name hides the input column of that name
    await engine.exec(
      `INSERT INTO _quarantine SELECT $id, $entity, $file, __qline, ${perCheckSql(checks, '__check', (c) => d.literal(c.code))},
         ${perCheckSql(checks, '__check', (c) => (c.column === null ? 'NULL' : d.literal(c.column)))}, __message, __raw
         FROM (SELECT __qline, __check, ${perCheckSql(checks, '__check', (c) => c.message)} AS __message, ${raw} AS __raw
                 FROM (SELECT * FROM ${rows}) v) q`,
      params,
    );
    await deleteRows(engine, load, `__check <> 0`);
  }

  const existing = await count(engine, `SELECT count(*) AS n FROM ${d.ident(entity)}`);
  const duplicates = await dropDuplicates(engine, load, existing > 0 ? entity : undefined);
  const ingested = await count(engine, `SELECT count(*) AS n FROM ${L}`);

  if (existing === 0) {
    // an empty entity table is replaced by the load table: the rows are written once
    await engine.exec(d.dropColumn(load, '__check'));
    for (const sql of d.replaceTable(entity, load, columns.map((c) => c.name))) await engine.exec(sql);
  } else {
    const names = columns.map((c) => d.ident(c.name)).join(', ');
    await engine.exec(`INSERT INTO ${d.ident(entity)} (${names}) SELECT ${names} FROM ${L}`);
    await engine.exec(d.dropTable(load));
  }
  const quarantined = rejects.length + failed;
  return { rows: records, ingested, quarantined, duplicates, extras };
}
