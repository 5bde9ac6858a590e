// The example workspace's HTML report in a real browser driven by playwright-core: Debian's Chromium
// when installed, else the one inside the @sparticuz/chromium dev dependency, so `npm ci && npm test`
// passes with only Node and npm (never `npx playwright install`, NOTES.md). It must load with no console error and no request
// besides the page itself, show every chart, print to A4, and take a screenshot (the README's, on purpose).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import packagedChromium from '@sparticuz/chromium';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { copyFixture, impact, ROOT, tempDir } from '../helpers/cli.js';

// The page's own globals, used inside evaluate() callbacks (the test's tsconfig has no DOM library).
declare function getComputedStyle(element: unknown): { fill: string; backgroundColor: string };

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
// As root and offline, Chromium needs these; without the networking ones it floods the log (NOTES.md).
const SYSTEM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// The README's screenshot is refreshed on purpose only (UPDATE_SCREENSHOT=1): a test run never
// rewrites a file of the repository.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT
  ? join(ROOT, 'docs', 'report-screenshot.png')
  : join(tmpdir(), `impact-report-screenshot-${process.pid}.png`);
const SCREENSHOT_HEIGHT = 2500;

let report: Report;
let pageUrl: string;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  const workspace = copyFixture('example');
  const out = tempDir('impact-html-');
  // The folder is outside the workspace: written with the user's consent (--allow-outside).
  const run = impact(['--allow-outside', out, 'report', '-f', 'html', '-o', join(out, 'report.html')], {
    cwd: workspace,
  });
  expect(run.status, run.stderr).toBe(0);
  const json = impact(['--allow-outside', out, 'report', '-f', 'json', '-o', join(out, 'report.json')], {
    cwd: workspace,
  });
  expect(json.status, json.stderr).toBe(0);
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  pageUrl = pathToFileURL(join(out, 'report.html')).href;

  // playwright refuses --user-data-dir in args: a persistent context on a fresh folder is the same thing.
  // Never a skip: a skipped browser test would hide a broken report.
  const browser = await browserToLaunch();
  context = await chromium.launchPersistentContext(tempDir('impact-chromium-'), {
    executablePath: browser.executablePath,
    headless: true,
    args: browser.args,
    viewport: { width: 1200, height: 900 },
  });
  page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(pageUrl, { waitUntil: 'load' });
}, 180_000);

// The packaged build unpacks itself into the system temp folder on first call (~3 s).
async function browserToLaunch(): Promise<{ executablePath: string; args: string[] }> {
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: SYSTEM_FLAGS };
  return { executablePath: await packagedChromium.executablePath(), args: packagedChromium.args };
}

afterAll(async () => {
  await context?.close();
});

