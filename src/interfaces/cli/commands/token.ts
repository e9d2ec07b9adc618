// `archetype token create | list | revoke`: API tokens with roles for `archetype serve`; a token is printed once and stored only as a scrypt hash.
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { problem } from '../../../shared/problems.js';
import { clockFromEnv } from '../../../repository/clock.js';
import { createToken, listTokens, revokeToken, ROLES } from '../../../repository/access-tokens.js';
import { withWorkspace } from '../context.js';
import { printJson, table, type GlobalOptions } from '../output.js';

/** Who runs a token command, for the audit log: --by, else the operating-system user. */
function cliActor(by: string | undefined): string {
  if (by?.trim()) return by.trim();
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export function registerToken(program: Command, globals: () => GlobalOptions): void {
  const token = program.command('token').description(`API tokens for \`archetype serve\` (roles: ${ROLES.join(' < ')}); with any token, the server requires one`);

  token
    .command('create')
    .requiredOption('--role <role>', `viewer (published personas), editor (+ comment, request, build), approver (+ review, publish), admin (+ tokens)`)
    .option('--name <name>', 'who or what holds it (shown in the audit log); default: ROLE-ID')
    .option('--by <name>', 'who creates it, for the audit log (default: your user name)')
    .description('make a token and print it once (it is stored hashed and cannot be shown again)')
    .action(async (o: { role: string; name?: string; by?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const { token: secret, info } = await createToken(ws.engine, clockFromEnv(), { role: o.role, by: cliActor(o.by), ...(o.name !== undefined ? { name: o.name } : {}) });
        if (g.json) return printJson({ ...info, token: secret });
        process.stderr.write(`Token ${info.token_id} "${info.name}" (${info.role}); it is shown only now, keep it somewhere safe:\n`);
        process.stdout.write(`${secret}\n`);
      });
    });

  token
    .command('list')
    .description('tokens: id, name, role, created, revoked (never the secrets)')
    .action(async () => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const all = await listTokens(ws.engine);
        if (g.json) return printJson({ tokens: all });
        if (all.length === 0) return void process.stdout.write('No tokens: `archetype serve` runs without authentication (loopback only).\n');
        process.stdout.write(table(all.map((t) => [t.token_id, t.name, t.role, t.created_at.slice(0, 19).replace('T', ' '), t.created_by, t.revoked_at ? `revoked ${t.revoked_at.slice(0, 10)}` : 'active']), ['id', 'name', 'role', 'created (UTC)', 'by', 'state']) + '\n');
      });
    });

  token
    .command('revoke')
    .argument('<id>', 'token id (see `archetype token list`)')
    .option('--by <name>', 'who revokes it, for the audit log (default: your user name)')
    .description('revoke a token: the server refuses it from then on (a running server notices within 2 s)')
    .action(async (idText: string, o: { by?: string }) => {
      const g = globals();
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) throw problem('usage/invalid', { message: `token id must be a whole number (got "${idText}")` });
      await withWorkspace(g, async (ws) => {
        const t = await revokeToken(ws.engine, clockFromEnv(), id, cliActor(o.by));
        if (g.json) return printJson(t);
        process.stdout.write(`Token ${t.token_id} "${t.name}" (${t.role}) revoked.\n`);
      });
    });

  for (const c of token.commands) c.exitOverride().option('-w, --workspace <dir>', 'workspace folder').option('--json', 'machine-readable output');
}
