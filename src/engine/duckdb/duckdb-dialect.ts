// DuckDB's SQL dialect: strings only, no driver.
import type { Dialect } from '../dialect.js';

const BOOL_TRUE = `('true','t','yes','y','1')`;
const BOOL_FALSE = `('false','f','no','n','0')`;

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  capabilities: { windowFunctions: true, qualify: true, asofJoin: true },
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  literal: (value) => `'${value.replace(/'/g, "''")}'`,
  tryNumber: (expr) => `(CASE WHEN isfinite(TRY_CAST(trim(${expr}) AS DOUBLE)) THEN TRY_CAST(trim(${expr}) AS DOUBLE) END)`,
  // via TIMESTAMPTZ so offsets and a trailing Z are honoured; the session runs in UTC
  tryTimestamp: (expr) => `CAST(TRY_CAST(trim(${expr}) AS TIMESTAMPTZ) AS TIMESTAMP)`,
  tryBoolean: (expr) =>
    `(CASE WHEN lower(trim(${expr})) IN ${BOOL_TRUE} THEN TRUE WHEN lower(trim(${expr})) IN ${BOOL_FALSE} THEN FALSE END)`,
  isJson: (expr) => `json_valid(${expr})`,
  hashText: (exprs) => `md5(concat_ws(chr(31), ${exprs.map((e) => `coalesce(${e}, chr(30))`).join(', ')}))`,
  joinText: (exprs, sep) => `concat_ws(${duckdbDialect.literal(sep)}, ${exprs.map((e) => `coalesce(${e}, '')`).join(', ')})`,
  quantile: (expr, q) => `quantile_cont(${expr}, ${q})`,
  hoursBetween: (from, to) => `(epoch(${to}) - epoch(${from})) / 3600.0`,
  likeInsensitive: (expr, pattern) => `(${expr} ILIKE ${pattern} ESCAPE '\\')`,
  // compares the 64-bit hash itself: a modulo and a division per row cost more than the hash
  hashSample: (expr, fraction) => `(hash(${expr}) < CAST(${fraction} * 18446744073709551615.0 AS UBIGINT))`,
  nthSmallest: (expr, n) => `(min(${expr}, ${Math.floor(n)}))[${Math.floor(n)}]`,
  argMin: (value, by) => `arg_min(${value}, ${by})`,
  types: { text: 'VARCHAR', float: 'DOUBLE', int: 'INTEGER', bigint: 'BIGINT', timestamp: 'TIMESTAMP', bool: 'BOOLEAN' },
};
