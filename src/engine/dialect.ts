// Abstract SQL dialect: the small hooks where engines' SQL differs (analysis and ingest code use only these).

export interface DialectCapabilities {
  readonly windowFunctions: boolean;
  readonly qualify: boolean;
  readonly asofJoin: boolean;
}

export interface Dialect {
  readonly name: 'duckdb' | 'clickhouse';
  readonly capabilities: DialectCapabilities;
  /** a quoted identifier */
  ident(name: string): string;
  /** a string literal (for generated SQL only; values go through parameters) */
  literal(value: string): string;
  /** NULL when `expr` (text) is not a number */
  tryNumber(expr: string): string;
  /** NULL when `expr` (text) is not an ISO 8601 date / timestamp; result is a UTC timestamp */
  tryTimestamp(expr: string): string;
  /** NULL when `expr` (text) is not a boolean word (true/false, yes/no, 1/0, t/f, y/n) */
  tryBoolean(expr: string): string;
  /** true when `expr` (text) is valid JSON */
  isJson(expr: string): string;
  /** a stable text hash of the given text expressions */
  hashText(exprs: string[]): string;
  /** text expressions joined by a separator, NULL as empty */
  joinText(exprs: string[], sep: string): string;
  /** median / quantile of a numeric expression */
  quantile(expr: string, q: number): string;
  /** hours between two timestamps as a float */
  hoursBetween(from: string, to: string): string;
  /** case-insensitive LIKE of a text expression against a pattern expression (`%`, `_`; backslash escapes) */
  likeInsensitive(expr: string, pattern: string): string;
  /** TRUE for a stable pseudo-random share `fraction` (an SQL expression in [0, 1)) of the values of `expr` (deterministic sampling) */
  hashSample(expr: string, fraction: string): string;
  /** aggregate: the n-th smallest value of `expr` in the group (NULL when the group has fewer) */
  nthSmallest(expr: string, n: number): string;
  /** aggregate: `value` at the row with the smallest `by` */
  argMin(value: string, by: string): string;
  /** SQL type names */
  readonly types: { text: string; float: string; int: string; bigint: string; timestamp: string; bool: string };
}
