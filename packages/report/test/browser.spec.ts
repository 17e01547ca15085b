import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/index.js';
import { makeCompare, makeResults } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
// Under CI the browser must be there; on a developer's machine without it the test says why it skips.
const skip = !available && !process.env['CI'];
if (skip) console.warn(`browser.spec.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium to run it)`);

describe.skipIf(skip)('report.html in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws every chart offline, with tooltips, no console errors and no network request', async () => {
    const baseline = makeResults();
    const scenario = makeResults({ name: 'Edge of care', entryFactor: 0.8, withAgeBands: true });
    const files = await buildReport({
      results: scenario,
      baseline,
      compare: makeCompare(baseline, [scenario]),
      leversInWords: ['25% fewer care proceedings initiated from 1 April 2026', '10 more in-house fostering households a year'],
      images: false,
    });
    const file = join(dir, 'report.html');
    writeFileSync(file, files.get('report.html')!);
    const url = pathToFileURL(file).href;

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('request', (r) => {
        if (r.url() !== url) requests.push(r.url());
      });
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(
        () => {
          const charts = [...document.querySelectorAll('[data-chart]')];
          return charts.length > 0 && charts.every((el) => el.getAttribute('data-drawn') === 'true');
        },
        undefined,
        { timeout: 20_000 },
      );
      const marks = await page.$$eval('[data-chart]', (els) =>
        els.map((el) => ({
          name: el.getAttribute('data-chart'),
          marks: el.querySelectorAll('svg g.role-mark path, svg g.role-mark line, svg g.role-mark text').length,
        })),
      );
      expect(marks).toHaveLength(11);
      for (const m of marks) expect(m.marks, m.name ?? '').toBeGreaterThan(5);

      // Hovering the fan chart shows the tooltip with its percentiles.
      const fan = page.locator('#chart-in-care-fan svg');
      await fan.scrollIntoViewIfNeeded();
      const box = (await fan.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5);
      await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5_000 });
      const tooltip = await page.textContent('#vg-tooltip-element');
      // A comparison: every scenario's mean and 5-95% range of the month.
      for (const words of ['Baseline: mean', 'Edge of care: mean', 'Edge of care: 95th percentile']) expect(tooltip).toContain(words);
      expect(tooltip).toMatch(/Month end\s*\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20\d\d/);

      // The stacked area's tooltip lists every category of the month and the total.
      const stacked = page.locator('#chart-in-care-by-category svg');
      await stacked.scrollIntoViewIfNeeded();
      const area = (await stacked.boundingBox())!;
      // A comparison: the baseline's panel is the first of the stacked panels.
      await page.mouse.move(area.x + area.width * 0.3, area.y + area.height * 0.3);
      await page.waitForFunction(() => document.querySelector('#vg-tooltip-element.visible')?.textContent?.includes('IFA foster'), undefined, {
        timeout: 5_000,
      });
      const listed = (await page.textContent('#vg-tooltip-element')) ?? '';
      for (const label of ['Kinship foster', 'Supported accommodation (16+)', 'Other placement', 'Total']) expect(listed).toContain(label);

      const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
      await page.mouse.move(0, 0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(artifacts, 'report-top.png') });

      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('prints on A4 with no chart taller than a page or allowed to break across pages', async () => {
    const baseline = makeResults();
    const others = ['Edge of care', 'Foster recruitment', 'Residential beds'].map((name, i) => makeResults({ name, entryFactor: 0.8 + 0.05 * i, withAgeBands: true }));
    const files = await buildReport({ results: baseline, baseline, compare: makeCompare(baseline, others), images: false });
    const file = join(dir, 'print.html');
    writeFileSync(file, files.get('report.html')!);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      // A4 less the page margins of the print styles (12 mm each side, 14 mm top and bottom), in CSS pixels.
      const mm = 96 / 25.4;
      const page = await browser.newPage({ viewport: { width: Math.floor((210 - 24) * mm), height: 1000 } });
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.emulateMedia({ media: 'print' });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForFunction(() => [...document.querySelectorAll('[data-chart]')].every((el) => el.getAttribute('data-drawn') === 'true'), undefined, { timeout: 20_000 });
      const figures = await page.$$eval('figure', (els) => els.map((f) => ({ id: f.id, height: f.getBoundingClientRect().height, breakInside: getComputedStyle(f).breakInside })));
      expect(figures).toHaveLength(11);
      for (const f of figures) {
        expect(f.breakInside, f.id).toBe('avoid');
        expect(f.height, f.id).toBeLessThan((297 - 28) * mm);
      }
      const headings = await page.$$eval('h2', (els) => els.map((h) => getComputedStyle(h).breakAfter));
      expect(new Set(headings)).toEqual(new Set(['avoid']));
      const pdf = await page.pdf({ format: 'A4' });
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF')).toBe(true);
      // A4 is 595 x 842 points.
      for (const m of text.matchAll(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)) {
        expect(Number(m[1])).toBeCloseTo(595, -1);
        expect(Number(m[2])).toBeCloseTo(842, -1);
      }
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
