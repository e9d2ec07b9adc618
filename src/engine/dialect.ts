// Abstract SQL dialect: the small hooks where engines' SQL differs (analysis and ingest code use only these).

/**
 * What an engine's SQL can do. Analysis SQL is written in the subset both engines share (no CTEs, one JOIN per
 * SELECT, no window functions); these flags say where an engine could do more, and pick between whole algorithms.
 */
export interface DialectCapabilities {
  readonly windowFunctions: boolean;
  readonly qualify: boolean;
  readonly asofJoin: boolean;
  /** `WITH name AS (SELECT …)` */
  readonly commonTableExpressions: boolean;
  /** more than one JOIN in one SELECT (else joins are nested in subqueries) */
  readonly multipleJoins: boolean;
  /** BEGIN / COMMIT / ROLLBACK: several statements succeed or fail together */
  readonly transactions: boolean;
  /** `UPDATE` / `DELETE` in place (else `updateRows` / `deleteRows` rebuild the table) */
  readonly updateInPlace: boolean;
  /** `GROUP BY GROUPING SETS ((a), ())` with `grouping(a)`: per-group rows and the grand total in one aggregation */
  readonly groupingSets: boolean;
  /** tables created with a shard key are spread over several servers (a swap by RENAME would lose that) */
  readonly distributed: boolean;
}

export interface CreateTableOptions {
  /** `IF NOT EXISTS` */
  ifNotExists?: boolean;
  /** on a distributed engine: the column whose hash picks a row's shard (e.g. customer_id); ignored elsewhere */
  shardKey?: string;
}

export interface Dialect {
  readonly name: 'duckdb' | 'clickhouse';
  readonly capabilities: DialectCapabilities;
  /** a quoted identifier */
  ident(name: string): string;
  /** a string literal (for generated SQL only; values go through parameters) */
  literal(value: string): string;
  /** a boolean literal */
  bool(value: boolean): string;
  /** text without leading and trailing spaces */
  trim(expr: string): string;
  /** TRUE when text `expr` contains text `part` */
  contains(expr: string, part: string): string;
  /** TRUE when text `expr` contains any of the plain strings `parts` (one regular-expression search, not one scan per part) */
  containsAny(expr: string, parts: readonly string[]): string;
  /** TRUE when text `expr` starts with text `prefix` */
  startsWith(expr: string, prefix: string): string;
  /** integer division rounding toward minus infinity for non-negative operands */
  intDiv(a: string, b: string): string;
  /** NULL when `expr` (text) is not a number */
  tryNumber(expr: string): string;
  /** NULL when `expr` (text) is not an ISO 8601 date / timestamp; result is a UTC timestamp */
  tryTimestamp(expr: string): string;
  /** text without surrounding spaces, NULL when blank (e.g. an id) */
  trimmedOrNull(expr: string): string;
  /** a text date in a strftime `format` rewritten as ISO text (NULL when it does not parse); null when the engine cannot */
  reformatDate(expr: string, format: string): string | null;
  /** a timestamp from ISO text (`2024-01-31T10:00:00.000Z`, `2024-01-31 10:00:00`), e.g. a parameter */
  timestamp(textExpr: string): string;
  /** inverse hyperbolic sine of a float */
  asinh(expr: string): string;
  /** the current time as a (UTC) timestamp */
  now(): string;
  /** TRUE when a float is NaN */
  isNaN(expr: string): string;
  /** NULL when `expr` (text) is not a boolean word (true/false, yes/no, 1/0, t/f, y/n) */
  tryBoolean(expr: string): string;
  /** true when `expr` (text) is valid JSON */
  isJson(expr: string): string;
  /** a stable text hash of the given text expressions (the same value on every engine) */
  hashText(exprs: string[]): string;
  /** an unsigned 64-bit hash of a value (engine-specific: for checksums and grouping, never compared across engines) */
  hash64(expr: string): string;
  /** text expressions joined by a separator, NULL as empty */
  joinText(exprs: string[], sep: string): string;
  /** aggregate: interpolated quantile (`quantile_cont`) of a numeric expression, NULL for no values */
  quantile(expr: string, q: number): string;
  /** aggregates: the same quantiles of one expression, one SQL expression per `qs` entry (an engine may sort its values once) */
  quantiles(expr: string, qs: readonly number[]): string[];
  /** aggregate: the earliest timestamp `ts` of the rows where `cond` holds, NULL when there is none */
  earliestIf(ts: string, cond: string): string;
  /** aggregate: sample / population standard deviation */
  stddevSamp(expr: string): string;
  stddevPop(expr: string): string;
  /** aggregate: any one value of the group */
  anyValue(expr: string): string;
  /** seconds since 1970-01-01 UTC of a timestamp, as a float */
  epochSeconds(ts: string): string;
  /** month of the year (1–12, UTC) of a timestamp */
  monthOf(ts: string): string;
  /** hours between two timestamps as a float */
  hoursBetween(from: string, to: string): string;
  /** a timestamp plus a number of hours (a float expression) */
  addHours(ts: string, hours: string): string;
  /** the smallest / largest of the expressions, NULLs ignored (NULL only when all are NULL) */
  least(exprs: string[]): string;
  greatest(exprs: string[]): string;
  /** case-insensitive LIKE of a text expression against a pattern expression (`%`, `_`; backslash escapes) */
  likeInsensitive(expr: string, pattern: string): string;
  /** TRUE for a stable pseudo-random share `fraction` (an SQL expression in [0, 1)) of the values of `expr` (deterministic sampling) */
  hashSample(expr: string, fraction: string): string;
  /** a 64-bit integer with only bit `index` set (`index`: an SQL integer expression in 0..62) */
  bitFlag(index: string): string;
  /** aggregate: the bitwise OR of 64-bit integers (0 over no rows) */
  bitOrAgg(expr: string): string;
  /** 1 when `mask` (a 64-bit integer expression) has any of the bits of `bits` (a constant below 2^63) set, else 0 */
  anyBit(mask: string, bits: bigint): string;
  /** aggregate: the n-th smallest value of `expr` in the group (NULL when the group has fewer) */
  nthSmallest(expr: string, n: number): string;
  /** aggregate: `value` at the row with the smallest `by` */
  argMin(value: string, by: string): string;

