// The `archetype` command line: parses arguments, runs a command, maps problems to exit codes (0 ok, 1 failure, 2 usage).
import { Command, CommanderError } from 'commander';
import { isProblem } from '../../shared/problems.js';
import type { GlobalOptions } from './output.js';
import { registerInit } from './commands/init.js';
import { registerIngest } from './commands/ingest.js';
import { registerStatus } from './commands/status.js';
import { registerDemo } from './commands/demo.js';
import { registerPersonas } from './commands/personas.js';
import { registerServe } from './commands/serve.js';
import { registerExport } from './commands/export.js';
import { registerJourneys } from './commands/journeys.js';
import { registerGovernance } from './commands/governance.js';
import { registerCollaboration } from './commands/collaboration.js';
import { registerScore } from './commands/score.js';
import { registerTemplates } from './commands/templates.js';
import { registerPrivacy } from './commands/privacy.js';
import { registerToken } from './commands/token.js';

export function buildProgram(): Command {
  const program = new Command('archetype')
    .description('Data-driven customer personas and journey maps from your own data')
    .option('-w, --workspace <dir>', 'workspace folder (default: nearest folder upward holding archetype.yaml)')
    .option('--json', 'machine-readable output on stdout')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  registerInit(program, globals);
  registerIngest(program, globals);
  registerStatus(program, globals);
  registerDemo(program, globals);
  registerPersonas(program, globals);
  registerServe(program, globals);
  registerExport(program, globals);
  registerJourneys(program, globals);
  registerGovernance(program, globals);
  registerCollaboration(program, globals);
  registerScore(program, globals);
  registerTemplates(program, globals);
  registerPrivacy(program, globals);
  registerToken(program, globals);
  for (const c of program.commands) c.exitOverride().option('-w, --workspace <dir>', 'workspace folder').option('--json', 'machine-readable output');
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  // options given after the subcommand land on the subcommand: merge them into the globals
  program.hook('preAction', (_root, action) => {
    const o = action.opts<GlobalOptions>();
    if (o.workspace !== undefined) program.setOptionValue('workspace', o.workspace);
    if (o.json) program.setOptionValue('json', true);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isProblem(e)) {
      process.stderr.write(`archetype: ${e.message}\n`);
      return e.isUsage ? 2 : 1;
    }
    process.stderr.write(`archetype: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
