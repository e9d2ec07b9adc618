#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's test runner and closes with "N passed, N failed".
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function find(dir, out = []) {
  let entries = [];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    const p = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2);
let files = [...find('src'), ...find('test')].sort();
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
if (files.length === 0) { console.error('no test files found'); process.exit(1); }

// every test's temporary files (workspaces, servers' data, browser profiles) under one directory removed at the end,
// so that a test which leaks its own (or is killed) leaves nothing behind; KEEP_TEST_TMP=1 keeps it for a look
const scratch = mkdtempSync(join(tmpdir(), 'archetype-tests-'));
const cleanUp = () => { if (!process.env.KEEP_TEST_TMP) rmSync(scratch, { recursive: true, force: true }); };
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, TMPDIR: scratch },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { child.kill(signal); cleanUp(); process.exit(130); });
let pass = 0, fail = 0, skipped = 0;
let buf = '';
child.stdout.on('data', (d) => {
  process.stdout.write(d);
  buf += d.toString();
});
child.on('close', (code) => {
  const m = (k) => { const r = new RegExp(`^ℹ ${k} (\\d+)`, 'm').exec(buf); return r ? Number(r[1]) : 0; };
  pass = m('pass'); fail = m('fail'); skipped = m('skipped');
  if (code !== 0 && fail === 0) fail = 1;
  cleanUp();
  console.log(`${pass} passed, ${fail} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? 1);
});
