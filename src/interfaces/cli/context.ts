// Resolves the workspace of a command (-w or the nearest archetype.yaml upward) and closes it afterwards.
import { findWorkspaceDir, type Workspace } from '../../workspace/workspace.js';
import { openWorkspaceWaiting } from '../../repository/workspace-lock.js';
import type { GlobalOptions } from './output.js';

export async function withWorkspace<T>(opts: GlobalOptions, fn: (ws: Workspace) => Promise<T>): Promise<T> {
  const dir = findWorkspaceDir(opts.workspace ?? process.cwd());
  // another process (a build, the server) may hold the DuckDB file: wait for it with backoff instead of failing
  const ws = await openWorkspaceWaiting(dir, { onWait: (holder) => process.stderr.write(`archetype: the workspace is busy (${holder}); waiting…\n`) });
  try {
    return await fn(ws);
  } finally {
    await ws.engine.close();
  }
}
