// The Engine interface: everything above the engine folder talks to a database only through this.
import type { Dialect } from './dialect.js';

export type SqlParam = string | number | boolean | null | bigint;
export type Params = Record<string, SqlParam>;
/** Rows come back as plain JSON-safe values: numbers (bigints converted), strings, booleans, null; timestamps as ISO strings. */
export type Row = Record<string, unknown>;

export type FileFormat = 'csv' | 'tsv' | 'jsonl' | 'json' | 'parquet';

export interface StageFileOptions {
  path: string;
  format: FileFormat;
  /** name of the staging table to create (dropped by dropStaged) */
  table: string;
}

export interface StagedReject {
  line: number;
  code: string;
  message: string;
  raw: string;
}

/** A data file read into a staging table where every column is text, with each row's line number in `__line`. */
export interface StagedFile {
  table: string;
  /** source column names, in file order */
  columns: string[];
  /** data records in the file (good + rejected by the reader) */
  records: number;
  /** records the file reader itself rejected (ragged lines, bad quoting, invalid UTF-8, invalid JSON) */
  rejects: StagedReject[];
}

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface Engine {
  readonly kind: 'duckdb' | 'clickhouse';
  readonly dialect: Dialect;
  /** run a statement (or several separated by `;` when no params) */
  exec(sql: string, params?: Params): Promise<void>;
  all<T extends object = Row>(sql: string, params?: Params): Promise<T[]>;
  /** stream a large result in chunks */
  stream(sql: string, params: Params | undefined, onRows: (rows: Row[]) => void | Promise<void>): Promise<void>;
  /**
   * the same by columns: each chunk as one array of plain values per column name (no object per row: reading a wide
   * result this way costs a fraction of `stream`); engines without it are read through `stream` (see `streamColumns`)
   */
  streamColumns?(sql: string, params: Params | undefined, onChunk: (columns: Record<string, unknown[]>, rows: number) => void | Promise<void>): Promise<void>;
  /** bulk-insert rows produced in TypeScript (e.g. segment labels of a sample) */
  insertRows(table: string, columns: string[], rows: readonly (readonly SqlParam[])[]): Promise<void>;
  stageFile(opts: StageFileOptions): Promise<StagedFile>;
  /** drop a staging table made by stageFile */
  dropStaged(table: string): Promise<void>;
  tableExists(name: string): Promise<boolean>;
  columns(table: string): Promise<ColumnInfo[]>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * rewrites the storage so that deleted rows and dropped tables leave no bytes behind (after an erasure); engines
   * whose deletes already rewrite their storage leave it out. Call outside a transaction.
   */
  compact?(): Promise<void>;
  /**
   * runs `fn` with the engine's memory cap for this process lowered to `limit` (e.g. "1000MB"; never raised above the
   * configured cap), then puts the configured cap back; engines that hold no cap in this process leave it out
   */
  withMemoryLimit?<T>(limit: string, fn: () => Promise<T>): Promise<T>;
  /**
   * runs `fn` with the engine free to write and return the rows of statements without ORDER BY in any order (work on
   * scratch tables that are aggregated or read back ordered), then puts the setting back; engines that keep no
   * insertion order anyway leave it out
   */
  withUnorderedRows?<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
