import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_HEADER, parseCsv } from '../../lib/csv';
import type { Application } from '../../server/app';
import { parseConfig } from '../../server/config';
import { startServer } from '../../server/index';
import { createLogger } from '../../server/logger';
import { ensureBuild } from '../../server/start';

/** Screenshots land here (gitignored) for a person to look at. */
const SHOTS = 'test-results';
const QUERY = 'love OR great OR amazing';

let app: Application;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];

/** Points in the sentiment chart (one per window), read from the chart's data attribute. */
async function chartPoints(p: Page): Promise<number> {
  return Number((await p.getAttribute('[data-testid=sentiment-chart]', 'data-points')) ?? 0);
}

beforeAll(async () => {
  await ensureBuild();
  dataDir = mkdtempSync(join(tmpdir(), 'moodstream-browser-'));
  // A short slide so the charts move within seconds; the demo source at its real-time pace.
  const config = parseConfig(
    ['--port', '0', '--host', '127.0.0.1', '--batch', '1s', '--window', '20s', '--slide', '2s', '--data-dir', dataDir],
    {},
  );
  app = await startServer(config, createLogger('browser-test', { level: 'warn' }));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 1000 }, colorScheme: 'light' });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('dashboard in Chromium', () => {
  it('renders live charts that update over time', async () => {
    await page.goto(app.url);
    await expect(page.title()).resolves.toMatch(/moodstream/);
    await page.waitForSelector('[data-testid=connection]:has-text("Connected")');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=sentiment-chart]')?.getAttribute('data-points')) >= 2);
    const before = await chartPoints(page);
    expect(await page.locator('[data-testid=sentiment-chart] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=sentiment-chart] path.recharts-line-curve').getAttribute('d')).toMatch(/^M/);
    await expect(page.locator('[data-testid=kpi-posts]').textContent()).resolves.toMatch(/^\d/);
    await page.waitForSelector('[data-testid=top-hashtags] li');
    await page.waitForSelector('[data-testid=live-feed] li');

    // Windows keep coming: the chart gains points.
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=sentiment-chart]')?.getAttribute('data-points')) > n,
      before,
    );
    expect(await chartPoints(page)).toBeGreaterThan(before);
  });

  it('shows a syntax error inline and tracks a query added through the picker', async () => {
    const input = page.getByLabel('Track a query');
    await input.fill('tesla OR');
    await expect(page.locator('[data-testid=picker-error]').textContent()).resolves.toMatch(/\S/);
    await expect(page.getByRole('button', { name: 'Track', exact: true }).isDisabled()).resolves.toBe(true);

    await input.fill(QUERY);
    await input.press('Enter');
    await page.waitForSelector(`[data-testid=tracked-list] li:has-text("${QUERY}")`);
    await expect(input.inputValue()).resolves.toBe('');
    // The comparison charts draw the new series once windows counting it arrive.
    await page.waitForSelector('[data-testid=tracked-share-chart][data-series="1"]');
    await page.waitForFunction(() => {
      const path = document.querySelector('[data-testid=tracked-share-chart] path.recharts-line-curve');
      return (path?.getAttribute('d') ?? '').length > 10;
    });
    await page.waitForSelector('[data-testid=tracked-mean-chart] path.recharts-line-curve');
  });

  it('downloads the visible history as CSV that parses back', async () => {
    const points = await chartPoints(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-history]')]);
    expect(download.suggestedFilename()).toMatch(/^moodstream-.*\.csv$/);
    const text = readFileSync((await download.path()) as string, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(CSV_HEADER.split(','));
    const totals = rows.filter((r) => r[2] === 'total');
    // The server may have closed another window between reading the chart and the click.
    expect(totals.length).toBeGreaterThanOrEqual(points);
    expect(rows.some((r) => r[2] === 'keyword' && r[3] === QUERY)).toBe(true);
    expect(rows.some((r) => r[2] === 'hashtag' && (r[3] as string).startsWith('#'))).toBe(true);
    for (const r of rows.slice(1)) expect(r).toHaveLength(rows[0]?.length ?? 0);
  });

  it('loads a stored range from the history into the charts and goes back to live', async () => {
    const live = await chartPoints(page);
    await page.click('[data-testid=range-15m]');
    await page.waitForSelector('text=/Stored history .* windows shown/');
    // Every window so far is stored (the server writes each one), so the range holds them all.
    expect(await chartPoints(page)).toBeGreaterThanOrEqual(live);
    await page.waitForSelector('[data-testid=tracked-share-chart] path.recharts-line-curve');
    await expect(page.getAttribute('[data-testid=export-history]', 'href')).resolves.toMatch(/^\/api\/history\?from=.*format=csv/);
    await page.getByRole('button', { name: 'Back to live' }).click();
    await expect(page.getAttribute('[data-testid=range-live]', 'aria-pressed')).resolves.toBe('true');
    await expect(page.getAttribute('[data-testid=export-history]', 'href')).resolves.toMatch(/^\/api\/export\?last=\d+$/);
  });

  it('explains a selected feed post, and what moved a window picked on the chart', async () => {
    // The keyboard's way in: a scored post's badge, Enter; Escape closes.
    const badge = page.locator('[data-testid=live-feed] button[data-explain-id]').filter({ hasText: /^[+−]\d/ }).first();
    await badge.focus();
    await page.keyboard.press('Enter');
    const explanation = page.locator('[data-testid=post-explanation]');
    await explanation.waitFor();
    const tokens = explanation.locator('li');
    expect(await tokens.count()).toBeGreaterThan(0);
    await expect(tokens.first().textContent()).resolves.toMatch(/[+−]\d/);
    await expect(explanation.textContent()).resolves.toMatch(/→ score [+−]\d\.\d\d, (positive|negative|neutral)/);
    // The list holds still while a post is explained, so the focused score stays put.
    await page.waitForSelector('text=/Paused while a post is explained/');
    await page.waitForTimeout(1000);
    await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-explain-id'))).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await explanation.waitFor({ state: 'detached' });
    await page.waitForSelector('text=Live sample of scored posts');
    await expect(page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid=live-feed]')))).resolves.toBe(true);

    // A click on a post's text selects it too (on a paused list: a live one moves under the pointer).
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('[data-testid=live-feed] li').filter({ has: page.locator('button', { hasText: /^[+−]\d/ }) }).first().locator('p').click();
    await explanation.waitFor();
    expect(await explanation.locator('li').count()).toBeGreaterThan(0);

    // A click on the newest bar of the chart explains that window.
    const grid = await page.locator('[data-testid=sentiment-chart] .recharts-cartesian-grid').boundingBox();
    if (!grid) throw new Error('the chart has no plot area');
    await page.mouse.click(grid.x + grid.width - 3, grid.y + grid.height - 4);
    await page.waitForSelector('[data-testid=sentiment-chart][data-selected]');
    const result = page.locator('[data-testid=movers-result]');
    await result.waitFor();
    await expect(page.locator('[data-testid=movers-sample]').textContent()).resolves.toMatch(/From (a sample|all)/);
    const words = await page.locator('[data-testid^=movers-words-] li').count();
    const posts = await page.locator('[data-testid^=movers-posts-] li').count();
    expect(words).toBeGreaterThan(0);
    expect(posts).toBeGreaterThan(0);
    // Escape, with the focus still in the chart, closes it.
    await page.keyboard.press('Escape');
    await result.waitFor({ state: 'detached' });
    await expect(page.getAttribute('[data-testid=sentiment-chart]', 'data-selected')).resolves.toBeNull();

    // The keyboard's way: the window picker; the chart marks the pick.
    const picker = page.locator('[data-testid=movers-picker]');
    const second = await picker.locator('option').nth(2).getAttribute('value');
    await picker.selectOption(second as string);
    await expect(page.getAttribute('[data-testid=sentiment-chart]', 'data-selected')).resolves.toBe(second);
    await result.waitFor();
    expect(await page.locator('[data-testid^=movers-words-] li').count()).toBeGreaterThan(0);
    // A mover post opens its own explanation.
    await page.locator('[data-testid^=movers-posts-] button').first().click();
    await page.locator('[data-testid=window-movers] [data-testid=post-explanation] li').first().waitFor();

    await page.mouse.move(0, 0);
    await page.locator('[data-testid=live-feed]').evaluate((el) => el.parentElement?.scrollIntoView());
    await page.locator('#feed-post-explanation').screenshot({ path: join(SHOTS, 'explanation-light.png') });
    await page.locator('[data-testid=window-movers]').screenshot({ path: join(SHOTS, 'movers-light.png') });
  });

  it('looks right in light and dark, wide and narrow', async () => {
    await page.waitForTimeout(2500); // let the feed and charts fill in for the screenshots
    await page.mouse.move(0, 0); // no hover tooltip over the charts
    await page.screenshot({ path: join(SHOTS, 'dashboard-light.png'), fullPage: true });
    await page.click('[data-testid=theme-toggle]');
    await expect(page.evaluate(() => document.documentElement.classList.contains('dark'))).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'dashboard-dark.png'), fullPage: true });
    await page.locator('#feed-post-explanation').screenshot({ path: join(SHOTS, 'explanation-dark.png') });
    await page.locator('[data-testid=window-movers]').screenshot({ path: join(SHOTS, 'movers-dark.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'dashboard-mobile-dark.png'), fullPage: true });
    await page.locator('[data-testid=window-movers]').screenshot({ path: join(SHOTS, 'movers-mobile-dark.png') });
    expect(pageErrors).toEqual([]);
    // The choice is remembered across reloads.
    await page.reload();
    await expect(page.evaluate(() => document.documentElement.classList.contains('dark'))).resolves.toBe(true);
  });
});
