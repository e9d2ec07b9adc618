// `archetype serve`: the app listening on a host and port (127.0.0.1:4173 by default).
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app.js';
import { isLoopback } from './loopback.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(opts: AppOptions & { port?: number; host?: string }): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const { app, close } = createApp({ ...opts, loopbackOnly: isLoopback(host) });
  const server: ServerType = await new Promise((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 4173, hostname: host }, () => resolveServer(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${port}`,
    port,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await close();
    },
  };
}
