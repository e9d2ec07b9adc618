// SQL text handling for ClickHouse: literals, `$name` parameters rendered as literals, statements split at top-level `;`.
import type { Params, SqlParam } from '../engine.js';
import { problem } from '../../shared/problems.js';

/** A ClickHouse string literal: backslash and quote escaped (ClickHouse reads backslash escapes in literals). */
export function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A parameter value as a literal. Integers stay plain (ClickHouse picks the smallest type); other numbers are Float64. */
export function valueLiteral(v: SqlParam): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    return Number.isInteger(v) ? String(v) : `toFloat64(${String(v)})`;
  }
  return stringLiteral(v);
}

/**
 * Walks SQL text outside quotes and comments. `onCode` sees each run of code; quoted strings, quoted identifiers and
 * comments are copied as they are.
 */
function scan(sql: string, onCode: (code: string) => string, onSplit?: (at: number) => void): string {
  let out = '';
  let i = 0;
  let code = '';
  const flush = (): void => {
    if (code) out += onCode(code);
    code = '';
  };
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (ch === "'" || ch === '"' || ch === '`') {
      flush();
      let j = i + 1;
      while (j < sql.length) {
        const c = sql[j];
        if (c === '\\') j += 2;
        else if (c === ch && sql[j + 1] === ch) j += 2;
        else if (c === ch) break;
        else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' && sql[i + 1] === '-') {
      flush();
      const end = sql.indexOf('\n', i);
      const j = end < 0 ? sql.length : end;
      out += sql.slice(i, j);
      i = j;
    } else if (ch === '/' && sql[i + 1] === '*') {
      flush();
      const end = sql.indexOf('*/', i + 2);
      const j = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, j);
      i = j;
    } else if (ch === ';' && onSplit) {
      flush();
      onSplit(out.length);
      out += ';';
      i++;
    } else {
      code += ch;
      i++;
    }
  }
  flush();
  return out;
}

/** Replaces `$name` placeholders (outside quotes) by literals of the given values; an unknown name is an error. */
export function renderParams(sql: string, params: Params | undefined): string {
  if (!params || Object.keys(params).length === 0) return sql;
  return scan(sql, (code) =>
    code.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
      if (!Object.prototype.hasOwnProperty.call(params, name)) throw problem('engine/error', { message: `no value for parameter $${name}` });
      return valueLiteral(params[name] as SqlParam);
    }),
  );
}

/** Statements of a script, split at `;` outside quotes and comments; blank ones dropped. */
export function splitStatements(sql: string): string[] {
  const cuts: number[] = [];
  const text = scan(sql, (c) => c, (at) => cuts.push(at));
  const parts: string[] = [];
  let from = 0;
  for (const at of cuts) {
    parts.push(text.slice(from, at));
    from = at + 1;
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}
