// Parses a workspace's engine spec `clickhouse://[user[:password]@]host:port/database[?cluster=NAME&nodes=HOST:PORT,…&secure=1]`.
import type { ClickHouseOptions } from './clickhouse-engine.js';
import { problem } from '../../shared/problems.js';

export function parseClickHouseUrl(spec: string, env: NodeJS.ProcessEnv = process.env): ClickHouseOptions {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw problem('workspace/invalid-config', { file: 'archetype.yaml', message: `engine: "${spec}" is not a clickhouse://host:port/database URL` });
  }
  const scheme = url.searchParams.get('secure') === '1' ? 'https' : 'http';
  const http = (hostPort: string): string => `${scheme}://${hostPort}`;
  const database = decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'archetype';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database))
    throw problem('workspace/invalid-config', { file: 'archetype.yaml', message: `engine: database "${database}" must be letters, digits and _` });
  const opts: ClickHouseOptions = { url: http(`${url.hostname}:${url.port || '8123'}`), database };
  const username = decodeURIComponent(url.username) || env['ARCHETYPE_CLICKHOUSE_USER'];
  const password = decodeURIComponent(url.password) || env['ARCHETYPE_CLICKHOUSE_PASSWORD'];
  if (username) opts.username = username;
  if (password) opts.password = password;
  const cluster = url.searchParams.get('cluster');
  if (cluster) opts.cluster = cluster;
  const nodes = url.searchParams.get('nodes');
  if (nodes) opts.nodes = nodes.split(',').map((n) => http(n.trim())).filter((n) => n.length > scheme.length + 3);
  return opts;
}
