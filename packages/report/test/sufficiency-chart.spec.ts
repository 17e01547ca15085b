import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { renderSvg, sufficiencySpec } from '../src/index.js';
import { BASELINE_COLOUR } from '../src/palette.js';
import { makeCompare, makeResults } from './fixtures.js';

// The sufficiency chart of a comparison: the baseline's lines lie wide and pale under the scenarios', so
// where a scenario has the baseline's capacity (the fixture's capacity is the same in both) the baseline
// still shows, as a grey band either side of the scenario's line.

const baseline = makeResults();
const scenario = makeResults({ name: 'Edge of care', entryFactor: 0.8 });
const data = { results: scenario, baseline, compare: makeCompare(baseline, [scenario]) };

/** The line marks of an SVG in drawing order: who (scenario; series) and how (stroke, width, opacity, path). */
function lineMarks(svg: string): { label: string; stroke: string; width: number; opacity: number; d: string }[] {
  return [...svg.matchAll(/<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="line mark"([^>]*)>/g)].map((m) => {
    const attr = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(m[2]!)?.[1];
    return { label: m[1]!, stroke: attr('stroke') ?? '', width: Number(attr('stroke-width') ?? 1), opacity: Number(attr('opacity') ?? 1), d: attr('d') ?? '' };
  });
}

describe('sufficiency chart of a comparison', () => {
  it('draws the baseline first, wider and paler than the scenarios\' lines it lies under', async () => {
    const svg = await renderSvg(sufficiencySpec(data)!);
    const marks = lineMarks(svg);
    const isBaseline = (m: { label: string }) => m.label.includes(`Scenario: ${baseline.scenario.name};`);
    const base = marks.filter(isBaseline);
    const others = marks.filter((m) => !isBaseline(m));
    expect(base.length).toBeGreaterThan(0);
    expect(others.length).toBe(base.length);
    // Drawn under: in each facet (one per capacity-limited category) the baseline's lines come first.
    expect(marks.map((m) => (isBaseline(m) ? 'B' : 'S')).join('')).toBe('BBSS'.repeat(3));
    for (const m of base) expect([m.stroke, m.width, m.opacity]).toEqual([BASELINE_COLOUR, 6, 0.4]);
    for (const m of others) expect([m.width, m.opacity]).toEqual([2, 1]);
    // The case it is for: the capacity lines coincide, the baseline's showing 2 px either side.
    const capacity = (ms: typeof marks) => ms.filter((m) => m.label.endsWith('Series: Capacity')).map((m) => m.d);
    expect(capacity(others)).toEqual(capacity(base));
  });

  const CHROMIUM = '/usr/bin/chromium';
  const skip = !existsSync(CHROMIUM) && !process.env['CI'];
  const dir = mkdtempSync(join(tmpdir(), 'carecast-sufficiency-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(skip)('in Chromium, the baseline shows as a pale grey band along the scenario\'s capacity line', async () => {
    const svg = await renderSvg(sufficiencySpec(data)!);
    const browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"></body></html>');
      // The SVG drawn on a white canvas by Chromium, then its pixels counted in the page.
      const pale = await page.evaluate(async (text: string) => {
        const img = new Image();
        img.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(text)))}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0);
        const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        // #333333 at 40% on white is about (174, 174, 174); on the scenario's blue it is darker and bluish.
        let n = 0;
        for (let i = 0; i < px.length; i += 4) {
          const [r, g, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
          if (Math.abs(r - g) <= 6 && Math.abs(g - b) <= 6 && r >= 160 && r <= 190) n++;
        }
        return n;
      }, svg);
      // Three facets, each with two baseline lines 4 px wider than the scenario's: about 6,300 pale pixels
      // when written; with the baseline drawn as wide as the scenario's (hidden under it where they
      // coincide) about 2,400 (antialiased edges and text).
      expect(pale).toBeGreaterThan(4500);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
