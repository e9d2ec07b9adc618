// The ClickHouse engine over HTTP (the only module that imports @clickhouse/client): one server, or a cluster's coordinator.
import { createClient, ClickHouseLogLevel, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { Readable } from 'node:stream';
import type { Dialect } from '../dialect.js';
import type { ColumnInfo, Engine, Params, Row, SqlParam, StagedFile, StageFileOptions } from '../engine.js';
import { clickhouseDialect } from './clickhouse-dialect.js';
import { renderParams, rewriteSimpleCase, splitStatements, wrapDistributedJoins } from './clickhouse-sql.js';
import { baseType, decodeField } from './clickhouse-values.js';
import { problem } from '../../shared/problems.js';

export interface ClickHouseOptions {
  /** http(s)://host:port of the server (on a cluster: the node queries are sent to) */
  url: string;
  database: string;
  username?: string;
  password?: string;
  /** cluster name from the servers' `remote_servers`: entity tables become Distributed, sharded by customer */
  cluster?: string;
  /**
   * every node's http(s)://host:port, for clusters without a DDL queue (no ZooKeeper): DDL written `ON CLUSTER` is then
   * run on each node in turn. Without it, `ON CLUSTER` statements go to the server as they are.
   */
  nodes?: string[];
}

/** Bytes of SQL and data sent to the server and of results received (the benchmark's "bytes moved"). */
export interface Traffic {
  sent: number;
  received: number;
}

// common codes of servers that print no error name (18.16 prints "Code: 60, e.displayText() = …")
const CODE_NAMES: Record<string, string> = {
  '27': 'CANNOT_PARSE_INPUT_ASSERTION_FAILED', '38': 'CANNOT_PARSE_DATE', '41': 'CANNOT_PARSE_DATETIME', '42': 'NUMBER_OF_ARGUMENTS_DOESNT_MATCH',
  '43': 'ILLEGAL_TYPE_OF_ARGUMENT', '44': 'ILLEGAL_COLUMN', '46': 'UNKNOWN_FUNCTION', '47': 'UNKNOWN_IDENTIFIER', '48': 'NOT_IMPLEMENTED',
  '53': 'TYPE_MISMATCH', '57': 'TABLE_ALREADY_EXISTS', '60': 'UNKNOWN_TABLE', '62': 'SYNTAX_ERROR', '81': 'UNKNOWN_DATABASE',
  '115': 'UNKNOWN_SETTING', '159': 'TIMEOUT_EXCEEDED', '160': 'TOO_SLOW', '164': 'READONLY', '192': 'UNKNOWN_USER', '193': 'WRONG_PASSWORD',
  '210': 'NETWORK_ERROR', '241': 'MEMORY_LIMIT_EXCEEDED', '252': 'TOO_MANY_PARTS', '279': 'ALL_CONNECTION_TRIES_FAILED', '386': 'NO_COMMON_TYPE',
};

/** The server's error as our problem: message without the server's wrapping, code and name kept (e.g. `60 UNKNOWN_TABLE`). */
export function engineError(e: unknown, sql?: string): Error {
  const text = e instanceof Error ? e.message : String(e);
  const err = e as { code?: unknown; type?: unknown };
  const num = /Code: (\d+)/.exec(text)?.[1] ?? (typeof err.code === 'string' && /^\d+$/.test(err.code) ? err.code : undefined);
  const name = (typeof err.type === 'string' ? err.type : undefined) ?? /\(([A-Z][A-Z0-9_]{2,})\)/.exec(text)?.[1] ?? (num ? CODE_NAMES[num] : undefined);
  let message = /DB::Exception: (.*?)(?:, e\.what\(\) = DB::Exception|\s*\([A-Z][A-Z0-9_]{2,}\)|$)/s.exec(text)?.[1] ?? text;
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|socket hang up/.test(text)) message = `cannot reach the ClickHouse server (${text.split('\n')[0]})`;
  if (sql && process.env['ARCHETYPE_DEBUG_SQL']) message += `\n--- SQL:\n${sql}`;
  const code = num ? `${num}${name ? ` ${name}` : ''}` : typeof err.code === 'string' ? err.code : undefined;
  return problem('engine/error', code ? { message: message.trim(), code } : { message: message.trim() });
}

