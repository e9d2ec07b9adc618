// ClickHouse's SQL dialect (18.16 and later): strings only, no driver. One node, or a cluster with Distributed tables.
import { anyOf, type CreateTableOptions, type Dialect } from '../dialect.js';
import { stringLiteral } from './clickhouse-sql.js';

export interface ClickHouseDialectOptions {
  /** the database holding the workspace's tables */
  database: string;
  /** cluster name (the servers' `remote_servers`): tables created with a shard key become Distributed over `<name>_local` */
  cluster?: string;
}

const BOOL_TRUE = `('true','t','yes','y','1')`;
const BOOL_FALSE = `('false','f','no','n','0')`;
// strict ISO 8601: parseDateTimeBestEffort alone would also read "12/01/2020" or "Jan 1"
const ISO = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$'`;

/** 18.16 has no trim function; DuckDB's trim removes spaces only */
const trim = (expr: string): string => `replaceRegexpAll(${expr}, '^ +| +$', '')`;

const ident = (name: string): string => `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * NULL-skipping least/greatest (ClickHouse's own take two arguments and return NULL on a NULL): each argument falls
 * back to the others when NULL, so the result is NULL only when all are. (arrayReduce('max', …) would be shorter but
 * crashes 18.16 on nullable columns.)
 */
function pick(fn: 'least' | 'greatest', exprs: string[]): string {
  if (exprs.length === 1) return exprs[0] as string;
  const terms = exprs.map((e, i) => `coalesce(${[e, ...exprs.filter((_, j) => j !== i)].join(', ')})`);
  return terms.reduce((acc, t) => `${fn}(${acc}, ${t})`);
}

/** Rows of `q` ordered by `x` as an interpolated quantile, the way DuckDB's quantile_cont computes it. */
function quantile(expr: string, q: number): string {
  const s = `arraySort(groupArray(toFloat64(${expr})))`;
  const pos = `(${q} * (length(${s}) - 1))`;
  const lo = `toUInt64(floor(${pos}))`;
  return `if(length(${s}) = 0, NULL, ${s}[${lo} + 1] + (${pos} - ${lo}) * (${s}[least(${lo} + 2, length(${s}))] - ${s}[${lo} + 1]))`;
}

/** sqrt(Σ(x − mean)² / (n − ddof)) over the non-NULL values of a group */
function spread(expr: string, ddof: 0 | 1): string {
  const mean = `ifNull(avg(${expr}), 0)`;
  const values = `groupArrayIf(assumeNotNull(${expr}), isNotNull(${expr}))`;
  return `sqrt(arraySum(arrayMap(v -> (v - ${mean}) * (v - ${mean}), ${values})) / (count(${expr}) - ${ddof}))`;
}

const count = (text: string, regex: string): string => `length(extractAll(${text}, ${stringLiteral(regex)}))`;

/** 18.16 has no JSON validator: a JSON scalar, or an object / array with balanced brackets (newer servers have isValidJSON). */
function isJson(expr: string): string {
  // ifNull: extractAll over a Nullable column would make an array inside a Nullable, which ClickHouse refuses
  const t = trim(`ifNull(${expr}, '')`);
  // regexes written plainly and quoted by stringLiteral (which doubles the backslashes for ClickHouse)
  const scalar = stringLiteral('^("([^"\\\\]|\\\\.)*"|-?[0-9]+([.][0-9]+)?([eE][+-]?[0-9]+)?|true|false|null)$');
  const nested = stringLiteral('^([{].*[}]|\\[.*\\])$');
  return `(match(${t}, ${scalar}) OR (match(${t}, ${nested}) AND ${count(t, '[{]')} = ${count(t, '[}]')} AND ${count(t, '\\[')} = ${count(t, '\\]')}))`;
}

export function clickhouseDialect(opts: ClickHouseDialectOptions): Dialect {
  const cluster = opts.cluster;
  const onCluster = cluster ? ` ON CLUSTER ${ident(cluster)}` : '';
  const d: Dialect = {
    name: 'clickhouse',
    capabilities: {
      windowFunctions: false, qualify: false, asofJoin: false, commonTableExpressions: false, multipleJoins: false, transactions: false,
      updateInPlace: false, distributed: cluster !== undefined, groupingSets: false,
    },
    ident,
    literal: stringLiteral,
    bool: (value) => (value ? '1' : '0'),
    trim,
    contains: (expr, part) => `(position(${expr}, ${part}) > 0)`,
    containsAny: (expr, parts) => `(match(${expr}, ${stringLiteral(anyOf(parts))}) = 1)`,
    startsWith: (expr, prefix) => `startsWith(${expr}, ${prefix})`,
    intDiv: (a, b) => `intDiv(${a}, ${b})`,
    // a leading + is a number for DuckDB too
    tryNumber: (expr) => {
      const n = `toFloat64OrNull(replaceRegexpOne(${trim(expr)}, '^[+]', ''))`;
      return `(CASE WHEN isFinite(${n}) THEN ${n} END)`;
    },
    // ISO only; a day the month does not have (2023-02-30) is rejected rather than rolled over; DateTime holds 1970..2105
    tryTimestamp: (expr) => {
      const t = trim(expr);
      const day = `toDayOfMonth(parseDateTimeBestEffortOrNull(substring(${t}, 1, 10)))`;
      return `(CASE WHEN match(${t}, ${ISO}) AND ${day} = toUInt8OrZero(substring(${t}, 9, 2)) AND substring(${t}, 1, 4) BETWEEN '1970' AND '2105'
        THEN parseDateTimeBestEffortOrNull(${t}) END)`;
    },
    trimmedOrNull: (expr) => `nullIf(${trim(expr)}, '')`,
    // 18.16 has no parse with a format (parseDateTime arrived in 23.x)
    reformatDate: () => null,
    timestamp: (textExpr) => `parseDateTimeBestEffortOrNull(${textExpr})`,
    // 18.16 has no asinh; the odd form keeps precision for negative values
    asinh: (expr) => `(if((${expr}) < 0, -1, 1) * ln(abs(${expr}) + sqrt((${expr}) * (${expr}) + 1)))`,
    now: () => 'now()',
    isNaN: (expr) => `isNaN(${expr})`,
    tryBoolean: (expr) =>
      `(CASE WHEN lowerUTF8(${trim(expr)}) IN ${BOOL_TRUE} THEN 1 WHEN lowerUTF8(${trim(expr)}) IN ${BOOL_FALSE} THEN 0 END)`,
    isJson,
    hashText: (exprs) => {
      const parts = exprs.map((e) => `coalesce(${e}, '\\x1E')`);
      const joined = parts.length === 1 ? parts[0] : `concat(${parts.join(", '\\x1F', ")})`;
      return `lower(hex(MD5(${joined})))`;
    },
    hash64: (expr) => `cityHash64(${expr})`,
    joinText: (exprs, sep) => {
      const parts = exprs.map((e) => `coalesce(${e}, '')`);
      return parts.length === 1 ? `${parts[0]}` : `concat(${parts.join(`, ${stringLiteral(sep)}, `)})`;
    },
    quantile,
    quantiles: (expr, qs) => qs.map((q) => quantile(expr, q)),
    earliestIf: (ts, cond) => `min(CASE WHEN ${cond} THEN ${ts} END)`,
    // NULL (not nan) for fewer than two values / no values, as DuckDB gives. Two passes over the group's values (sum of
    // squared distances from the mean): stddevSamp is the one-pass sum-of-squares formula (off by 1e-11 relative on
    // close values), and 18.16 cannot read the *Stable variants' partial states back from another shard.
    stddevSamp: (expr) => `if(count(${expr}) > 1, ${spread(expr, 1)}, NULL)`,
    stddevPop: (expr) => `if(count(${expr}) > 0, ${spread(expr, 0)}, NULL)`,
    anyValue: (expr) => `any(${expr})`,
    epochSeconds: (ts) => `toFloat64(toUnixTimestamp(${ts}))`,
    monthOf: (ts) => `toMonth(${ts}, 'UTC')`,
    hoursBetween: (from, to) => `((toFloat64(toUnixTimestamp(${to})) - toFloat64(toUnixTimestamp(${from}))) / 3600.0)`,
    // whole seconds (DateTime): floor keeps `t <= addHours(t0, h)` exact for whole-second t, as DuckDB's microseconds do
    addHours: (ts, hours) => `addSeconds(${ts}, toInt64(floor(${hours} * 3600)))`,
    least: (exprs) => pick('least', exprs),
    greatest: (exprs) => pick('greatest', exprs),
    likeInsensitive: (expr, pattern) => `(lowerUTF8(${expr}) LIKE lowerUTF8(${pattern}))`,
    bitFlag: (index) => `bitShiftLeft(toUInt64(1), toUInt8(${index}))`,
    bitOrAgg: (expr) => `groupBitOr(toUInt64(${expr}))`, // unsigned only (ClickHouse 18)
    anyBit: (mask, bits) => `if(bitAnd(toUInt64(${mask}), toUInt64(${bits.toString()})) != 0, 1, 0)`,
    hashSample: (expr, fraction) => `(cityHash64(${expr}) < toUInt64(${fraction} * 18446744073709549568.0))`,
    nthSmallest: (expr, n) => {
      const s = `arraySort(groupArray(${expr}))`;
      return `if(length(${s}) >= ${Math.floor(n)}, ${s}[${Math.floor(n)}], NULL)`;
    },
    argMin: (value, by) => `argMin(${value}, ${by})`,
    firstRowsPerGroup: (select, partitionBy, orderBy, n) => `SELECT * FROM (${select}) ORDER BY ${partitionBy}, ${orderBy} LIMIT ${Math.floor(n)} BY ${partitionBy}`,
    listAgg: (expr) => `groupArray(${expr})`,
    listAggIf: (expr, cond) => `groupArrayIf(${expr}, ${cond})`,
    textAgg: (expr, sep) => `arrayStringConcat(groupArray(${expr}), ${sep})`,
    struct: (fields) => `tuple(${fields.map(([, e]) => e).join(', ')})`,
    structField: (expr, names, name) => `tupleElement(${expr}, ${names.indexOf(name) + 1})`,
    listSort: (list) => `arraySort(${list})`,
    listLength: (list) => `length(${list})`,
    listText: (list) => `toString(${list})`,
    // arrayReduce is in 18.16 (arrayMax is not); an empty array gives the type's default, hence the test
    listMax: (list) => `if(empty(${list}), NULL, arrayReduce('max', ${list}))`,
    listSlice: (list, from, to) => {
      const n = `toInt64(length(${list}))`;
      const f = `greatest(toInt64(if(${from} < 0, ${n} + 1 + ${from}, ${from})), toInt64(1))`;
      const t = `least(toInt64(if(${to} < 0, ${n} + 1 + ${to}, ${to})), ${n})`;
      return `arraySlice(${list}, ${f}, greatest(${t} - ${f} + 1, toInt64(0)))`;
    },
    // a NULL condition drops the element, as in DuckDB (arrayFilter wants a non-Nullable UInt8)
    listFilter: (list, x, body, i) => (i ? `arrayFilter((${x}, ${i}) -> ifNull(${body}, 0), ${list}, arrayEnumerate(${list}))` : `arrayFilter(${x} -> ifNull(${body}, 0), ${list})`),
    listMap: (list, x, body, i) => (i ? `arrayMap((${x}, ${i}) -> ${body}, ${list}, arrayEnumerate(${list}))` : `arrayMap(${x} -> ${body}, ${list})`),
    unnest: (list) => `arrayJoin(${list})`,
    listSequence: (n) => `arrayMap(k -> k + 1, range(toUInt64(${n})))`,
    listHash: (list) => `cityHash64(toString(${list}))`,
    createTable: (name, columns, o?: CreateTableOptions) => {
      const ine = o?.ifNotExists ? 'IF NOT EXISTS ' : '';
      if (cluster && o?.shardKey) {
        const local = `${name}_local`;
        return [
          `CREATE TABLE ${ine}${ident(local)}${onCluster} (${columns.join(', ')}) ENGINE = MergeTree ORDER BY tuple()`,
          `CREATE TABLE ${ine}${ident(name)}${onCluster} AS ${ident(local)}
             ENGINE = Distributed(${ident(cluster)}, ${ident(opts.database)}, ${ident(local)}, cityHash64(ifNull(${ident(o.shardKey)}, '')))`,
        ].join(';\n');
      }
      return `CREATE TABLE ${ine}${ident(name)} (${columns.join(', ')}) ENGINE = MergeTree ORDER BY tuple()`;
    },
    createTableAs: (name, select) => `CREATE TABLE ${ident(name)} ENGINE = MergeTree ORDER BY tuple() AS ${select}`,
    // a Distributed table's shards are dropped with it
    dropTable: (name) =>
      cluster ? `DROP TABLE IF EXISTS ${ident(name)}${onCluster};\nDROP TABLE IF EXISTS ${ident(`${name}_local`)}${onCluster}` : `DROP TABLE IF EXISTS ${ident(name)}`,
    renameTable: (from, to) => `RENAME TABLE ${ident(from)} TO ${ident(to)}`,
    // on a cluster the engine repeats an ALTER of a Distributed table on its shards' tables
    // 18.16 knows no ADD COLUMN IF NOT EXISTS: callers check first (table-ops addColumnIfMissing)
    addColumn: (table, column, type) => `ALTER TABLE ${ident(table)} ADD COLUMN ${ident(column)} ${type}`,
    dropColumn: (table, column) => `ALTER TABLE ${ident(table)} DROP COLUMN ${ident(column)}`,
    // mutations (ALTER … DELETE) run in the background on 18.16 and cannot use subqueries: rebuild and swap instead
    deleteRows: (table, where) => rebuild(table, `SELECT * FROM ${ident(table)} WHERE NOT ifNull((${where}), 0)`),
    // multiIf, not if: if() refuses a constant Nullable(DateTime) beside a Nullable(DateTime) column (code 44, ILLEGAL_COLUMN),
    // which setting a timestamp from a parameter is (a token's revoked_at, a request's resolved_at)
    updateRows: (table, set, where, columns) =>
      rebuild(
        table,
        `SELECT ${columns.map((c) => (c in set ? `multiIf(ifNull((${where}), 0), ${set[c]}, ${ident(c)}) AS ${ident(c)}` : ident(c))).join(', ')} FROM ${ident(table)}`,
      ),
    replaceTable: (target, source, columns) =>
      cluster
        ? [`INSERT INTO ${ident(target)} (${columns.map(ident).join(', ')}) SELECT ${columns.map(ident).join(', ')} FROM ${ident(source)}`, `DROP TABLE ${ident(source)}`]
        : [`DROP TABLE ${ident(target)}`, `RENAME TABLE ${ident(source)} TO ${ident(target)}`],
    // UInt8 is this dialect's boolean (types.bool)
    columnKind: (type) => {
      const t = type.replace(/^(?:Nullable|LowCardinality)\((.*)\)$/, '$1');
      if (t === 'UInt8') return 'boolean';
      if (/^(U?Int\d+|Float\d+|Decimal)/.test(t)) return 'number';
      if (/^(String|FixedString)/.test(t)) return 'text';
      if (/^(DateTime|Date)/.test(t)) return 'timestamp';
      return 'other';
    },
    types: {
      text: 'Nullable(String)', float: 'Nullable(Float64)', int: 'Nullable(Int32)', bigint: 'Nullable(Int64)', timestamp: 'Nullable(DateTime)',
      bool: 'Nullable(UInt8)',
    },
  };
  return d;
}

/** A table's kept rows written to a copy with the same structure, swapped in by one RENAME. */
function rebuild(table: string, select: string): string[] {
  const t = ident(table);
  const next = ident(`${table}__next`);
  const old = ident(`${table}__old`);
  return [
    `DROP TABLE IF EXISTS ${next}`,
    `CREATE TABLE ${next} AS ${t}`,
    `INSERT INTO ${next} ${select}`,
    `RENAME TABLE ${t} TO ${old}, ${next} TO ${t}`,
    `DROP TABLE ${old}`,
  ];
}
