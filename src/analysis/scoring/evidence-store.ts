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

export interface EvidenceData {
  keyA: Uint32Array;
  keyB: Uint32Array;
  slotOf: Int32Array;
  count: number;
  furthest: Int8Array;
  gaps: Float64Array;
  start: Int32Array;
  cells: Int32Array;
  counts: Int32Array;
  used: number;
}

/**
 * Every lead's events, held compactly: typed arrays of cells, counts, gaps and furthest stage behind an open-addressing
 * table keyed by a 64-bit hash of the lead id (no id strings are kept: a million leads cost tens of megabytes and no
 * garbage-collector work). Two ids sharing all 64 bits would share evidence; at a million ids the chance is ~10⁻⁷.
 * `fill` copies one lead's evidence into a reused object, so scoring allocates nothing per lead.
 */
export class EvidenceStore {
  private keyA = new Uint32Array(2048);
  private keyB = new Uint32Array(2048);
  private slotOf = new Int32Array(2048).fill(-1);
  private count = 0;
  private furthest = new Int8Array(1024);
  private gaps = new Float64Array(1024 * GAPS.length);
  private start = new Int32Array(1025);
  private cells = new Int32Array(4096);
  private counts = new Int32Array(4096);
  private used = 0;

  get size(): number {
    return this.count;
  }

  /** The arrays behind the store (for another thread; structured clone copies them). */
  data(): EvidenceData {
    return {
      keyA: this.keyA, keyB: this.keyB, slotOf: this.slotOf, count: this.count, furthest: this.furthest, gaps: this.gaps,
      start: this.start, cells: this.cells, counts: this.counts, used: this.used,
    };
  }

  static from(d: EvidenceData): EvidenceStore {
    const s = new EvidenceStore();
    Object.assign(s, d);
    return s;
  }

  private find(a: number, b: number): number {
    const mask = this.slotOf.length - 1;
    let i = a & mask;
    while (this.slotOf[i] !== -1 && (this.keyA[i] !== a || this.keyB[i] !== b)) i = (i + 1) & mask;
    return i;
  }

  add(id: string, e: EventEvidence): void {
    hash2(id);
    const a = hashA;
    const b = hashB;
    let at = this.find(a, b);
    if (this.slotOf[at] !== -1) return;
    const i = this.count;
    if (i + 1 >= this.furthest.length) this.grow(i * 2);
    if ((i + 1) * 2 > this.slotOf.length) {
      this.rehash(this.slotOf.length * 2);
      at = this.find(a, b);
    }
    this.keyA[at] = a;
    this.keyB[at] = b;
    this.slotOf[at] = i;
    this.count++;
    this.furthest[i] = e.furthest;
    for (let g = 0; g < GAPS.length; g++) this.gaps[i * GAPS.length + g] = e.gaps[g] as number;
    while (this.used + e.size > this.cells.length) this.growCells(this.cells.length * 2);
    for (let j = 0; j < e.size; j++) {
      this.cells[this.used] = e.cells[j] as number;
      this.counts[this.used++] = e.counts[j] as number;
    }
    this.start[i + 1] = this.used;
  }

  /** Copies the evidence of `id` into `into` (reused arrays); false when the lead has no events. */
  fill(id: string, into: EventEvidence): boolean {
    hash2(id);
    const i = this.slotOf[this.find(hashA, hashB)] as number;
    if (i < 0) return false;
    into.furthest = this.furthest[i] as number;
    const from = this.start[i] as number;
    const n = (this.start[i + 1] as number) - from;
    for (let j = 0; j < n; j++) {
      into.cells[j] = this.cells[from + j] as number;
      into.counts[j] = this.counts[from + j] as number;
    }
    into.size = n;
    for (let g = 0; g < GAPS.length; g++) into.gaps[g] = this.gaps[i * GAPS.length + g] as number;
    return true;
  }

  private rehash(n: number): void {
    const [oa, ob, os] = [this.keyA, this.keyB, this.slotOf];
    this.keyA = new Uint32Array(n);
    this.keyB = new Uint32Array(n);
    this.slotOf = new Int32Array(n).fill(-1);
    for (let j = 0; j < os.length; j++) {
      if (os[j] === -1) continue;
      const at = this.find(oa[j] as number, ob[j] as number);
      this.keyA[at] = oa[j] as number;
      this.keyB[at] = ob[j] as number;
      this.slotOf[at] = os[j] as number;
    }
  }

  private grow(n: number): void {
    const f = new Int8Array(n);
    f.set(this.furthest);
    this.furthest = f;
    const g = new Float64Array(n * GAPS.length);
    g.set(this.gaps);
    this.gaps = g;
    const s = new Int32Array(n + 1);
    s.set(this.start);
    this.start = s;
  }

  private growCells(n: number): void {
    const c = new Int32Array(n);
    c.set(this.cells);
    this.cells = c;
    const k = new Int32Array(n);
    k.set(this.counts);
    this.counts = k;
  }
}

/** An empty evidence object to be filled by `EvidenceStore.fill` or `evidenceOf`. */
export const blankEvidence = (): EventEvidence => ({ furthest: -1, size: 0, cells: [], counts: [], gaps: GAPS.map(() => NaN) });
