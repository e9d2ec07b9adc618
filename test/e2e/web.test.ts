// The web app in real Chromium against a real `archetype serve` on 127.0.0.1: gallery, persona, views, evidence, comments, journey map, versions, data, phone width, exports.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { webWorkspace, type WebWorkspace } from '../helpers/web-workspace.js';
import { browserMissing, launchTestBrowser, type TestBrowser } from '../helpers/browser.js';
import { ensureWebBundle, ROOT, runCli, startServe, type ServerProcess } from '../helpers/serve.js';

const missing = browserMissing();
if (missing) console.log(`# ${missing}`);

/** Set ARCHETYPE_SCREENSHOTS=1 to refresh docs/screenshots from this run. */
const SHOTS = process.env['ARCHETYPE_SCREENSHOTS'] === '1' ? join(ROOT, 'docs', 'screenshots') : null;

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Pages of a PDF: pdfinfo when installed, else the page objects counted in the file. */
function pdfPages(file: string): number {
  if (has('pdfinfo')) {
    const m = /^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout);
    if (m) return Number(m[1]);
  }
  return (readFileSync(file).toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}

const pdfText = (file: string): string | null => (has('pdftotext') ? spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout : null);

interface Brief {
  id: string;
  name: string;
  negative: boolean;
  kind: string;
}

