// Loads one staged file in two steps: `buildLoadTable` writes the typed rows and their contract checks in one pass into a
// load table before the ingest's transaction; `finishLoad`, inside it, quarantines, deduplicates and moves the rows in.
import { ENTITIES, rowKeySql, type EntityName } from '../contract/entities.js';
import type { Engine, StagedFile, StagedReject } from '../engine/engine.js';
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
  /** entities loaded earlier in the same ingest: references to them are checked in `finishLoad`, once those rows are in */
  loadedBefore: ReadonlySet<EntityName>;
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

/** A load table written by `buildLoadTable`, waiting for `finishLoad`. */
export interface LoadTable {
  input: LoadInput;
  /** the load table: the entity table's columns (as of `columns`), rows that failed a check already removed … */
  table: string;
  /** … into this one: `__qline` (the row's line), `__check` (1-based number of the first failing check), `__at` (its line in `staged.table`) */
  fails: string;
  /** the load table's columns, in order */
  columns: string[];
  /** SQL of a row's line in `staged.table` (before reject shifts), over the load table */
  at: string;
  /** whether the references were checked in the load pass (else `finishLoad` checks them) */
  refsChecked: boolean;
  rejects: StagedReject[];
  records: number;
  extras: string[];
}

/** The load tables of a staged file (for clean-up after a failed or killed ingest). */
export const loadTableNames = (stagedTable: string): string[] => [`${stagedTable}__load`, `${stagedTable}__load__fails`];

/**
 * The load table, written before the ingest's transaction: DuckDB keeps a table written inside a transaction in that
 * transaction's own storage, and a column added to it (the line numbers) or rows deleted from it make the commit write
 * the whole table again (2.4 s of CPU for 5.3M events, more than the checks). Written here, it is a scratch table like the
 * staging ones (dropped by the ingest that finds it after a kill), and the transaction only deletes from it and renames it.
 * Columns are added and dropped here too: an ALTER after a DELETE in the same transaction fails to commit on DuckDB.
 */
export async function buildLoadTable(engine: Engine, input: LoadInput): Promise<LoadTable> {
  const d = engine.dialect;
  const { ingestId, file, entity, staged, map } = input;
  const spec = ENTITIES[entity];
  const extras = [...map.extras.keys()];
  // references to entities of this ingest wait for their rows (finishLoad); entities have at most one reference, and
  // references are the last checks, so check numbers agree between the two steps
  const refsChecked = (spec.references ?? []).every((r) => !input.loadedBefore.has(r.entity)) && !(entity === 'customers' && input.loadedBefore.has('accounts'));
  const refs = refsChecked ? await references(engine, entity, map) : [];
  const checks = buildChecks(d, entity, map, staged.columns, refs);
  const typed = typedColumns(d, input);
  const rowHash = d.hashText(staged.columns.map((c) => `v.${d.ident(c)}`));
  // `__key` is the row hash of a row without an id and NULL beside one (rowKeySql): the row hash is computed only there
  const key = spec.key !== undefined && map.canonical.has(spec.key) ? `(CASE WHEN v.${d.ident(typedName(spec.key))} IS NULL THEN ${rowHash} END)` : rowHash;

  // with an ordered source the rows are read on every core and numbered afterwards from their (kept) insertion order
  const ordered = staged.ordered;
  const source = ordered?.table ?? staged.table;
  // the load table has the entity table's columns (so it can become that table) plus the check; extras the entity
  // table does not have yet are added to it in finishLoad (inside the transaction), in this order
  const columns = await engine.columns(entity);
  for (const x of extras) if (!columns.some((c) => c.name === x)) columns.push({ name: x, type: d.types.text });
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
  const [load, fails] = loadTableNames(staged.table) as [string, string];
  const L = d.ident(load);
  for (const t of [load, fails]) await engine.exec(d.dropTable(t));
  await engine.exec(
    // the raw text and message are not made here: rebuilding the raw text keeps every source column flowing through the
    // pass (a third of its CPU); they are made for the failing rows alone in finishLoad
    d.createTableAs(load, `SELECT ${select.join(', ')}, __check
       FROM (SELECT v.*, ${checkNumberSql(checks)} AS __check, ${key} AS __key
               FROM (SELECT s.*, ${typed.join(', ')} FROM ${d.ident(source)} s) v) v`),
    { id: ingestId, file },
  );
  const { rejects, records } = await numberRows(engine, load, staged);
  // An ordered stage's k-th row (row id order) is line firstLine + k in `staged.table`, before reject shifts.
  const at = ordered ? `rowid - (SELECT min(rowid) FROM ${L}) + ${ordered.firstLine}` : '__line';
  await engine.exec(d.createTableAs(fails, `SELECT __line AS __qline, __check, ${at} AS __at FROM ${L} WHERE __check <> 0`));
  await engine.exec(d.dropColumn(load, '__check'));
  return { input, table: load, fails, columns: columns.map((c) => c.name), at, refsChecked, rejects, records, extras };
}