const ON_CLUSTER = /\s+ON\s+CLUSTER\s+("(?:[^"\\]|\\.)*"|`[^`]*`|[A-Za-z_][A-Za-z0-9_]*)/i;
const ALTER = /^\s*ALTER\s+TABLE\s+("(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*)(?!\s+ON\s+CLUSTER)/i;

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/\\(.)/g, '$1') : name;
}

/** Splits a TSV result stream into lines and decodes rows by the types on the second line. */
class TsvRows {
  names: string[] | null = null;
  types: string[] | null = null;
  private rest = '';

  push(text: string, out: Row[]): void {
    const data = this.rest + text;
    let start = 0;
    for (;;) {
      const nl = data.indexOf('\n', start);
      if (nl < 0) break;
      this.line(data.slice(start, nl), out);
      start = nl + 1;
    }
    this.rest = data.slice(start);
  }

  end(out: Row[]): void {
    if (this.rest) this.line(this.rest, out);
    this.rest = '';
  }

  private line(line: string, out: Row[]): void {
    if (!this.names) {
      this.names = line.split('\t').map((n) => decodeField('String', n) as string);
      return;
    }
    if (!this.types) {
      this.types = line.split('\t').map((t) => decodeField('String', t) as string);
      return;
    }
    const fields = line.split('\t');
    const row: Row = {};
    for (let j = 0; j < this.names.length; j++) row[this.names[j] as string] = decodeField(this.types[j] as string, fields[j] ?? '\\N');
    out.push(row);
  }
}

export class ClickHouseEngine implements Engine {
  readonly kind = 'clickhouse' as const;
  readonly dialect: Dialect;
  readonly traffic: Traffic = { sent: 0, received: 0 };
  /** the server's version, e.g. "18.16.1" */
  version = '';

  private constructor(
    private readonly client: ClickHouseClient,
    /** clients of every node (clusters without a DDL queue), the coordinator first */
    private readonly nodeClients: ClickHouseClient[],
    readonly options: ClickHouseOptions,
  ) {
    this.dialect = clickhouseDialect({ database: options.database, ...(options.cluster ? { cluster: options.cluster } : {}) });
  }

  private static settings(opts: ClickHouseOptions): ClickHouseSettings {
    const s: Record<string, string | number> = {
      // a LEFT JOIN leaves NULLs (not 0 / '') where nothing matched, as SQL does elsewhere
      join_use_nulls: 1,
      // generated SQL can be long (IN lists, JSON documents stored by the repository)
      max_query_size: 268435456,
    };
    if (opts.cluster) {
      // a JOIN or IN over a second Distributed table: gather it once and send it to every shard (correct for any key)
      s['distributed_product_mode'] = 'global';
      // an INSERT into a Distributed table returns once every shard has its rows
      s['insert_distributed_sync'] = 1;
    }
    return s as ClickHouseSettings;
  }

