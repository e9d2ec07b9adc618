// Every lead's events held compactly for batch and server scoring: typed arrays behind a table keyed by a 64-bit hash of the id.
import { GAPS } from './fit-timing.js';
import type { EventEvidence } from './score-lead.js';

let hashA = 0;
let hashB = 0;

/** Two independent 32-bit hashes of a string (FNV-1a and a multiply-shift variant) into hashA, hashB: 64 bits per id. */
function hash2(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
    b ^= b >>> 15;
  }
  hashA = a >>> 0;
  hashB = (b ^ (b >>> 13)) >>> 0;
}

/** Doubles per lead in `head`: where its cells start, its furthest stage, its gaps. */
const H = 2 + GAPS.length;

/**
 * The arrays of a store, each over a SharedArrayBuffer: another thread builds a store over the same memory
 * (`EvidenceStore.fromShared`), nothing copied or rebuilt.
 */
export interface SharedEvidence {
  count: number;
  used: number;
  table: Uint32Array<ArrayBufferLike>;
  head: Float64Array<ArrayBufferLike>;
  pairs: Int32Array<ArrayBufferLike>;
}

/**
 * Every lead's events, held compactly: a lead's cell counts, furthest stage and gaps in typed arrays behind an
 * open-addressing table keyed by a 64-bit hash of the lead id (no id strings are kept: a million leads cost tens of
 * megabytes and no garbage-collector work). Two ids sharing all 64 bits would share evidence; at a million ids the chance
 * is ~10⁻⁷. Laid out for few cache misses per lookup (a batch looks up a million leads in random order): a table slot
 * holds both key halves and the lead's index, a lead's head its cells' start, stage and gaps (the next lead's start ends
 * its cells), and cells and counts are interleaved. `fill` copies one lead's evidence into a reused object, so scoring
 * allocates nothing per lead.
 */
export class EvidenceStore {
  /** 4 words per slot: key halves a, b, lead index + 1 (0: empty), unused */
  private table: Uint32Array<ArrayBufferLike> = new Uint32Array(4 * 2048);
  private count = 0;
  /** H doubles per lead, and one more lead's start: the end of the last lead's cells */
  private head: Float64Array<ArrayBufferLike> = new Float64Array(H * 1025);
  /** cell, count, cell, count, … */
  private pairs: Int32Array<ArrayBufferLike> = new Int32Array(2 * 4096);
  private used = 0;
  /** the byte form while the store is unchanged since `toBytes` / `fromBytes` */
  private bytes: Uint8Array | null = null;

  get size(): number {
    return this.count;
  }

  private slots(): number {
    return this.table.length >>> 2;
  }

  /** The slot of key (a, b): its own, or the empty one where it would go. */
  private find(a: number, b: number): number {
    const mask = this.slots() - 1;
    const t = this.table;
    let i = a & mask;
    for (;;) {
      const at = i << 2;
      if (t[at + 2] === 0 || (t[at] === a && t[at + 1] === b)) return i;
      i = (i + 1) & mask;
    }
  }

  add(id: string, e: EventEvidence): void {
    hash2(id);
    const i = this.claim(hashA, hashB, e.size);
    if (i < 0) return;
    const h = this.head;
    h[i * H + 1] = e.furthest;
    for (let g = 0; g < GAPS.length; g++) h[i * H + 2 + g] = e.gaps[g] as number;
    for (let j = 0; j < e.size; j++) {
      this.pairs[2 * this.used] = e.cells[j] as number;
      this.pairs[2 * this.used++ + 1] = e.counts[j] as number;
    }
    h[(i + 1) * H] = this.used;
  }

  /**
   * A new lead of key (a, b) with room for `size` cells: its index (its head's start set, the rest for the caller to
   * fill, ending with the next start), or −1 when the key is there already.
   */
  private claim(a: number, b: number, size: number): number {
    let at = this.find(a, b);
    if (this.table[(at << 2) + 2] !== 0) return -1;
    this.bytes = null;
    const i = this.count;
    if ((i + 2) * H > this.head.length) this.growHead(Math.max(1024, i * 2));
    if ((i + 1) * 2 > this.slots()) {
      this.rehash(this.slots() * 2);
      at = this.find(a, b);
    }
    const t = this.table;
    t[at << 2] = a;
    t[(at << 2) + 1] = b;
    t[(at << 2) + 2] = i + 1;
    this.count++;
    this.head[i * H] = this.used;
    while (2 * (this.used + size) > this.pairs.length) this.growPairs(Math.max(8192, this.pairs.length * 2));
    return i;
  }

