// Decodes ClickHouse TabSeparated result values by column type into the plain values the Engine interface promises.

/** Strips Nullable(…) / LowCardinality(…) wrappers. */
export function baseType(type: string): string {
  const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return m ? baseType(m[1] as string) : type;
}

const TSV_ESCAPES: Record<string, string> = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', '0': '\0', "'": "'", '\\': '\\', '"': '"', '/': '/' };

/** A TSV field's text with its backslash escapes undone. */
export function unescapeTsv(field: string): string {
  if (field.indexOf('\\') < 0) return field;
  return field.replace(/\\(.)/gs, (_m, c: string) => TSV_ESCAPES[c] ?? c);
}

/** ClickHouse `DateTime` text (server in UTC) → ISO 8601 with milliseconds and Z, as the DuckDB engine returns timestamps. */
function isoTimestamp(text: string): string {
  return text.length === 19 ? `${text.replace(' ', 'T')}.000Z` : text;
}

function scalar(type: string, text: string): unknown {
  const t = baseType(type);
  if (/^U?Int(8|16|32|64)$/.test(t) || /^Float(32|64)$/.test(t) || t.startsWith('Decimal')) {
    if (text === 'nan' || text === '-nan') return NaN;
    if (text === 'inf' || text === '+inf') return Infinity;
    if (text === '-inf') return -Infinity;
    return Number(text);
  }
  if (t === 'DateTime' || t.startsWith('DateTime(')) return isoTimestamp(text);
  return text;
}

/** Splits `Tuple(A, B(C, D))`'s arguments at top-level commas. */
function typeArgs(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(inner.slice(start).trim());
  return out;
}

/** Parser of ClickHouse's text form of arrays and tuples (`[1,'a\'b',NULL]`, `(1,'x')`). */
class NestedText {
  private i = 0;
  constructor(private readonly s: string) {}

  value(type: string): unknown {
    const t = baseType(type);
    if (this.s.startsWith('NULL', this.i)) {
      this.i += 4;
      return null;
    }
    if (t.startsWith('Array(')) return this.list(t.slice(6, -1));
    if (t.startsWith('Tuple(')) return this.tuple(typeArgs(t.slice(6, -1)));
    if (this.s[this.i] === "'") return scalar(t, this.quoted());
    const start = this.i;
    while (this.i < this.s.length && !',])'.includes(this.s[this.i] as string)) this.i++;
    return scalar(t, this.s.slice(start, this.i));
  }

  private quoted(): string {
    let out = '';
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i] as string;
      if (c === '\\') {
        const n = this.s[this.i + 1] as string;
        out += TSV_ESCAPES[n] ?? n;
        this.i += 2;
      } else if (c === "'") {
        this.i++;
        break;
      } else {
        out += c;
        this.i++;
      }
    }
    return out;
  }

  private list(elem: string): unknown[] {
    const out: unknown[] = [];
    this.i++; // [
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(elem));
      const c = this.s[this.i++];
      if (c !== ',') break;
    }
    return out;
  }

  private tuple(types: string[]): unknown[] {
    const out: unknown[] = [];
    this.i++; // (
    for (let k = 0; k < types.length; k++) {
      out.push(this.value(types[k] as string));
      this.i++; // , or )
    }
    return out;
  }
}

/** One TSV field of a column of the given type: `\N` is NULL, arrays and tuples become JS arrays. */
export function decodeField(type: string, field: string): unknown {
  if (field === '\\N') return null;
  const t = baseType(type);
  // arrays and tuples are written in their quoted text form, without a second layer of TSV escaping
  if (t.startsWith('Array(') || t.startsWith('Tuple(')) return new NestedText(field).value(t);
  return scalar(t, unescapeTsv(field));
}
