// The example workspace's HTML report in a real browser driven by playwright-core: Debian's Chromium
// when installed, else the one inside the @sparticuz/chromium dev dependency, so `npm ci && npm test`
// passes with only Node and npm (never `npx playwright install`, NOTES.md). It must load with no console error and no request
// besides the page itself, show every chart, print to A4, and take a screenshot (the README's, on purpose).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import packagedChromium from '@sparticuz/chromium';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { copyFixture, impact, ROOT, tempDir } from '../helpers/cli.js';

// The page's own globals, used inside evaluate() callbacks (the test's tsconfig has no DOM library).
declare function getComputedStyle(element: unknown): {
  fill: string;
  backgroundColor: string;
  backgroundImage: string;
  display: string;
};

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
// The same example by région, with cells under 20 suppressed (privacy.min_count), on a page of its own.
const MIN_COUNT = 20;
let regionReport: Report;
let regionUrl: string;
let regionPage: Page;
const regionRequests: string[] = [];

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

  const regional = copyFixture('example');
  const config = join(regional, 'impact.yaml');
  const yaml = readFileSync(config, 'utf8');
  expect(yaml).toContain('privacy: { min_count: 0 }');
  writeFileSync(config, yaml.replace('privacy: { min_count: 0 }', `privacy: { min_count: ${MIN_COUNT} }`));
  for (const format of ['html', 'json']) {
    const byRegion = impact(
      ['--allow-outside', out, 'report', '--by', 'territory:region', '-f', format, '-o', join(out, `region.${format}`)],
      { cwd: regional },
    );
    expect(byRegion.status, byRegion.stderr).toBe(0);
  }
  regionReport = JSON.parse(readFileSync(join(out, 'region.json'), 'utf8')) as Report;
  regionUrl = pathToFileURL(join(out, 'region.html')).href;
  regionPage = await context.newPage();
  regionPage.on('request', (request) => regionRequests.push(request.url()));
  regionPage.on('pageerror', (error) => consoleErrors.push(error.message));
  await regionPage.goto(regionUrl, { waitUntil: 'load' });
}, 300_000);

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

  it('names each inset under its box, no name over another or past the map', async () => {
    const map = page.locator('svg.map').first();
    const drawn = await map.evaluate((svg) => {
      // A DOMRect's sides are getters, not own properties: copied one by one to cross back to the test.
      const box = (el: unknown) => {
        const r = (
          el as { getBoundingClientRect(): { left: number; right: number; top: number; bottom: number } }
        ).getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      return {
        map: box(svg),
        names: [...svg.querySelectorAll('.insets > text')].map((text) => ({
          text: text.textContent ?? '',
          ...box(text),
        })),
      };
    });
    expect(drawn.names).toHaveLength(6); // five overseas départements and Paris's inner ring
    for (const [i, a] of drawn.names.entries()) {
      expect(a.left, a.text).toBeGreaterThanOrEqual(drawn.map.left);
      expect(a.right, a.text).toBeLessThanOrEqual(drawn.map.right);
      for (const b of drawn.names.slice(i + 1)) {
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        expect(apart, `${a.text} / ${b.text}`).toBe(true);
      }
    }
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

  it('prints to A4 PDF in at most 30 pages', async () => {
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    // 29 indicators, two to a page with their chart and map (15), the appendix of tables in two columns
    // with their 0-and-– lines named rather than printed (8), key figures and targets (1), notes and
    // quality (1), provenance (3): 28 at most; 27 measured here. It was 47 with a page per indicator.
    expect(report.indicators).toHaveLength(29);
    expect(pages).toBeGreaterThan(20);
    expect(pages).toBeLessThanOrEqual(30);
    // Still no request: printing loads nothing either.
    expect(requests).toEqual([pageUrl]);
  }, 120_000);

  it('in print, opens every folded table in the appendix, each inside its column, without its 0-and-– lines', async () => {
    const print = await context.newPage();
    const printRequests: string[] = [];
    print.on('request', (request) => printRequests.push(request.url()));
    // The printed width of an A4 page less its 15 mm margins: 180 mm at 96 px per inch.
    await print.setViewportSize({ width: 680, height: 1000 });
    await print.emulateMedia({ media: 'print' });
    await print.goto(pageUrl, { waitUntil: 'load' });
    const folds = await print.locator('details.values-fold').evaluateAll((details) =>
      details.map((fold) => ({
        open: fold.hasAttribute('open'),
        width: fold.getBoundingClientRect().width,
        tables: [...fold.querySelectorAll('table')].map((table) => {
          const box = table.getBoundingClientRect();
          return { width: box.width, height: box.height };
        }),
        zeroLinesShown: [...fold.querySelectorAll('tr.zero')].filter((tr) => getComputedStyle(tr).display !== 'none')
          .length,
        zeroLines: fold.querySelectorAll('tr.zero').length,
        namedUnder: fold.querySelector('.zero-lines')
          ? getComputedStyle(fold.querySelector('.zero-lines')).display
          : '',
      })),
    );
    expect(folds.length).toBeGreaterThan(20);
    // Two tables side by side where they fit (half of 680 px less the gap), the full width otherwise.
    expect(folds.filter((f) => f.width < 340).length).toBeGreaterThan(5);
    for (const fold of folds) {
      expect(fold.open).toBe(false); // folded on screen, and still printed
      for (const table of fold.tables) {
        expect(table.width).toBeLessThanOrEqual(fold.width + 1);
        expect(table.height).toBeGreaterThan(10);
      }
      expect(fold.zeroLinesShown).toBe(0);
      if (fold.zeroLines > 0) expect(fold.namedUnder).toBe('block');
    }
    expect(folds.some((f) => f.zeroLines > 0)).toBe(true);
    expect(printRequests).toEqual([pageUrl]);
    await print.close();
  }, 120_000);
});

describe('the example report by région, small cells suppressed, in Chromium', () => {
  const indicator = 'mobility.people_supported';
  const regionValues = (): Map<string, ReportValueLike> =>
    new Map(
      regionReport.values
        .filter(
          (v) =>
            v.indicator === indicator &&
            v.margin.length === 1 &&
            v.margin[0] === 'period' &&
            String(v.territory).startsWith('reg:'),
        )
        .map((v) => [String(v.territory), { value: v.value, suppressed: v.suppressed === true }]),
    );

  it('loads with no request but the page itself', () => {
    expect(regionReport.privacy?.min_count).toBe(MIN_COUNT);
    expect(regionRequests).toEqual([regionUrl]);
  });

  it('draws one titled group per région, made of that région’s départements, 101 outlines in all', async () => {
    const index = regionReport.indicators.findIndex((i) => i.id === indicator);
    const groups = await regionPage
      .locator(`#indicator-${index + 1} svg.map .areas > g[role="img"]`)
      .evaluateAll((gs) =>
        gs.map((g) => ({
          title: g.querySelector('title')?.textContent ?? '',
          outlines: [...g.querySelectorAll('use')].map((u) => u.getAttribute('href') ?? ''),
        })),
      );
    // 13 metropolitan régions (Corse included) and the 5 overseas ones.
    expect(groups).toHaveLength(18);
    const codes = groups.map((g) => g.title.split(' ')[0]);
    expect(new Set(codes).size).toBe(18);
    expect(codes).toContain('reg:94');
    expect(codes).toContain('reg:06');
    expect(groups.flatMap((g) => g.outlines)).toHaveLength(101);
    // Île-de-France is Paris and its seven neighbours; Corse its two départements.
    const outlines = (code: string) => groups.find((g) => g.title.startsWith(`${code} `))!.outlines.sort();
    expect(outlines('reg:11')).toEqual(
      ['#dep-75', '#dep-77', '#dep-78', '#dep-91', '#dep-92', '#dep-93', '#dep-94', '#dep-95'].sort(),
    );
    expect(outlines('reg:94')).toEqual(['#dep-2A', '#dep-2B']);
  });

  it('colours each région by its value and hatches the suppressed ones, labelled as such, with a legend', async () => {
    const index = regionReport.indicators.findIndex((i) => i.id === indicator);
    const figure = regionPage.locator(`#indicator-${index + 1} figure.map-figure`);
    const drawn = await figure.evaluate((fig) => ({
      regions: [...fig.querySelectorAll('.areas > g[role="img"]')].map((g) => ({
        title: g.querySelector('title')?.textContent ?? '',
        fills: [...g.querySelectorAll('use')].map((u) => getComputedStyle(u).fill),
      })),
      legend: [...fig.querySelectorAll('.map-legend li')].map((li) => ({
        text: li.textContent ?? '',
        hatched: li.querySelector('.swatch.hatched') !== null,
        swatch: li.querySelector('.swatch') ? getComputedStyle(li.querySelector('.swatch')).backgroundColor : '',
        image: li.querySelector('.swatch') ? getComputedStyle(li.querySelector('.swatch')).backgroundImage : '',
      })),
    }));
    const values = regionValues();
    // By hand from the JSON (min_count 20): Centre-Val de Loire and Bourgogne-Franche-Comté have fewer than
    // 20 people; every other région with a platform has a value.
    const suppressed = [...values].filter(([, v]) => v.suppressed).map(([code]) => code);
    expect(suppressed.sort()).toEqual(['reg:24', 'reg:27']);
    const byCode = new Map(drawn.regions.map((r) => [r.title.split(' ')[0]!, r]));
    for (const code of suppressed) {
      const region = byCode.get(code)!;
      for (const fill of region.fills) expect(fill).toMatch(/url\("?#map-hatch"?\)/);
      expect(region.title).toContain(`moins de ${MIN_COUNT}, non affiché`);
      expect(region.title).not.toMatch(/\d+ personnes/);
    }
    // The pattern the hatched régions point at is on the page.
    expect(await regionPage.locator('svg.map-defs pattern#map-hatch').count()).toBe(1);
    const hatchedItem = drawn.legend.find((l) => l.hatched);
    expect(hatchedItem?.text).toBe(`moins de ${MIN_COUNT}\u00a0: non affiché`);
    expect(hatchedItem?.image).toContain('repeating-linear-gradient');
    const classes = drawn.legend.filter((l) => !l.hatched && /\d/.test(l.text)).map((l) => l.swatch);
    expect(classes.length).toBeGreaterThanOrEqual(3);
    const shown = [...values].filter(([, v]) => !v.suppressed && typeof v.value === 'number');
    expect(shown.length).toBe(11);
    for (const [code, v] of shown) {
      const region = byCode.get(code)!;
      expect(new Set(region.fills).size, code).toBe(1);
      expect(classes, code).toContain(region.fills[0]);
      expect(region.title, code).toContain(String(v.value));
    }
    // A larger value is never lighter.
    const rank = (code: string) => classes.indexOf(byCode.get(code)!.fills[0]!);
    for (const [a, va] of shown) {
      for (const [b, vb] of shown)
        if ((va.value as number) > (vb.value as number)) expect(rank(a)).toBeGreaterThanOrEqual(rank(b));
    }
  });
});

interface ReportValueLike {
  value: number | null;
  suppressed: boolean;
}
