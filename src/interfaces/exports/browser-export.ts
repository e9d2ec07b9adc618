// PDF and PNG exports rendered by headless Chromium from the web app's own pages (print mode), so a printout matches the screen.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { problem } from '../../shared/problems.js';

/** Debian's chromium; ARCHETYPE_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env['ARCHETYPE_CHROMIUM'] ?? '/usr/bin/chromium';

/** Flags that keep Chromium off the network and quiet on a closed machine. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type ExportTarget =
  | { kind: 'persona'; persona: string; view?: string }
  | { kind: 'card'; persona: string }
  | { kind: 'journey'; group: string }
  | { kind: 'library' }
  | { kind: 'gallery' };

/** The page (path and query) that renders a target, and the element that says it is ready. */
export function targetPage(t: ExportTarget, version?: number): { path: string; ready: string; element?: string } {
  const q = new URLSearchParams({ print: '1' });
  if (version !== undefined) q.set('version', String(version));
  switch (t.kind) {
    case 'persona':
      if (t.view) q.set('view', t.view);
      return { path: `/personas/${encodeURIComponent(t.persona)}?${q}`, ready: '#persona-card' };
    case 'card':
      q.set('compact', '1');
      return { path: `/personas/${encodeURIComponent(t.persona)}?${q}`, ready: '#persona-card', element: '#persona-card' };
    case 'journey':
      return { path: `/journeys/${encodeURIComponent(t.group)}?${q}`, ready: '[data-ready="journey"]' };
    case 'library':
      return { path: `/library?${q}`, ready: '[data-ready="library"]' };
    case 'gallery':
      return { path: `/?${q}`, ready: '.tiles' };
  }
}

export interface Browser {
  page(width: number): Promise<Page>;
  close(): Promise<void>;
}

/** `headers`: sent with every request of the page (the export's one-off bearer token when the workspace requires one). */
export async function launchBrowser(opts: { headers?: Record<string, string> } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw problem('usage/invalid', { message: `PDF and PNG exports need Chromium at ${CHROMIUM} (apt-get install chromium, or set ARCHETYPE_CHROMIUM)` });
  }
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'archetype-chromium-'));
  let ctx: BrowserContext;
  try {
    ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, deviceScaleFactor: 2, ...(opts.headers ? { extraHTTPHeaders: opts.headers } : {}) });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    async page(width: number) {
      const page = await ctx.newPage();
      await page.setViewportSize({ width, height: 1000 });
      return page;
    },
    async close() {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A4 printable width at 96 dpi with 12 mm side margins: lay the page out at the width it prints at, so charts fit. */
const PRINT_WIDTH = 703;

async function open(browser: Browser, baseUrl: string, t: ExportTarget, version: number | undefined, width: number): Promise<{ page: Page; element?: string }> {
  const { path, ready, element } = targetPage(t, version);
  const page = await browser.page(width);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
  try {
    await page.waitForSelector(`${ready}, .error-box`, { timeout: 30_000, state: 'attached' });
  } catch {
    throw problem('usage/invalid', { message: `the page ${path} did not finish rendering${errors.length ? `: ${errors.join('; ')}` : ''}` });
  }
  const failed = await page.$('.error-box');
  if (failed) throw problem('usage/invalid', { message: `cannot export ${path}: ${((await failed.textContent()) ?? '').trim()}` });
  return element !== undefined ? { page, element } : { page };
}

export interface RenderedFile {
  file: string;
  bytes: number;
}

export async function exportPdf(browser: Browser, baseUrl: string, t: ExportTarget, out: string, version?: number): Promise<RenderedFile> {
  const { page } = await open(browser, baseUrl, t, version, PRINT_WIDTH);
  mkdirSync(dirname(out), { recursive: true });
  const footer = `<div style="font-size:8px;color:#4a5366;width:100%;padding:0 12mm;display:flex;justify-content:space-between"><span>Archetype · computed from the workspace data</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
  const pdf = await page.pdf({
    path: out, format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer,
    margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
  });
  await page.close();
  return { file: out, bytes: pdf.length };
}

export async function exportPng(browser: Browser, baseUrl: string, t: ExportTarget, out: string, version?: number): Promise<RenderedFile> {
  const { page, element } = await open(browser, baseUrl, t, version, t.kind === 'card' ? 900 : 1280);
  mkdirSync(dirname(out), { recursive: true });
  const png = element ? await page.locator(element).screenshot({ path: out }) : await page.screenshot({ path: out, fullPage: true });
  await page.close();
  return { file: out, bytes: png.length };
}