  /** Copies lead `i` of `src`, of key (a, b), unless this store has that key. */
  private copyLead(src: EvidenceStore, i: number, a: number, b: number): void {
    const sh = src.head;
    const from = sh[i * H] as number;
    const n = (sh[(i + 1) * H] as number) - from;
    const k = this.claim(a, b, n);
    if (k < 0) return;
    const h = this.head;
    for (let x = 1; x < H; x++) h[k * H + x] = sh[i * H + x] as number;
    const sp = src.pairs;
    for (let j = 0; j < 2 * n; j++) this.pairs[2 * this.used + j] = sp[2 * from + j] as number;
    this.used += n;
    h[(k + 1) * H] = this.used;
  }

  /** `base` with the leads of `updates` in place of its own (a lead's evidence counted again, or a new lead). */
  static merged(base: EvidenceStore, updates: EvidenceStore): EvidenceStore {
    const out = new EvidenceStore();
    for (const src of [updates, base]) {
      const t = src.table;
      for (let at = 0; at < t.length; at += 4) {
        const i = (t[at + 2] as number) - 1;
        if (i >= 0) out.copyLead(src, i, t[at] as number, t[at + 1] as number);
      }
    }
    return out;
  }

  /** Copies the evidence of `id` into `into` (reused arrays); false when the lead has no events. */
  fill(id: string, into: EventEvidence): boolean {
    hash2(id);
    const i = (this.table[(this.find(hashA, hashB) << 2) + 2] as number) - 1;
    if (i < 0) return false;
    const h = this.head;
    const from = h[i * H] as number;
    const n = (h[(i + 1) * H] as number) - from;
    into.furthest = h[i * H + 1] as number;
    for (let g = 0; g < GAPS.length; g++) into.gaps[g] = h[i * H + 2 + g] as number;
    const p = this.pairs;
    for (let j = 0; j < n; j++) {
      into.cells[j] = p[2 * (from + j)] as number;
      into.counts[j] = p[2 * (from + j) + 1] as number;
    }
    into.size = n;
    return true;
  }

  /** The store's arrays in shared memory (copied there once when they are not) for `fromShared` on another thread. */
  shared(): SharedEvidence {
    const share = <T extends Uint32Array<ArrayBufferLike> | Float64Array<ArrayBufferLike> | Int32Array<ArrayBufferLike>>(x: T, length: number, make: (b: SharedArrayBuffer) => T): T => {
      if (x.buffer instanceof SharedArrayBuffer && x.length === length) return x;
      const out = make(new SharedArrayBuffer(length * x.BYTES_PER_ELEMENT));
      out.set(x.subarray(0, length) as never);
      return out;
    };
    this.table = share(this.table, this.table.length, (b) => new Uint32Array(b));
    this.head = share(this.head, (this.count + 1) * H, (b) => new Float64Array(b));
    this.pairs = share(this.pairs, 2 * this.used, (b) => new Int32Array(b));
    return { count: this.count, used: this.used, table: this.table, head: this.head, pairs: this.pairs };
  }

  static fromShared(x: SharedEvidence): EvidenceStore {
    const s = new EvidenceStore();
    Object.assign(s, { count: x.count, used: x.used, table: x.table, head: x.head, pairs: x.pairs });
    return s;
  }

  /**
   * The store as bytes for keeping (`repository/lead-evidence-store.ts`; see `fromBytes`): heads, then each lead's key
   * halves (the table is rebuilt on reading), then cells and counts in 16 bits when they fit.
   */
  toBytes(): Uint8Array {
    if (this.bytes) return this.bytes;
    let wide = 0;
    for (let j = 0; j < 2 * this.used; j++) if ((this.pairs[j] as number) > 0xffff || (this.pairs[j] as number) < 0) wide = 1;
    const layout = bytesLayout(GAPS.length, this.count, this.used, wide);
    const bytes = new Uint8Array(new SharedArrayBuffer(layout.total));
    const v = views(bytes, layout);
    v.header.set([MAGIC, GAPS.length, this.count, this.used, wide]);
    v.head.set(this.head.subarray(0, (this.count + 1) * H));
    const t = this.table;
    for (let at = 0; at < t.length; at += 4) {
      const i = (t[at + 2] as number) - 1;
      if (i < 0) continue;
      v.keys[2 * i] = t[at] as number;
      v.keys[2 * i + 1] = t[at + 1] as number;
    }
    v.pairs.set(this.pairs.subarray(0, 2 * this.used));
    this.bytes = bytes;
    return bytes;
  }

