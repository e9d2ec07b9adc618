// Resolves the workspace of a command (-w or the nearest archetype.yaml upward) and closes it afterwards.
import { findWorkspaceDir, openWorkspace, type Workspace } from '../../workspace/workspace.js';
import type { GlobalOptions } from './output.js';

export async function withWorkspace<T>(opts: GlobalOptions, fn: (ws: Workspace) => Promise<T>): Promise<T> {
  const dir = findWorkspaceDir(opts.workspace ?? process.cwd());
  const ws = await openWorkspace(dir);
  try {
    return await fn(ws);
  } finally {
    await ws.engine.close();
  }
}