  /**
   * a query keeping the first `n` rows of each group of `select`'s rows: groups by the `partitionBy` expressions, first
   * by `orderBy` (an ORDER BY list that must make the order total); the result may carry extra columns
   */
  firstRowsPerGroup(select: string, partitionBy: string, orderBy: string, n: number): string;

  // --- lists (DuckDB LIST, ClickHouse Array); 1-based positions on both
  /** aggregate: the non-NULL values of the group as a list (any order) */
  listAgg(expr: string): string;
  /** aggregate: the values of the rows where `cond` holds, as a list (any order; NULL or empty when none) */
  listAggIf(expr: string, cond: string): string;
  /** aggregate: the group's non-NULL texts joined by `sep` (a literal) in any order; NULL or empty when none */
  textAgg(expr: string, sep: string): string;
  /** a record of named values (DuckDB STRUCT, ClickHouse Tuple) */
  struct(fields: [name: string, expr: string][]): string;
  /** one field of a record made by `struct` with the given field names */
  structField(expr: string, names: string[], name: string): string;
  listSort(list: string): string;
  listLength(list: string): string;
  /** a list of numbers as text, `[1, 2.5, NULL]` (read back with `parseNumberList`: many lists arrive faster as text than as values) */
  listText(list: string): string;
  /** the largest element, NULL for an empty or NULL list */
  listMax(list: string): string;
  /** elements `from`..`to` (1-based, inclusive; negative positions count from the end) */
  listSlice(list: string, from: string, to: string): string;
  /**
   * the elements for which `body` (over element `x` and its 1-based position `i`) is true. A column used inside `body`
   * other than the list must also appear outside the lambda in the same SELECT (ClickHouse 18.16 prunes it otherwise).
   */
  listFilter(list: string, x: string, body: string, i?: string): string;
  /** `body` over each element `x` (and its 1-based position `i`) */
  listMap(list: string, x: string, body: string, i?: string): string;
  /** in a SELECT list: one output row per element (rows with an empty list disappear) */
  unnest(list: string): string;
  /** the list [1, 2, …, n] */
  listSequence(n: string): string;
  /** a hash of a whole list (engine-specific, for grouping) */
  listHash(list: string): string;

  // --- tables
  createTable(name: string, columns: string[], opts?: CreateTableOptions): string;
  /** a table from a query's rows (`temporary`: the engine may keep it only for this connection) */
  createTableAs(name: string, select: string, opts?: { temporary?: boolean }): string;
  dropTable(name: string): string;
  renameTable(from: string, to: string): string;
  /** adds a column the table does not have yet (see table-ops `addColumnIfMissing`) */
  addColumn(table: string, column: string, type: string): string;
  dropColumn(table: string, column: string): string;
  /** statements removing the rows for which `where` is true (rows where it is NULL stay) */
  deleteRows(table: string, where: string): string[];
  /** statements setting `set` (column → expression) on the rows where `where` is true; `columns`: all the table's columns in order */
  updateRows(table: string, set: Record<string, string>, where: string, columns: string[]): string[];
  /**
   * statements making `source` the new `target` (dropping the old one): a rename where the engine allows it,
   * else rows copied into `target` (which then keeps its engine, e.g. a distributed table)
   */
  replaceTable(target: string, source: string, columns: string[]): string[];

  /** what a column of this engine's type holds (from `Engine.columns`) */
  columnKind(type: string): 'text' | 'number' | 'boolean' | 'timestamp' | 'other';
  /** SQL type names (nullable on every engine) */
  readonly types: { text: string; float: string; int: string; bigint: string; timestamp: string; bool: string };
}

/** a regular expression (RE2, as both engines use) matching any of `parts` literally */
export const anyOf = (parts: readonly string[]): string => parts.map((p) => p.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')).join('|');
