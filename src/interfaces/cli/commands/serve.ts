// `archetype serve [--port 4173] [--host 127.0.0.1]`: the JSON API and the web UI on one port, until Ctrl-C.
import type { Command } from 'commander';
import { findWorkspaceDir } from '../../../workspace/workspace.js';
import { problem } from '../../../shared/problems.js';
import { printJson, type GlobalOptions } from '../output.js';

export function registerServe(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .option('--port <n>', 'port to listen on (0: any free port)', '4173')
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .description('the web app and JSON API (OpenAPI at /api/openapi.json) on one port')
    .action(async (o: { port: string; host: string }) => {
      const g = globals();
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw problem('usage/invalid', { message: '--port must be an integer between 0 and 65535' });
      const dir = findWorkspaceDir(g.workspace ?? process.cwd());
      const { startServer } = await import('../../http/server.js');
      let server;
      try {
        server = await startServer({ dir, port, host: o.host });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'EADDRINUSE') throw problem('usage/invalid', { message: `port ${port} on ${o.host} is in use: pick another with --port` });
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw problem('usage/invalid', { message: `cannot listen on ${o.host}: not an address of this machine` });
        throw e;
      }
      if (g.json) printJson({ url: server.url, port: server.port, workspace: dir });
      else process.stderr.write(`Archetype for ${dir}\nServing on ${server.url}  (API: ${server.url}/api/openapi.json) — Ctrl-C to stop\n`);
      if (!['127.0.0.1', 'localhost', '::1'].includes(o.host))
        process.stderr.write(`warning: listening on ${o.host} without authentication: anyone who can reach it can read the personas and comment, review and publish\n`);
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