describe('web app in Chromium', { skip: missing ?? false }, () => {
  let fx: WebWorkspace;
  let server: ServerProcess;
  let browser: TestBrowser;
  let personas: Brief[];
  const out = mkdtempSync(join(tmpdir(), 'archetype-e2e-out-'));

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(server.url + path);
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return (await res.json()) as T;
  };

  /** Page errors, console errors and CSP violations seen on a page: there should be none. */
  const clean = async (page: Page & { problems: string[] }): Promise<void> => {
    const csp = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    assert.deepEqual([...page.problems, ...csp.map((c) => `CSP: ${c}`)], []);
  };

  /** One h1, labelled form controls and charts, named buttons. */
  const accessible = async (page: Page): Promise<void> => {
    const r = await page.evaluate(() => {
      const unlabelled = [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')]
        .filter((el) => el.type !== 'hidden' && (el.labels?.length ?? 0) === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.outerHTML.slice(0, 80));
      const unnamedButtons = [...document.querySelectorAll('button, [role=tab]')].filter((b) => !(b.textContent ?? '').trim() && !b.getAttribute('aria-label')).length;
      const unlabelledImages = [...document.querySelectorAll('[role=img], img')].filter((x) => !x.getAttribute('aria-label') && !x.getAttribute('alt')).length;
      // headings never skip a level going down (h1 → h3)
      let prev = 0;
      const skips: string[] = [];
      for (const h of document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')) {
        const level = Number(h.tagName[1]);
        if (level > prev + 1) skips.push(`${h.tagName} "${(h.textContent ?? '').slice(0, 30)}" after h${prev}`);
        prev = level;
      }
      return { h1: document.querySelectorAll('h1').length, unlabelled, unnamedButtons, unlabelledImages, skips, lang: document.documentElement.lang };
    });
    assert.deepEqual(r, { h1: 1, unlabelled: [], unnamedButtons: 0, unlabelledImages: 0, skips: [], lang: 'en' });
  };

  const shot = async (page: Page, name: string): Promise<void> => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };

  before(async () => {
    ensureWebBundle();
    fx = await webWorkspace({ customers: 1500 });
    server = await startServe(fx.dir);
    browser = await launchTestBrowser();
    personas = (await api<{ personas: Brief[] }>('/api/personas')).personas;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the gallery: a card per persona, negative personas apart and marked', async () => {
    const page = await browser.page();
    await page.goto(server.url + '/');
    await page.waitForSelector('.tiles');
    assert.equal(await page.locator('h1').textContent(), 'Personas');
    assert.equal(await page.locator('.tile').count(), personas.length);
    const negatives = personas.filter((p) => p.negative);
    assert.ok(negatives.length > 0);
    assert.equal(await page.locator('.gallery-negatives .tile').count(), negatives.length);
    assert.equal(await page.locator('.gallery-negatives .badge-negative').count(), negatives.length);
    assert.equal(await page.locator('.gallery-buyers .badge-negative').count(), 0);
    const first = page.locator('.gallery-buyers .tile').first();
    assert.match((await first.textContent()) ?? '', /customers.*of revenue/s);
    assert.ok(((await first.locator('.tile-summary').textContent()) ?? '').length > 20);
    await accessible(page);
    await shot(page, 'gallery');
    await clean(page);
    await page.close();
  });

  it('opens a persona, its evidence and the team views (mouse and keyboard)', async () => {
    const page = await browser.page();
    await page.goto(server.url + '/');
    const p1 = personas.find((p) => p.id === 'p1') as Brief;
    await page.getByRole('link', { name: p1.name, exact: true }).click();
    await page.waitForSelector('#persona-card');
    assert.equal(new URL(page.url()).pathname, '/personas/p1');
    assert.match((await page.locator('h1').textContent()) ?? '', new RegExp(p1.name));
    assert.match((await page.locator('.avatar-lg').textContent()) ?? '', /^[A-Z]{1,2}$/);
    for (const h of ['Goals', 'Pain points', 'Questions', 'Channels', 'Content preferences', 'Buying criteria'])
      assert.equal(await page.getByRole('heading', { name: h, exact: true }).count(), 1, h);
    // a claim opens its evidence: numbers, n, how it was computed
    const claim = page.locator('.evidence details').first();
    assert.equal(await claim.getAttribute('open'), null);
    await claim.locator('summary').click();
    assert.notEqual(await claim.getAttribute('open'), null);
    const body = (await claim.locator('.evidence-body').textContent()) ?? '';
    assert.match(body, /n=\d/);
    assert.match(body, /How it was computed/);
    await accessible(page);
    await shot(page, 'persona');
    // views: click, then arrow keys
    await page.getByRole('tab', { name: 'Sales' }).click();
    await page.waitForFunction(() => window.location.search.includes('view=sales'));
    await page.waitForSelector('#tab-sales[aria-selected=true]');
    const salesView = (await api<{ views: { name: string; fields: string[] }[] }>('/api/views')).views.find((v) => v.name === 'sales');
    assert.ok(salesView);
    const fieldHeadings = await page.locator('#persona-panel .field-title').allTextContents();
    assert.ok(fieldHeadings.length > 0 && fieldHeadings.length <= salesView.fields.length, fieldHeadings.join(', '));
    await page.getByRole('tab', { name: 'Full card' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => window.location.search.includes('view=cx'));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-cx');
    await page.keyboard.press('End');
    await page.waitForFunction(() => window.location.search.includes('view=sales'));
    await clean(page);
    await page.close();
  });

  it('takes comments and change requests, shows hostile text as text, accepts a request', async () => {
    const page = await browser.page();
    await page.goto(server.url + '/personas/p1');
    await page.waitForSelector('.comment-form');
    await page.getByLabel('Your name').fill('Dana');
    await page.getByLabel('Field').selectOption('pain_points');
    const hostile = `Check this <b>bold</b> ${fx.hostileRaw}`;
    await page.getByLabel('Comment', { exact: true }).fill(hostile);
    await page.getByRole('button', { name: 'Add the comment' }).click();
    await page.waitForSelector('.comment-list .comment');
    assert.equal(await page.locator('.comment-text').first().textContent(), hostile);
    assert.equal(await page.locator('.comment-list img, .comment-list b').count(), 0);
    await page.getByLabel('Comment', { exact: true }).fill('Say "sizing of boots" instead');
    await page.getByLabel('This is a change request').check();
    await page.getByRole('button', { name: 'Request the change' }).click();
    await page.waitForSelector('.comment-open');
    await page.locator('.comment-open').getByRole('button', { name: /^Accept #/ }).click();
    await page.waitForSelector('.request-accepted');
    // the accepted edit shows beside the field's evidence, marked as manual
    const edit = page.locator('section[aria-labelledby="field-pain_points"] .manual-edits');
    await edit.waitFor();
    assert.match((await edit.textContent()) ?? '', /manual edit.*Say "sizing of boots" instead.*Dana.*not computed from data/s);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await clean(page);
    await page.close();
  });

  it('draws the journey map: stages as columns, emotion curve, funnel, Sankey, attribution, scenario', async () => {
    const page = await browser.page();
    await page.goto(server.url + '/journeys/p1');
    await page.waitForSelector('[data-ready=journey]', { state: 'attached' });
    const stages = await page.locator('.journey-grid > thead > tr > th').allTextContents();
    assert.deepEqual(stages.map((s) => s.toLowerCase()), ['awareness', 'consideration', 'decision', 'retention', 'advocacy']);
    const rows = await page.locator('.journey-grid > tbody > tr > th').allTextContents();
    for (const r of ['Customers', 'Touchpoints', 'Actions', 'Thoughts', 'Emotion', 'Pain points', 'Opportunities']) assert.ok(rows.includes(r), `row ${r}`);
    const map = (await api<{ map: { funnel: { customers: number }[] } }>('/api/journeys/p1')).map;
    assert.match((await page.locator('.journey-grid > tbody > tr').first().textContent()) ?? '', new RegExp(map.funnel[0]?.customers.toLocaleString('en-US') ?? 'x'));
    // emotion, funnel, attribution and Sankey charts drawn as SVG by ECharts
    assert.ok((await page.locator('.chart-canvas svg').count()) >= 4);
    assert.ok((await page.locator('.chart-canvas svg path').count()) > 20);
    assert.ok((await page.locator('section[aria-labelledby=scenario-h] tbody tr').count()) >= 1);
    await accessible(page);
    await shot(page, 'journey');
    await clean(page);
    await page.close();
  });

  it('scores pasted leads and shows the table with reasons', async () => {
    const page = await browser.page();
    await page.goto(server.url + '/scoring');
    await page.waitForSelector('main h1');
    const csv = readFileSync(join(fx.exports, 'leads.csv'), 'utf8').trim().split('\n').slice(0, 11).join('\n');
    await page.getByLabel(/^Leads/).fill(csv);
    await page.getByRole('button', { name: 'Score the leads' }).click();
    await page.waitForSelector('.scores tbody tr');
    assert.equal(await page.locator('.scores tbody tr').count(), 10);
    assert.match((await page.locator('.score-summary').textContent()) ?? '', /10 of 10 leads scored against version 1: \d+ qualified/);
    const first = (await page.locator('.scores tbody tr').first().textContent()) ?? '';
    assert.match(first, /more common in (negative )?persona/);
    await page.getByLabel(/^Leads/).fill('id,country\n1,DE');
    await page.getByRole('button', { name: 'Score the leads' }).click();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /needs a lead_id column/);
    await accessible(page);
    await shot(page, 'scoring');
    await clean(page);
    await page.close();
  });

  it('shows the data: entities, row counts and the quarantine with reasons (escaped)', async () => {
    const page = await browser.page();
    await page.goto(server.url + '/data');
    await page.waitForSelector('.data-table');
    const orders = page.locator('tr', { has: page.locator('th', { hasText: /^orders$/ }) });
    assert.match((await orders.textContent()) ?? '', /3/);
    await page.getByLabel('Entity').selectOption('orders');
    await page.waitForSelector('text=3 quarantined rows for orders');
    const reasons = await page.locator('section[aria-labelledby=quarantine] tbody tr').allTextContents();
    assert.equal(reasons.length, 3);
    assert.ok(reasons.some((r) => r.includes('not a known customer')), reasons.join('\n'));
    assert.ok(reasons.some((r) => r.includes(fx.hostileRaw)), 'hostile raw text shown as text');
    assert.equal(await page.locator('main img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await accessible(page);
    await shot(page, 'data');
    await clean(page);
    await page.close();
  });

  it('approves and publishes a version from the versions page', async () => {
    const page = await browser.page();
    await page.goto(server.url + '/versions');
    await page.waitForSelector('.review-list');
    await page.getByLabel('Your name').fill('Robin');
    await page.getByRole('button', { name: 'Approve 1' }).click();
    await page.waitForSelector('text=Version 1: draft → approved');
    await page.getByRole('button', { name: 'Publish 1' }).click();
    await page.waitForSelector('text=Version 1: approved → published');
    const v = (await api<{ versions: { version: number; status: string; last_action: { actor: string } | null }[] }>('/api/versions')).versions[0];
    assert.equal(v?.status, 'published');
    assert.equal(v?.last_action?.actor, 'Robin');
    await accessible(page);
    await shot(page, 'versions');
    await clean(page);
    await page.close();
  });

  it('fits a phone screen: no sideways scrolling on the gallery, a persona or the data page', async () => {
    const page = await browser.page({ width: 390, height: 844 });
    for (const path of ['/', '/personas/p1', '/data', '/versions']) {
      await page.goto(server.url + path);
      await page.waitForSelector('main h1');
      await page.waitForLoadState('networkidle');
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(over <= 1, `${path} overflows by ${over}px at 390px`);
      if (path === '/') await shot(page, 'gallery-phone');
    }
    // keyboard: the first Tab reaches the skip link
    await page.goto(server.url + '/');
    await page.waitForSelector('.tiles');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await clean(page);
    await page.close();
  });

  it('exports a persona, a journey map and the library as PDF, and a card as PNG (CLI, headless Chromium)', { timeout: 300_000 }, async () => {
    const p1 = personas.find((p) => p.id === 'p1') as Brief;
    const persona = join(out, 'p1.pdf');
    let r = runCli(['export', '--format', 'pdf', '--persona', 'p1', '--out', persona, '-w', fx.dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(persona).subarray(0, 5).toString(), '%PDF-');
    const pages = pdfPages(persona);
    assert.ok(pages >= 2 && pages <= 20, `persona PDF has ${pages} pages`);
    const text = pdfText(persona);
    if (text !== null) {
      assert.ok(text.includes(p1.name), 'persona name in the PDF text');
      assert.match(text, /How it was computed/);
      assert.match(text, /Goals/);
    } else console.log('# pdftotext not installed: PDF text not checked');

    const library = join(out, 'library.pdf');
    r = runCli(['export', '--format', 'pdf', '--out', library, '-w', fx.dir]);
    assert.equal(r.status, 0, r.stderr);
    const libPages = pdfPages(library);
    assert.ok(libPages >= personas.length + 1, `library PDF has ${libPages} pages for ${personas.length} personas`);
    const libText = pdfText(library);
    if (libText !== null) for (const p of personas) assert.ok(libText.replace(/\s+/g, ' ').includes(p.name), `${p.name} in the library`);

    const journey = join(out, 'journey.pdf');
    r = runCli(['export', '--format', 'pdf', '--persona', 'p1', '--journey', '--out', journey, '-w', fx.dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(pdfPages(journey) >= 2);
    const jText = pdfText(journey);
    if (jText !== null) assert.match(jText, /Journey map · /);

    const card = join(out, 'p1.png');
    r = runCli(['export', '--format', 'png', '--persona', 'p1', '--out', card, '-w', fx.dir]);
    assert.equal(r.status, 0, r.stderr);
    const png = readFileSync(card);
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.ok(png.readUInt32BE(16) >= 800, 'card width in pixels');

    r = runCli(['export', '--format', 'pdf', '--persona', 'nobody', '--out', join(out, 'x.pdf'), '-w', fx.dir]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no persona "nobody"/);
    assert.equal(existsSync(join(out, 'x.pdf')), false);
  });
});
