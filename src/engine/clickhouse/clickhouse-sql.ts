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

type Token = { kind: 'word' | 'open' | 'close' | 'other'; text: string };

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    let j = i + 1;
    if (ch === "'" || ch === '"' || ch === '`') {
      while (j < sql.length) {
        const c = sql[j];
        if (c === '\\') j += 2;
        else if (c === ch && sql[j + 1] === ch) j += 2;
        else if (c === ch) break;
        else j++;
      }
      j++;
      out.push({ kind: 'other', text: sql.slice(i, j) });
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      j = end < 0 ? sql.length : end;
      out.push({ kind: 'other', text: sql.slice(i, j) });
    } else if (/[A-Za-z_]/.test(ch)) {
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j] as string)) j++;
      out.push({ kind: 'word', text: sql.slice(i, j) });
    } else if (ch === '(' || ch === '[') out.push({ kind: 'open', text: ch });
    else if (ch === ')' || ch === ']') out.push({ kind: 'close', text: ch });
    else {
      while (j < sql.length && !/[A-Za-z_'"`()[\]-]/.test(sql[j] as string)) j++;
      out.push({ kind: 'other', text: sql.slice(i, j) });
    }
    i = j;
  }
  return out;
}

const isWord = (t: Token | undefined, w: string): boolean => t?.kind === 'word' && t.text.toUpperCase() === w;

/**
 * ClickHouse 18.16 evaluates a simple `CASE x WHEN v THEN r … END` without a non-NULL ELSE to NULL (typed
 * Nullable(Nothing)) even where a branch matches. Every simple CASE is rewritten to the searched form
 * `CASE WHEN (x) = (v) THEN r … END`, which all versions evaluate correctly.
 */
export function rewriteSimpleCase(sql: string): string {
  if (!/\bCASE\b/i.test(sql)) return sql;
  const tokens = tokenize(sql);
  let pos = 0;
  /** copies tokens until one of `stops` at depth 0 (not consumed) or the end; nested CASEs rewritten */
  const until = (stops: string[]): string => {
    let out = '';
    let depth = 0;
    while (pos < tokens.length) {
      const t = tokens[pos] as Token;
      if (depth === 0 && t.kind === 'word' && stops.includes(t.text.toUpperCase())) break;
      if (depth === 0 && t.kind === 'close' && stops.includes(')')) break;
      if (t.kind === 'open') depth++;
      if (t.kind === 'close') depth--;
      if (isWord(t, 'CASE')) {
        pos++;
        out += caseExpr();
        continue;
      }
      out += t.text;
      pos++;
    }
    return out;
  };
  const caseExpr = (): string => {
    // after CASE: searched form when the next word is WHEN
    let k = pos;
    while (k < tokens.length && (tokens[k] as Token).kind === 'other' && !(tokens[k] as Token).text.trim()) k++;
    if (isWord(tokens[k], 'WHEN')) {
      const body = until(['END']);
      pos++; // END
      return `CASE${body}END`;
    }
    const operand = until(['WHEN']).trim();
    let out = 'CASE';
    while (isWord(tokens[pos], 'WHEN')) {
      pos++;
      const value = until(['THEN']).trim();
      pos++; // THEN
      const result = until(['WHEN', 'ELSE', 'END']);
      out += ` WHEN (${operand}) = (${value}) THEN${result.trimEnd()}`;
    }
    if (isWord(tokens[pos], 'ELSE')) {
      pos++;
      out += ` ELSE${until(['END']).trimEnd()}`;
    }
    pos++; // END
    return `${out.trimEnd()} END`;
  };
  return until([]);
}

const JOIN_START = new Set(['JOIN', 'LEFT', 'INNER', 'RIGHT', 'FULL', 'ANY', 'ALL', 'CROSS', 'GLOBAL', 'ASOF', 'SEMI', 'ANTI']);
const NOT_ALIAS = new Set([...JOIN_START, 'ARRAY', 'WHERE', 'PREWHERE', 'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'ON', 'USING', 'FINAL', 'SAMPLE', 'UNION', 'SETTINGS', 'FORMAT', 'AS']);

/**
 * On a cluster, `FROM <Distributed table> [alias] JOIN …` sends the whole join to every shard, where a table of the
 * coordinator (a working table such as `_segment_now`) does not exist, and 18.16 cannot resolve qualified names across
 * such a join at all. Such a left side becomes `(SELECT * FROM table) alias`: the table's rows are gathered first and
 * the join runs on the coordinator, which is right for any join key. Joins of subqueries and reads without a join are
 * left alone (they already run where ClickHouse can distribute them).
 */
export function wrapDistributedJoins(sql: string, distributed: ReadonlySet<string>): string {
  if (distributed.size === 0 || !/\bJOIN\b/i.test(sql)) return sql;
  const tokens = tokenize(sql);
  const next = (i: number): number => {
    let j = i + 1;
    while (j < tokens.length && tokens[j]?.kind === 'other' && /^\s*$/.test(tokens[j]?.text ?? '')) j++;
    return j;
  };
  const nameOf = (t: Token | undefined): string | null => {
    if (!t) return null;
    if (t.kind === 'word') return t.text;
    if (t.kind === 'other' && /^(".*"|`.*`)$/s.test(t.text)) return t.text.slice(1, -1).replace(/\\(.)/g, '$1');
    return null;
  };
  const upper = (t: Token | undefined): string => (t?.kind === 'word' ? t.text.toUpperCase() : '');
  let changed = false;
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'FROM')) continue;
    const at = next(i);
    const name = nameOf(tokens[at]);
    if (!name || !distributed.has(name)) continue;
    let k = next(at);
    let alias: string | null = null;
    if (upper(tokens[k]) === 'AS') k = next(k);
    const maybeAlias = nameOf(tokens[k]);
    if (maybeAlias && !NOT_ALIAS.has(maybeAlias.toUpperCase())) {
      alias = maybeAlias;
      k = next(k);
    }
    const w = upper(tokens[k]);
    if (!JOIN_START.has(w) || (w === 'LEFT' && upper(tokens[next(k)]) === 'ARRAY')) continue;
    const text = (tokens[at] as Token).text;
    (tokens[at] as Token).text = `(SELECT * FROM ${text})${alias ? '' : ` AS ${text}`}`;
    changed = true;
  }
  return changed ? tokens.map((t) => t.text).join('') : sql;
}
