// Hand-made personas in real Chromium against `archetype serve`: create from a template, claims with structured form and quotes, coverage, verdicts, template views, review.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { webWorkspace, type WebWorkspace } from '../helpers/web-workspace.js';
import { browserMissing, launchTestBrowser, type TestBrowser } from '../helpers/browser.js';
import { ensureWebBundle, startServe, type ServerProcess } from '../helpers/serve.js';
import { openWorkspaceWaiting } from '../../src/repository/workspace-lock.js';
import { plantedSegment, type Planted } from '../templates/planted.js';

const missing = browserMissing();
if (missing) console.log(`# ${missing}`);

describe('hand-made personas in Chromium', { skip: missing ?? false }, () => {
  let fx: WebWorkspace;
  let server: ServerProcess;
  let browser: TestBrowser;
  let planted: Planted;

  /** No page errors, console errors or CSP violations; one h1; every control labelled. */
  const clean = async (page: Page & { problems: string[] }): Promise<void> => {
    const csp = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    assert.deepEqual([...page.problems, ...csp.map((c) => `CSP: ${c}`)], []);
    const r = await page.evaluate(() => ({
      h1: document.querySelectorAll('h1').length,
      unlabelled: [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')].filter((el) => (el.labels?.length ?? 0) === 0 && !el.getAttribute('aria-label')).map((el) => el.outerHTML.slice(0, 80)),
    }));
    assert.deepEqual(r, { h1: 1, unlabelled: [] });
  };
  const fieldsShown = async (page: Page): Promise<string[]> => page.locator('section[data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field') ?? ''));

  before(async () => {
    ensureWebBundle();
    fx = await webWorkspace({ customers: 1500 });
    const ws = await openWorkspaceWaiting(fx.dir, {});
    try {
      planted = await plantedSegment(ws.engine, fx.exports);
    } finally {
      await ws.engine.close();
    }
    server = await startServe(fx.dir);
    browser = await launchTestBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a persona from a template, adds claims with quotes and structured checks, shows coverage, verdicts and template views, and goes through review', async () => {
    const page = await browser.page();
    await page.goto(server.url + '/');
    await page.getByRole('link', { name: 'Hand-made', exact: true }).click();
    // the form needs /api/handmade and /api/templates: on a timeout, say what the page showed instead (it failed once
    // in a loaded CI run and passed alone every time)
    await page.waitForSelector('#hand-template', { timeout: 60_000 }).catch(async (e: unknown) => {
      const shown = await page.locator('body').innerText().catch(() => '(no text)');
      throw new Error(`${e instanceof Error ? e.message : String(e)}\npage ${page.url()} showed:\n${shown.slice(0, 2000)}`);
    });
    assert.equal(await page.locator('h1').textContent(), 'Hand-made personas');
    await page.selectOption('#hand-template', 'basic');
    await page.fill('#hand-name', 'Webinar fan');
    await page.fill('#hand-segment', planted.segment);
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForSelector('[data-testid=coverage]');
    assert.equal(new URL(page.url()).pathname, '/handmade/h1');
    assert.match((await page.locator('[data-testid=coverage]').textContent()) ?? '', /0\/0 claims evidenced/);
    assert.deepEqual(await fieldsShown(page), ['role', 'goals', 'problems', 'questions', 'channels']);
    await clean(page);

    // a claim with two interview quotes as evidence
    const form = page.locator('form[aria-labelledby=add-claim-title]');
    await page.selectOption('#claim-field', 'problems');
    await page.fill('#claim-text', 'Old gear failed');
    await page.selectOption('#new-claim-ev-source', 'interview');
    await form.locator('.evidence-choices input').nth(1).waitFor();
    await form.locator('.evidence-choices input').nth(0).check();
    await form.locator('.evidence-choices input').nth(1).check();
    await page.getByRole('button', { name: 'Add claim' }).click();
    await page.waitForFunction(() => /1\/1 claims evidenced \(100%\)/.test(document.querySelector('[data-testid=coverage]')?.textContent ?? ''));
    assert.match((await page.locator('[data-claim="problems.1"]').textContent()) ?? '', /evidenced: 2 quotes.*interview/s);

    // structured claims on first touches: the planted channel is validated, an unplanted one contradicted
    for (const [text, value] of [[`Finds us through ${planted.right}`, planted.right], [`Comes from ${planted.wrong}`, planted.wrong]] as const) {
      await page.selectOption('#claim-field', 'channels');
      await page.fill('#claim-text', text);
      await page.fill('#check-field', 'first_touch_channel');
      await page.selectOption('#check-op', '=');
      await page.fill('#check-value', value);
      await page.getByRole('button', { name: 'Add claim' }).click();
      await page.locator(`[data-claim="channels.${text.startsWith('Finds') ? 1 : 2}"] [data-verdict]`).waitFor();
    }
    const yes = (await page.locator('[data-claim="channels.1"] [data-verdict]').textContent()) ?? '';
    const no = (await page.locator('[data-claim="channels.2"] [data-verdict]').textContent()) ?? '';
    assert.match(yes, new RegExp(`validated: [\\d.]+% of ${planted.segment} \\(version 1\\) vs [\\d.]+% of all .*first touches`));
    assert.match(no, /⚠ contradicted/);
    assert.match((await page.getByRole('alert').first().textContent()) ?? '', /1 claim is contradicted by the data/);
    assert.match((await page.locator('[data-testid=coverage]').textContent()) ?? '', /1\/3 claims evidenced \(33%\) by \d+ distinct customers?; 1\/5 fields evidenced \(20%\)/);

    // team views draw from the template's fields
    await page.getByRole('button', { name: 'SALES' }).click();
    assert.deepEqual(await fieldsShown(page), ['role', 'problems', 'goals', 'questions']);
    await page.getByRole('button', { name: 'CX' }).click();
    assert.deepEqual(await fieldsShown(page), ['problems', 'questions', 'goals', 'channels']);
    await page.getByRole('button', { name: 'All fields' }).click();

    // review: submitted, approval blocked by the contradicted claim, removed, approved
    const yourName = page.locator('#hand-review-name');
    if ((await yourName.evaluate((e) => e.tagName)) === 'INPUT') await yourName.fill('Ana');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.waitForSelector('h1 .status-in_review, h1 .badge:has-text("in review")');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('[role=alert]')].some((e) => /cannot approve h1/.test(e.textContent ?? '')));
    // the refused approval is a 409 the browser logs: expected here, nothing else may be
    assert.ok(page.problems.every((p) => /status of 409/.test(p)), page.problems.join('\n'));
    page.problems.splice(0);
    await page.locator('[data-claim="channels.2"]').getByRole('button', { name: 'Remove' }).click();
    await page.waitForFunction(() => !document.querySelector('[data-claim="channels.2"]'));
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('button', { name: 'Approve' }).and(page.locator(':not([disabled])')).click();
    await page.waitForFunction(() => /approved/.test(document.querySelector('h1')?.textContent ?? ''));

    // saved as a persona-set version, opened on the persona page
    await page.getByRole('button', { name: 'Save as a persona-set version' }).click();
    await page.getByRole('link', { name: 'open it' }).click();
    await page.waitForSelector('#persona-card');
    assert.match(new URL(page.url()).pathname, /^\/personas\/h1$/);
    assert.match((await page.locator('h1').textContent()) ?? '', /Webinar fan/);
    // the persona page's Sales tab shows the basic template's sales fields, with the template's labels
    await page.getByRole('tab', { name: 'Sales' }).click();
    await page.waitForFunction(() => window.location.search.includes('view=sales'));
    await page.waitForFunction(() => document.querySelector('#persona-panel h2')?.textContent === 'Role');
    const headings = await page.locator('#persona-panel h2').allTextContents();
    assert.deepEqual(headings.slice(0, 4), ['Role', 'Problems', 'Goals', 'Questions'], headings.join(', '));
    assert.ok(!headings.includes('Channels'), 'channels is not in the sales view of basic');
    await clean(page);

    // the list shows it with its coverage
    await page.goto(server.url + '/handmade');
    await page.waitForSelector('tr[data-persona=h1]');
    assert.match((await page.locator('tr[data-persona=h1]').textContent()) ?? '', /Webinar fan.*basic.*approved.*1\/2 \(50%\).*1\/5 \(20%\)/s);
    await clean(page);
    await page.close();
  });
});
