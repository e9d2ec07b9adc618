// Real Chromium for the browser suites: Debian's /usr/bin/chromium driven by playwright-core with a fresh profile, or a reason to skip when it is missing.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../src/interfaces/exports/browser-export.js';

/** Why browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `Chromium not found at ${CHROMIUM} (apt-get install chromium): browser tests skipped`;
}

export interface TestBrowser {
  ctx: BrowserContext;
  /** a new page that records page errors and Content-Security-Policy violations */
  page(opts?: { width?: number; height?: number }): Promise<Page & { problems: string[] }>;
  close(): Promise<void>;
}

export async function launchTestBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'archetype-e2e-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    ctx,
    async page(opts = {}) {
      const page = (await ctx.newPage()) as Page & { problems: string[] };
      page.problems = [];
      await page.setViewportSize({ width: opts.width ?? 1280, height: opts.height ?? 900 });
      page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') page.problems.push(`console: ${m.text()}`);
      });
      return page;
    },
    async close() {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