describe('the example report in Chromium', () => {
  it('loads with no console error and no request but the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pageUrl]);
  });

  it('is in the report language, with a title', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe(report.lang);
    expect(await page.title()).toBe(`${report.workspace} — Rapport d’impact`);
  });

  it('shows one chart per indicator that did not fail, each a labelled image with a size', async () => {
    const charted = report.indicators.filter((i) => !i.error).length;
    expect(charted).toBeGreaterThan(0);
    const charts = page.locator('figure.chart > svg[role="img"]');
    expect(await charts.count()).toBe(charted);
    const boxes = await charts.evaluateAll((svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return { width: box.width, height: box.height, label: svg.getAttribute('aria-label') ?? '' };
      }),
    );
    for (const box of boxes) {
      expect(box.width).toBeGreaterThan(300);
      expect(box.height).toBeGreaterThan(100);
      expect(box.width).toBeLessThanOrEqual(1200);
      expect(box.label).not.toBe('');
    }
  });

  it('maps each indicator by département that is not a ratio of parts placed apart: one drawn path per département', async () => {
    const mapped = report.indicators.filter((i) => !i.error && !i.geography);
    const maps = page.locator('svg.map');
    expect(await maps.count()).toBe(mapped.length);
    // youth.cost_per_young_person divides euros placed at the investee by young people placed where they live.
    expect(report.indicators.find((i) => i.id === 'youth.cost_per_young_person')?.geography).toBeDefined();
    const shapes = await maps.evaluateAll((svgs) =>
      svgs.map((svg) => {
        const uses = [...svg.querySelectorAll('.areas use')];
        const ids = uses.map((u) => u.getAttribute('href') ?? '');
        const box = svg.getBoundingClientRect();
        return { ids, distinct: new Set(ids).size, width: box.width, label: svg.getAttribute('aria-label') ?? '' };
      }),
    );
    for (const map of shapes) {
      expect(map.ids).toHaveLength(101); // 96 metropolitan + 5 overseas
      expect(map.distinct).toBe(101);
      expect(map.ids).toContain('#dep-2A');
      expect(map.ids).toContain('#dep-976');
      expect(map.width).toBeGreaterThan(300);
      expect(map.label).not.toBe('');
    }
    // Each drawn outline is a real shape with a size, not an empty reference.
    const seine = await page
      .locator('svg.map .areas use[href="#dep-93"]')
      .first()
      .evaluate((use) => {
        const box = (use as unknown as { getBBox(): { width: number; height: number } }).getBBox();
        return { width: box.width, height: box.height };
      });
    expect(seine.width).toBeGreaterThan(2);
    expect(seine.height).toBeGreaterThan(2);
  });

  it('colours each département by its value: a larger value never lighter, no row grey, legend classes present', async () => {
    const index = report.indicators.findIndex((i) => i.id === 'mobility.people_supported');
    const figure = page.locator(`#indicator-${index + 1} figure.map-figure`);
    const drawn = await figure.evaluate((fig) => ({
      areas: [...fig.querySelectorAll('.areas use')].map((use) => ({
        href: use.getAttribute('href') ?? '',
        fill: getComputedStyle(use).fill,
        title: use.querySelector('title')?.textContent ?? '',
      })),
      legend: [...fig.querySelectorAll('.map-legend .swatch')].map((s) => getComputedStyle(s).backgroundColor),
    }));
    // By hand from the JSON: the whole-range value of each département, every other dimension at its margin.
    const values = new Map(
      report.values
        .filter(
          (v) =>
            v.indicator === 'mobility.people_supported' &&
            v.margin.length === 1 &&
            v.margin[0] === 'period' &&
            String(v.territory).startsWith('dep:') && // a row coded FR is listed under the map, not on it
            typeof v.value === 'number',
        )
        .map((v) => [`#${String(v.territory).replace(':', '-')}`, v.value as number]),
    );
    expect(values.size).toBeGreaterThan(10);
    const classes = drawn.legend.slice(0, -1); // the last swatch is "no value"
    expect(classes.length).toBe(5);
    const rank = (fill: string) => classes.indexOf(fill);
    const withValue = drawn.areas.filter((a) => values.has(a.href));
    expect(withValue).toHaveLength(values.size);
    for (const a of withValue) {
      expect(rank(a.fill), a.href).toBeGreaterThanOrEqual(0);
      expect(a.title).toMatch(/\d/);
    }
    for (const a of withValue) {
      for (const b of withValue) {
        if (values.get(a.href)! > values.get(b.href)!) expect(rank(a.fill)).toBeGreaterThanOrEqual(rank(b.fill));
      }
    }
    // The lowest value is in the lightest class, the highest in the darkest.
    const byValue = [...withValue].sort((a, b) => values.get(a.href)! - values.get(b.href)!);
    expect(rank(byValue[0]!.fill)).toBe(0);
    expect(rank(byValue.at(-1)!.fill)).toBe(4);
    const noValue = drawn.legend.at(-1);
    for (const a of drawn.areas.filter((x) => !values.has(x.href))) expect(a.fill).toBe(noValue);
    expect(await figure.locator('.map-legend li').count()).toBeGreaterThanOrEqual(6);
  });

  it('fits the 1200 px viewport: nothing wider than the page', async () => {
    const scrollWidth = await page.locator('html').evaluate((html) => html.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(1200);
  });

  it('takes a screenshot of the top of the page (docs/report-screenshot.png with UPDATE_SCREENSHOT=1)', async () => {
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    const height = await page.locator('html').evaluate((html) => html.scrollHeight);
    await page.screenshot({
      path: SCREENSHOT,
      fullPage: true,
      clip: { x: 0, y: 0, width: 1200, height: Math.min(height, SCREENSHOT_HEIGHT) },
    });
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1200); // IHDR width
    expect(png.readUInt32BE(20)).toBe(Math.min(height, SCREENSHOT_HEIGHT));
  });

  it('prints to A4 PDF', async () => {
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(1);
    // Still no request: printing loads nothing either.
    expect(requests).toEqual([pageUrl]);
  }, 120_000);
});