  /**
   * A store read from bytes written by `toBytes` (the heads are a view: the bytes must stay unchanged), its arrays in
   * shared memory; null when they are not such bytes (another format, a different number of gaps, cut short). The bytes
   * must be 8-byte aligned.
   */
  static fromBytes(bytes: Uint8Array): EvidenceStore | null {
    if (bytes.byteLength < HEADER_BYTES || bytes.byteOffset % 8 !== 0) return null;
    const hd = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
    const [magic, g, count, used, wide] = [hd[0], hd[1], hd[2], hd[3], hd[4]] as number[] as [number, number, number, number, number];
    if (magic !== MAGIC || g !== GAPS.length || wide > 1) return null;
    const layout = bytesLayout(g, count, used, wide);
    if (layout.total !== bytes.byteLength) return null;
    const v = views(bytes, layout);
    if (v.head[0] !== 0 || v.head[count * H] !== used) return null;
    const s = new EvidenceStore();
    let slots = 2048;
    while (slots < count * 2 + 2) slots *= 2;
    s.table = new Uint32Array(new SharedArrayBuffer(16 * slots));
    for (let i = 0; i < count; i++) {
      const a = v.keys[2 * i] as number;
      const b = v.keys[2 * i + 1] as number;
      const at = s.find(a, b) << 2;
      s.table[at] = a;
      s.table[at + 1] = b;
      s.table[at + 2] = i + 1;
    }
    let pairs: Int32Array;
    if (v.pairs instanceof Int32Array) pairs = v.pairs;
    else {
      pairs = new Int32Array(new SharedArrayBuffer(8 * used));
      pairs.set(v.pairs);
    }
    Object.assign(s, { count, used, head: v.head, pairs, bytes });
    return s;
  }

  private rehash(slots: number): void {
    const old = this.table;
    this.table = new Uint32Array(4 * slots);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] === 0) continue;
      const to = this.find(old[at] as number, old[at + 1] as number) << 2;
      this.table[to] = old[at] as number;
      this.table[to + 1] = old[at + 1] as number;
      this.table[to + 2] = old[at + 2] as number;
    }
  }

  private growHead(leads: number): void {
    const h = new Float64Array((leads + 1) * H);
    h.set(this.head.subarray(0, Math.min(this.head.length, h.length)));
    this.head = h;
  }

  private growPairs(n: number): void {
    const p = new Int32Array(n);
    p.set(this.pairs.subarray(0, 2 * this.used));
    this.pairs = p;
  }
}

/** "AEV3": the format of `toBytes` */
const MAGIC = 0x33564541;
const HEADER_WORDS = 8;
const HEADER_BYTES = HEADER_WORDS * 4;

interface BytesLayout {
  count: number;
  used: number;
  /** 1: cells and counts in 32 bits, 0: in 16 */
  wide: number;
  total: number;
}

/** Sizes of the byte form: header, heads (doubles first, aligned), key halves, cell and count pairs. */
function bytesLayout(g: number, count: number, used: number, wide: number): BytesLayout {
  const total = HEADER_BYTES + 8 * (count + 1) * (2 + g) + 8 * count + (wide ? 4 : 2) * 2 * used;
  return { count, used, wide, total };
}

function views(bytes: Uint8Array, l: BytesLayout): { header: Uint32Array; head: Float64Array; keys: Uint32Array; pairs: Int32Array | Uint16Array } {
  const buf = bytes.buffer;
  let at = bytes.byteOffset;
  const header = new Uint32Array(buf, at, HEADER_WORDS);
  at += HEADER_BYTES;
  const head = new Float64Array(buf, at, (l.count + 1) * H);
  at += head.byteLength;
  const keys = new Uint32Array(buf, at, 2 * l.count);
  at += keys.byteLength;
  const pairs = l.wide ? new Int32Array(buf, at, 2 * l.used) : new Uint16Array(buf, at, 2 * l.used);
  return { header, head, keys, pairs };
}

/** An empty evidence object to be filled by `EvidenceStore.fill` or `evidenceOf`. */
export const blankEvidence = (): EventEvidence => ({ furthest: -1, size: 0, cells: [], counts: [], gaps: GAPS.map(() => NaN) });
