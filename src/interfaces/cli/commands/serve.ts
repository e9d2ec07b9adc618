// `archetype serve [--port 4173] [--host 127.0.0.1] [--auth]`: the JSON API and the web UI on one port, until Ctrl-C; off loopback only with authentication.
import type { Command } from 'commander';
import { findWorkspaceDir, readConfig } from '../../../workspace/workspace.js';
import { listTokens } from '../../../repository/access-tokens.js';
import { withWorkspace } from '../context.js';
import { isLoopback } from '../../http/loopback.js';
import { problem } from '../../../shared/problems.js';
import { printJson, type GlobalOptions } from '../output.js';

export function registerServe(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .option('--port <n>', 'port to listen on (0: any free port)', '4173')
    .option('--host <host>', 'address to listen on; other than loopback (e.g. 0.0.0.0) only with authentication on', '127.0.0.1')
    .option('--auth', 'require a token on every API request even on loopback (on anyway once any token exists)')
    .description('the web app and JSON API (OpenAPI at /api/openapi.json) on one port')
    .action(async (o: { port: string; host: string; auth?: boolean }) => {
      const g = globals();
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw problem('usage/invalid', { message: '--port must be an integer between 0 and 65535' });
      const dir = findWorkspaceDir(g.workspace ?? process.cwd());
      const loopback = isLoopback(o.host);
      const required = o.auth === true || !loopback || readConfig(dir).server.auth;
      const live = (await withWorkspace(g, (ws) => listTokens(ws.engine))).filter((t) => t.revoked_at === null);
      if (required && live.length === 0) {
        const why = loopback ? (o.auth ? '--auth' : 'server.auth in archetype.yaml') : `listening on ${o.host} (not loopback)`;
        throw problem('usage/invalid', {
          message: `${why} needs authentication, and this workspace has no tokens: create one with \`archetype token create --role admin --name you\`, then sign in with it (or serve on 127.0.0.1)`,
        });
      }
      const { startServer } = await import('../../http/server.js');
      let server;
      try {
        server = await startServer({ dir, port, host: o.host, requireAuth: required });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'EADDRINUSE') throw problem('usage/invalid', { message: `port ${port} on ${o.host} is in use: pick another with --port` });
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw problem('usage/invalid', { message: `cannot listen on ${o.host}: not an address of this machine` });
        throw e;
      }
      const auth = required || live.length > 0;
      if (g.json) printJson({ url: server.url, port: server.port, workspace: dir, auth });
      else {
        process.stderr.write(`Archetype for ${dir}\nServing on ${server.url}  (API: ${server.url}/api/openapi.json) — Ctrl-C to stop\n`);
        process.stderr.write(auth ? `Authentication on: ${live.length} token(s); sign in at ${server.url}/login or send Authorization: Bearer <token>\n` : 'Authentication off (no tokens; loopback only): `archetype token create --role admin` turns it on\n');
      }
      const running = server;
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

