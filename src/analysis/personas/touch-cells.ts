// Which touch cells (stage × channel × content type) each customer has, as bit masks from one pass grouped by customer:
// a grouping per customer and cell has ~18× the groups at 1M customers (18M vs 1M) and costs ~4× the CPU.
import type { Dialect } from '../../engine/dialect.js';

/** bits per mask word (bit 63 is the sign) */
const BITS = 63;
/** at most this many cells (four mask words); callers with more fall back to a grouping per customer and cell */
export const MAX_CELLS = BITS * 4;

/** The cells of a product of stages (may be one, e.g. ['']), channels and content types, numbered stage-major. */
export class TouchCells {
  readonly size: number;
  readonly words: number;

  constructor(
    readonly stages: readonly string[],
    readonly channels: readonly string[],
    readonly contentTypes: readonly string[],
  ) {
    this.size = stages.length * channels.length * contentTypes.length;
    this.words = Math.ceil(this.size / BITS);
  }

  cell(stage: number, channel: number, contentType: number): number {
    return (stage * this.channels.length + channel) * this.contentTypes.length + contentType;
  }

  /** SQL of the cell number of a touch (NULL when a value is not in the lists) */
  cellSql(d: Dialect, stage: string | null, channel: string, contentType: string): string {
    const idx = (expr: string, values: readonly string[]): string => `CASE ${expr} ${values.map((v, i) => `WHEN ${d.literal(v)} THEN ${i}`).join(' ')} END`;
    const s = stage === null ? '0' : `(${idx(stage, this.stages)})`;
    return `((${s} * ${this.channels.length} + (${idx(channel, this.channels)})) * ${this.contentTypes.length} + (${idx(contentType, this.contentTypes)}))`;
  }

  /** aggregates `${prefix}0…` over touches whose cell number is the column `cell`, counting only touches where `when` holds */
  maskColumns(d: Dialect, cell: string, prefix: string, when = d.bool(true)): string[] {
    return Array.from({ length: this.words }, (_, w) =>
      `${d.bitOrAgg(`CASE WHEN ${when} AND ${cell} >= ${w * BITS} AND ${cell} < ${(w + 1) * BITS} THEN ${d.bitFlag(`${cell} - ${w * BITS}`)} ELSE 0 END`)} AS ${prefix}${w}`);
  }

  /** SQL, 1 when the masks `${prefix}0…` have any of the cells set, else 0 */
  hasAny(d: Dialect, prefix: string, cells: readonly number[]): string {
    const perWord = new Map<number, bigint>();
    for (const c of cells) {
      const w = Math.floor(c / BITS);
      perWord.set(w, (perWord.get(w) ?? 0n) | (1n << BigInt(c % BITS)));
    }
    const parts = [...perWord].map(([w, bits]) => d.anyBit(`${prefix}${w}`, bits));
    return parts.length === 0 ? '0' : parts.length === 1 ? (parts[0] as string) : `(CASE WHEN ${parts.join(' + ')} > 0 THEN 1 ELSE 0 END)`;
  }
}
