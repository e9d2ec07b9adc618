// Shared pieces of the fuzz suites: a case counter printed for CI, a time limit per case, byte mutations of valid files.
import fc from 'fast-check';

/** Counts generated cases of one suite and prints `# fuzz <suite>: N cases` (CI logs report it). */
export function caseCounter(suite: string): { tick(): void; report(): number } {
  let n = 0;
  return {
    tick: () => void n++,
    report: () => {
      console.log(`# fuzz ${suite}: ${n} cases`);
      return n;
    },
  };
}

/** Rejects when `p` takes longer than `ms`: a hang is a failure, not a stuck CI job. */
export async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${what} took more than ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Bytes that break readers: quotes, separators, line ends, NUL, lone UTF-8 lead/continuation bytes, braces, backslash. */
const NASTY = [0x22, 0x2c, 0x0a, 0x0d, 0x09, 0x00, 0xff, 0xc3, 0x80, 0xe2, 0x7b, 0x7d, 0x5c, 0x27, 0x3b, 0xef, 0xbb, 0xbf];

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'extra-column'; line: number; text: string }
  | { kind: 'huge-field'; line: number; size: number }
  | { kind: 'drop-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number };

/** A mutation; positions are fractions of the file (0..1) so one arbitrary fits every file. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((at) => ({ kind: 'truncate' as const, at })),
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }).map((r) => ({ kind: 'delete' as const, ...r })),
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }) })
    .map((r) => ({ kind: 'insert' as const, ...r })),
  fc.nat(60).map((line) => ({ kind: 'duplicate-line' as const, line })),
  fc.record({ line: fc.nat(60), text: fc.string({ maxLength: 12 }) }).map((r) => ({ kind: 'extra-column' as const, ...r })),
  fc.record({ line: fc.nat(60), size: fc.integer({ min: 10_000, max: 300_000 }) }).map((r) => ({ kind: 'huge-field' as const, ...r })),
  fc.nat(60).map((line) => ({ kind: 'drop-line' as const, line })),
  fc.record({ a: fc.nat(60), b: fc.nat(60) }).map((r) => ({ kind: 'swap-lines' as const, ...r })),
);

function lines(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < buf.length; i++)
    if (buf[i] === 0x0a) {
      out.push(buf.subarray(from, i));
      from = i + 1;
    }
  if (from < buf.length) out.push(buf.subarray(from));
  return out;
}

const joinLines = (ls: Buffer[]): Buffer => Buffer.concat(ls.flatMap((l) => [l, Buffer.from('\n')]));

export function mutate(buf: Buffer, m: Mutation): Buffer {
  const at = (f: number): number => Math.min(buf.length, Math.floor(f * buf.length));
  const ls = lines(buf);
  const pick = (n: number): number => (ls.length ? n % ls.length : 0);
  switch (m.kind) {
    case 'truncate':
      return buf.subarray(0, at(m.at));
    case 'delete':
      return Buffer.concat([buf.subarray(0, at(m.at)), buf.subarray(Math.min(buf.length, at(m.at) + m.length))]);
    case 'insert':
      return Buffer.concat([buf.subarray(0, at(m.at)), Buffer.from(m.bytes), buf.subarray(at(m.at))]);
    case 'duplicate-line':
      if (!ls.length) return buf;
      ls.splice(pick(m.line), 0, ls[pick(m.line)] as Buffer);
      return joinLines(ls);
    case 'extra-column':
      if (!ls.length) return buf;
      ls[pick(m.line)] = Buffer.concat([ls[pick(m.line)] as Buffer, Buffer.from(`,${m.text}`)]);
      return joinLines(ls);
    case 'huge-field':
      if (!ls.length) return buf;
      ls[pick(m.line)] = Buffer.concat([ls[pick(m.line)] as Buffer, Buffer.from(`x${'y'.repeat(m.size)}`)]);
      return joinLines(ls);
    case 'drop-line':
      ls.splice(pick(m.line), 1);
      return joinLines(ls);
    case 'swap-lines': {
      if (!ls.length) return buf;
      const a = ls[pick(m.a)] as Buffer;
      ls[pick(m.a)] = ls[pick(m.b)] as Buffer;
      ls[pick(m.b)] = a;
      return joinLines(ls);
    }
  }
}

/** A CSV field as a writer would quote it. */
export function csvField(v: string): string {
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
