// Temporary folders for tests, removed when the test file's process exits (passed or failed): a test run must not
// leave gigabytes behind in the system's temp folder (a demo workspace at 100k customers holds ~0.8 GB).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new empty folder under the system temp folder, named `${prefix}XXXXXX`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (made.length === 0) process.on('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  made.push(dir);
  return dir;
}