/** The typed value of each canonical column the file has, as `__v_<column>` over the staged row `s`. */
function typedColumns(d: Engine['dialect'], input: LoadInput): string[] {
  return ENTITIES[input.entity].columns.flatMap((c) => {
    const src = input.map.canonical.get(c.name);
    return src === undefined ? [] : [`${typedValueSql(d, c, sourceText(d, src, input.staged.columns, 's'))} AS ${d.ident(typedName(c.name))}`];
  });
}

/** Inside the ingest's transaction: the references left, quarantine, dedup, and the rows into the entity table. */
export async function finishLoad(engine: Engine, lt: LoadTable): Promise<LoadCounts> {
  const d = engine.dialect;
  const { input, table: load, fails, columns, at, rejects, records, extras } = lt;
  const { ingestId, file, entity, staged, map } = input;
  const L = d.ident(load);
  const F = d.ident(fails);
  await ensureEntityTable(engine, entity, extras);
  const params = { id: ingestId, file, entity };
  // re-ingesting a file replaces its earlier quarantine entries instead of piling them up
  await deleteRows(engine, '_quarantine', `file = $file AND entity = $entity`, { file, entity });

  const refs = await references(engine, entity, map);
  const checks = buildChecks(d, entity, map, staged.columns, refs);
  if (!lt.refsChecked && refs.length) {
    // rows that passed the other checks: the first reference they break (its check number as buildChecks gave it)
    const first = checks.length - refs.length;
    const refChecks = checks.slice(first);
    const cases = refChecks.map((c, i) => `WHEN ${c.fails} THEN ${first + i + 1}`).join(' ');
    const typedRefs = refs.map((r) => `${d.ident(r.column)} AS ${d.ident(typedName(r.column))}`).join(', ');
    await engine.exec(
      `INSERT INTO ${F} (__qline, __check, __at) SELECT __qline, __check, __at FROM (
         SELECT __line AS __qline, (CASE ${cases} ELSE 0 END) AS __check, __at
           FROM (SELECT __line, ${at} AS __at, ${typedRefs} FROM ${L} WHERE __line NOT IN (SELECT __qline FROM ${F})) v) q
        WHERE __check <> 0`,
    );
  }
  if (rejects.length)
    await engine.insertRows(
      '_quarantine',
      ['ingest_id', 'entity', 'file', 'line', 'code', 'column', 'message', 'raw'],
      rejects.map((r) => [ingestId, entity, file, r.line, r.code, null, r.message, r.raw]),
    );

  const failed = await count(engine, `SELECT count(*) AS n FROM ${F}`);
  if (failed) {
    // only now, and for the failing rows alone, their raw text and message: a second read of the staged rows (typed
    // again for the messages), matched by their line in `staged.table`
    const typed = typedColumns(d, input);
    const raw = d.joinText(staged.columns.map((c) => rawField(d, `v.${d.ident(c)}`, input.delimiter)), input.delimiter);
    const rows = leftJoins(`SELECT __qline, __check, __at FROM ${F}`, [{
      sql: `SELECT s.*, ${typed.join(', ')}${typed.length ? ', ' : ''}s.__line AS __at FROM ${d.ident(staged.table)} s
             WHERE s.__line IN (SELECT __at FROM ${F})`,
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
    await deleteRows(engine, load, `__line IN (SELECT __qline FROM ${F})`);
  }
  await engine.exec(d.dropTable(fails));

  const existing = await count(engine, `SELECT count(*) AS n FROM ${d.ident(entity)}`);
  const duplicates = await dropDuplicates(engine, load, rowKeySql(entity, d.ident), existing > 0 ? entity : undefined);
  const ingested = await count(engine, `SELECT count(*) AS n FROM ${L}`);

  const target = (await engine.columns(entity)).map((c) => c.name);
  if (existing === 0 && target.join('\n') === columns.join('\n')) {
    // an empty entity table is replaced by the load table: the rows are written once
    for (const sql of d.replaceTable(entity, load, columns)) await engine.exec(sql);
  } else {
    const names = columns.map((c) => d.ident(c)).join(', ');
    await engine.exec(`INSERT INTO ${d.ident(entity)} (${names}) SELECT ${names} FROM ${L}`);
    await engine.exec(d.dropTable(load));
  }
  const quarantined = rejects.length + failed;
  return { rows: records, ingested, quarantined, duplicates, extras };
}
