// Declares StagedFile.ordered (an engine may offer it): the staged rows without `__line`, in file order, for a parallel load.
// Lives here until src/engine/engine.ts declares the field itself (module augmentation keeps both sides type-checked).
import '../engine.js';

declare module '../engine.js' {
  /**
   * What a single-read stage learns only once `ordered.table` has been read (by the loader's one pass): the reader's
   * rejects and, when there were any, how lines shift against the good rows' order (`line = ordinal + delta` from `from` on).
   */
  interface PendingStage {
    rejects: StagedReject[];
    runs: { from: number; delta: number }[];
  }

  interface StagedFile {
    /**
     * Set when line numbers follow from row order (no rejects, multi-line fields or blank lines): `table` holds the same
     * rows without `__line`, in file order, and its k-th row (0-based) is line `firstLine + k` (`StagedFile.table` numbers
     * that row `firstLine + k` too, before any shift past rejects: the loader finds failing rows' raw text by it). Reading
     * it lets the engine use every core, where numbering rows while reading runs on one. With `pending`, the file has not been scanned
     * yet: `records` and `rejects` above are unknown (0 and []) until `pending()` is called after reading `table` once.
     */
    ordered?: { table: string; firstLine: number; pending?: () => Promise<PendingStage> };
  }
}
