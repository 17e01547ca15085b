import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { chromium, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/index.js';
import { makeCompare, makeResults } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
// Under CI the browser must be there; on a developer's machine without it the test says why it skips.
const skip = !available && !process.env['CI'];
if (skip) console.warn(`browser.spec.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium to run it)`);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Console errors and warnings, page errors, and every request for anything but the page itself. */
function watch(page: Page, url: string): { errors: string[]; requests: string[] } {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  return { errors, requests };
}

/** The pages of a PDF, read with pdf.js: size in points and the text drawn on each. */
async function pdfPages(pdf: Uint8Array): Promise<{ width: number; height: number; text: string }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const p = await doc.getPage(n);
      const [x0, y0, x1, y1] = p.view as [number, number, number, number];
      const content = await p.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
      pages.push({ width: x1 - x0, height: y1 - y0, text });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

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

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const { errors, requests } = watch(page, url);
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
      // Every chart is drawn about as wide as the page's column, at its own size (not scaled).
      const widths = await page.$$eval('[data-chart] svg', (svgs) => {
        const main = document.querySelector('main')!;
        const style = getComputedStyle(main);
        const column = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return svgs.map((svg) => ({ name: svg.closest('[data-chart]')!.getAttribute('data-chart'), share: Number(svg.getAttribute('width')) / column }));
      });
      for (const w of widths) expect(w.share, `${w.name} width / column`).toBeGreaterThan(0.85);
      for (const w of widths) expect(w.share, `${w.name} width / column`).toBeLessThan(1.1);

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

  it('prints a four-scenario comparison on A4 with every chart whole on one page (read back from the PDF)', async () => {
    const baseline = makeResults();
    const others = ['Edge of care', 'Foster recruitment', 'Residential beds'].map((name, i) => makeResults({ name, entryFactor: 0.8 + 0.05 * i, withAgeBands: true }));
    const files = await buildReport({ results: baseline, baseline, compare: makeCompare(baseline, others), images: false });
    const file = join(dir, 'print.html');
    writeFileSync(file, files.get('report.html')!);
    const url = pathToFileURL(file).href;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const { errors, requests } = watch(page, url);
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => [...document.querySelectorAll('[data-chart]')].every((el) => el.getAttribute('data-drawn') === 'true'), undefined, { timeout: 20_000 });
      // Each chart gets a marker text at the top and at the bottom of its drawing (inside the SVG, so the
      // markers move with the chart): a chart is whole on paper when both land on the same page.
      const charts = await page.$$eval('[data-chart] svg', (els) =>
        (els as SVGSVGElement[]).map((svg, i) => {
          const ns = 'http://www.w3.org/2000/svg';
          const box = svg.viewBox.baseVal;
          const height = box && box.height > 0 ? box.height : svg.height.baseVal.value;
          for (const [where, y] of [['T', 6], ['B', height - 1]] as const) {
            const t = document.createElementNS(ns, 'text');
            t.setAttribute('x', '2');
            t.setAttribute('y', String(y));
            t.setAttribute('font-size', '5');
            t.setAttribute('fill', '#000000');
            t.textContent = `QQ${where}${String(i).padStart(2, '0')}QQ`;
            svg.appendChild(t);
          }
          // And one after the caption: the figure (title in the drawing, then the caption) stays together.
          const caption = svg.closest('figure')!.querySelector('figcaption')!;
          caption.append(Object.assign(document.createElement('span'), { textContent: `QQC${String(i).padStart(2, '0')}QQ`, style: 'font-size: 4px' }));
          return svg.closest('[data-chart]')!.getAttribute('data-chart')!;
        }),
      );
      expect(charts).toHaveLength(11);
      // Each section heading gets a marker after its text and one at the start of what follows it:
      // a heading is orphaned when they land on different pages.
      const headings = await page.$$eval('main h2', (hs) =>
        hs.map((h, i) => {
          const id = String(i).padStart(2, '0');
          const mark = (text: string) => Object.assign(document.createElement('span'), { textContent: text, style: 'font-size: 4px' });
          h.append(mark(`QQH${id}QQ`));
          let next = h.nextElementSibling;
          while (next && next.getClientRects().length === 0) next = next.nextElementSibling; // past noscript
          next?.insertAdjacentElement('afterbegin', mark(`QQF${id}QQ`));
          return h.textContent ?? '';
        }),
      );
      expect(headings.length).toBeGreaterThan(5);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = await pdfPages(pdf);
      expect(pages.length).toBeGreaterThan(3);
      // A4 is 210 x 297 mm, 595 x 842 points (Chromium rounds its page size to whole CSS pixels).
      for (const p of pages) {
        expect(Math.abs(p.width - 595.28)).toBeLessThan(1);
        expect(Math.abs(p.height - 841.89)).toBeLessThan(1);
      }
      const pageOf = (marker: string): number[] => pages.flatMap((p, n) => (p.text.includes(marker) ? [n + 1] : []));
      const placed = charts.map((name, i) => {
        const id = String(i).padStart(2, '0');
        return { name, top: pageOf(`QQT${id}QQ`), bottom: pageOf(`QQB${id}QQ`), caption: pageOf(`QQC${id}QQ`) };
      });
      for (const [i, h] of headings.entries()) {
        const id = String(i).padStart(2, '0');
        expect(pageOf(`QQH${id}QQ`), `heading ${h}`).toHaveLength(1);
        expect(pageOf(`QQF${id}QQ`), `what follows heading ${h} is on its page`).toEqual(pageOf(`QQH${id}QQ`));
      }
      for (const c of placed) {
        expect(c.top, `${c.name}: top marker on exactly one page`).toHaveLength(1);
        expect(c.bottom, `${c.name}: bottom marker on the top's page (the chart is cut across pages otherwise)`).toEqual(c.top);
        expect(c.caption, `${c.name}: caption on the chart's page`).toEqual(c.top);
      }
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
