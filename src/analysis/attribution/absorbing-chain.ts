// A sparse absorbing Markov chain (transient states → transient, conversion, null) and its absorption probabilities.

/**
 * Transient states are 0 … size−1 (0 is the start state by convention of the caller); the two
 * absorbing states, conversion and null, are kept as per-state exit probabilities. Rows are in
 * compressed sparse row form, so memory and time grow with observed transitions only.
 */
export interface AbsorbingChain {
  size: number;
  rowStart: Int32Array;
  col: Int32Array;
  prob: Float64Array;
  toConversion: Float64Array;
  toNull: Float64Array;
}

/** Transition counts observed from one state: to other transient states, to conversion, to null. */
export interface StateCounts {
  next: Map<number, number>;
  conversion: number;
  null: number;
}

export function newStateCounts(): StateCounts {
  return { next: new Map(), conversion: 0, null: 0 };
}

/** Normalises counts row by row into probabilities; a state with no outgoing count exits to null. */
export function buildChain(counts: readonly StateCounts[]): AbsorbingChain {
  const size = counts.length;
  const rowStart = new Int32Array(size + 1);
  let nnz = 0;
  counts.forEach((c, s) => {
    rowStart[s] = nnz;
    nnz += c.next.size;
  });
  rowStart[size] = nnz;
  const col = new Int32Array(nnz);
  const prob = new Float64Array(nnz);
  const toConversion = new Float64Array(size);
  const toNull = new Float64Array(size);
  counts.forEach((c, s) => {
    let total = c.conversion + c.null;
    for (const n of c.next.values()) total += n;
    if (total === 0) {
      toNull[s] = 1;
      return;
    }
    // Sorted columns make the sweep order, and so the last bits of the result, independent of input order.
    let k = rowStart[s] as number;
    for (const [t, n] of [...c.next].sort((a, b) => a[0] - b[0])) {
      col[k] = t;
      prob[k] = n / total;
      k++;
    }
    toConversion[s] = c.conversion / total;
    toNull[s] = c.null / total;
  });
  return { size, rowStart, col, prob, toConversion, toNull };
}

export interface SolveOptions {
  /** states treated as removed: entering one ends the journey without reward (a null) */
  removed?: Uint8Array;
  /** a starting guess (e.g. the solution without removal), copied, not modified */
  start?: Float64Array;
  /** stop when a sweep changes no entry by more than this times the largest entry */
  tolerance?: number;
  maxSweeps?: number;
}

/**
 * Solves x = r + Q x on the transient states (x[s] = 0 for removed states) by Gauss–Seidel sweeps.
 * With r = P(s → conversion) the result is each state's probability of ending in conversion; with
 * r = P(s → conversion) × mean conversion value it is each state's expected conversion value.
 * The chain is absorbing (every observed state lies on a journey that ended), so the sweeps converge
 * geometrically; each costs one pass over the observed transitions.
 */
export function solveAbsorption(
  chain: AbsorbingChain,
  reward: Float64Array,
  opts: SolveOptions = {},
): Float64Array {
  const { size, rowStart, col, prob } = chain;
  const removed = opts.removed;
  const tolerance = opts.tolerance ?? 1e-15;
  const maxSweeps = opts.maxSweeps ?? 100_000;
  const x = opts.start ? Float64Array.from(opts.start) : Float64Array.from(reward);
  if (removed) for (let s = 0; s < size; s++) if (removed[s]) x[s] = 0;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let change = 0;
    let largest = 0;
    for (let s = 0; s < size; s++) {
      if (removed?.[s]) continue;
      let v = reward[s] as number;
      const end = rowStart[s + 1] as number;
      for (let k = rowStart[s] as number; k < end; k++)
        v += (prob[k] as number) * (x[col[k] as number] as number);
      const d = Math.abs(v - (x[s] as number));
      if (d > change) change = d;
      if (v > largest) largest = v;
      x[s] = v;
    }
    if (change <= tolerance * largest) break;
  }
  return x;
}