  private static client(url: string, database: string, opts: ClickHouseOptions): ClickHouseClient {
    return createClient({
      url,
      database,
      ...(opts.username ? { username: opts.username } : {}),
      ...(opts.password ? { password: opts.password } : {}),
      clickhouse_settings: ClickHouseEngine.settings(opts),
      request_timeout: 3_600_000,
      compression: { request: false, response: false },
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  static async open(opts: ClickHouseOptions): Promise<ClickHouseEngine> {
    const urls = opts.nodes?.length ? opts.nodes : [opts.url];
    // the database may not exist yet: create it through the default one on every node
    for (const url of urls) {
      const admin = ClickHouseEngine.client(url, 'default', opts);
      try {
        await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${clickhouseDialect({ database: opts.database }).ident(opts.database)}` });
      } catch (e) {
        throw engineError(e);
      } finally {
        await admin.close();
      }
    }
    const client = ClickHouseEngine.client(opts.url, opts.database, opts);
    const nodes = opts.nodes?.length ? opts.nodes.map((u) => (u === opts.url ? client : ClickHouseEngine.client(u, opts.database, opts))) : [];
    if (nodes.length && !nodes.includes(client)) nodes.unshift(client);
    const engine = new ClickHouseEngine(client, nodes, opts);
    engine.version = String((await engine.all<{ v: string }>('SELECT version() AS v'))[0]?.v ?? '');
    return engine;
  }

  private async command(client: ClickHouseClient, sql: string): Promise<void> {
    this.traffic.sent += Buffer.byteLength(sql);
    try {
      await client.command({ query: sql });
    } catch (e) {
      throw engineError(e, sql);
    }
  }

  /** Is `name` a Distributed table over `<name>_local` (cluster mode)? */
  private async isDistributed(name: string): Promise<boolean> {
    const r = await this.all<{ n: number }>(
      `SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = $name AND engine = 'Distributed'`,
      { name },
    );
    return Number(r[0]?.n ?? 0) > 0;
  }

  /** One statement: DDL written ON CLUSTER runs on every node when the cluster has no DDL queue; an ALTER of a Distributed table also alters its shards' tables. */
  private async runStatement(sql: string): Promise<void> {
    if (this.options.cluster) {
      const alter = ALTER.exec(sql);
      if (alter && (await this.isDistributed(unquote(alter[1] as string)))) {
        const name = unquote(alter[1] as string);
        const cluster = ` ON CLUSTER ${this.dialect.ident(this.options.cluster)}`;
        const rest = sql.slice(alter[0].length);
        await this.runStatement(`ALTER TABLE ${this.dialect.ident(`${name}_local`)}${cluster}${rest}`);
        await this.runStatement(`ALTER TABLE ${this.dialect.ident(name)}${cluster}${rest}`);
        return;
      }
      if (ON_CLUSTER.test(sql) && this.nodeClients.length) {
        const local = sql.replace(ON_CLUSTER, '');
        for (const c of this.nodeClients) await this.command(c, local);
        return;
      }
    }
    await this.command(this.client, sql);
  }

  /** names of the Distributed tables of the database (cluster mode), read again after any DDL */
  private distributedNames: Set<string> | null = null;

  /** A statement as this server runs it: simple CASEs rewritten; on a cluster, joins on a Distributed left side gathered first. */
  private async prepare(sql: string, params: Params | undefined): Promise<string> {
    const text = rewriteSimpleCase(renderParams(sql, params));
    if (!this.options.cluster) return text;
    if (/^\s*(CREATE|DROP|RENAME|ALTER|TRUNCATE)\b/i.test(text)) this.distributedNames = null;
    if (!/\bJOIN\b/i.test(text)) return text;
    if (!this.distributedNames) {
      const rows = await this.all<{ name: string }>(`SELECT name FROM system.tables WHERE database = currentDatabase() AND engine = 'Distributed'`);
      this.distributedNames = new Set(rows.map((r) => r.name));
    }
    return wrapDistributedJoins(text, this.distributedNames);
  }

  async exec(sql: string, params?: Params): Promise<void> {
    for (const statement of splitStatements(sql)) {
      await this.runStatement(await this.prepare(statement, params));
      if (this.options.cluster && /^\s*(CREATE|DROP|RENAME|ALTER|TRUNCATE)\b/i.test(statement)) this.distributedNames = null;
    }
  }

  private async select(sql: string, params: Params | undefined, onRows: (rows: Row[]) => void | Promise<void>): Promise<void> {
    const query = (await this.prepare(sql, params)).trim().replace(/;+\s*$/, '');
    this.traffic.sent += Buffer.byteLength(query);
    const decoder = new TsvRows();
    try {
      const rs = await this.client.query({ query, format: 'TabSeparatedWithNamesAndTypes' });
      const stream = rs.stream() as unknown as AsyncIterable<{ text: string }[]>;
      for await (const chunk of stream) {
        const rows: Row[] = [];
        for (const r of chunk) {
          this.traffic.received += Buffer.byteLength(r.text) + 1;
          decoder.push(`${r.text}\n`, rows);
        }
        if (rows.length) await onRows(rows);
      }
      const last: Row[] = [];
      decoder.end(last);
      if (last.length) await onRows(last);
    } catch (e) {
      throw engineError(e, query);
    }
  }

  async all<T extends object = Row>(sql: string, params?: Params): Promise<T[]> {
    const out: Row[] = [];
    await this.select(sql, params, (rows) => {
      for (const r of rows) out.push(r);
    });
    return out as T[];
  }

  async stream(sql: string, params: Params | undefined, onRows: (rows: Row[]) => void | Promise<void>): Promise<void> {
    await this.select(sql, params, onRows);
  }

  async insertRows(table: string, columns: string[], rows: readonly (readonly SqlParam[])[]): Promise<void> {
    if (rows.length === 0) return;
    const types = new Map((await this.columns(table)).map((c) => [c.name, baseType(c.type)]));
    const toValue = (v: SqlParam, type: string | undefined): unknown => {
      if (v === null) return null;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      if (typeof v === 'string' && (type === 'DateTime' || type?.startsWith('DateTime('))) return v.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
      return v;
    };
    const colTypes = columns.map((c) => types.get(c));
    const values = rows.map((r) => Object.fromEntries(columns.map((c, j) => [c, toValue(r[j] as SqlParam, colTypes[j])])));
    this.traffic.sent += values.reduce((a, v) => a + JSON.stringify(v).length + 1, 0);
    try {
      await this.client.insert({ table, columns: columns as [string, ...string[]], values, format: 'JSONEachRow' });
    } catch (e) {
      throw engineError(e);
    }
  }

  /** Streams bytes (TSV made from a file) or objects (JSONEachRow) into a table, parsed by ClickHouse's reader for `format`. */
  async insertStream(table: string, columns: string[], body: AsyncIterable<unknown>, format: 'TabSeparated' | 'JSONEachRow'): Promise<void> {
    const traffic = this.traffic;
    const counted = Readable.from(
      (async function* () {
        for await (const x of body) {
          traffic.sent += Buffer.isBuffer(x) ? x.length : typeof x === 'string' ? Buffer.byteLength(x) : JSON.stringify(x).length + 1;
          yield x;
        }
      })(),
      { objectMode: format === 'JSONEachRow' },
    );
    try {
      await this.client.insert({ table, columns: columns as [string, ...string[]], values: counted, format });
    } catch (e) {
      throw engineError(e);
    }
  }

  async tableExists(name: string): Promise<boolean> {
    const r = await this.all<{ n: number }>(`SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = $name`, { name });
    return Number(r[0]?.n ?? 0) > 0;
  }

  async columns(table: string): Promise<ColumnInfo[]> {
    return this.all<ColumnInfo>(`SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = $t`, { t: table });
  }

  /** ClickHouse has no transactions: the statements run as they come (see docs/clickhouse.md, "What is not atomic"). */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async stageFile(opts: StageFileOptions): Promise<StagedFile> {
    const { stageClickHouseFile } = await import('./clickhouse-stage.js');
    return stageClickHouseFile(this, opts);
  }

  async dropStaged(table: string): Promise<void> {
    await this.exec(`DROP TABLE IF EXISTS ${this.dialect.ident(table)}; DROP TABLE IF EXISTS ${this.dialect.ident(`${table}__raw`)}`);
  }

  async close(): Promise<void> {
    const all = new Set([this.client, ...this.nodeClients]);
    for (const c of all) await c.close().catch(() => undefined);
  }
}
