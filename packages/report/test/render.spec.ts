import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILY, fontFiles, inCareFanSpec, renderPng, renderSvg } from '../src/index.js';
import { makeResults } from './fixtures.js';

const spec = inCareFanSpec({ results: makeResults() })!;

// Width and height from a PNG's IHDR chunk.
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

// Dark pixels in an RGBA image: text and lines, on a white background.
function darkPixels(svg: string, fonts: string[]): number {
  const pixels = new Resvg(svg, { font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } }).render().pixels;
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 100 && pixels[i + 3]! > 200) dark++;
  return dark;
}

describe('rendering', () => {
  it('renderSvg gives byte-identical SVG for the same spec', async () => {
    const a = await renderSvg(spec);
    const b = await renderSvg(structuredClone(spec));
    expect(a.length).toBeGreaterThan(10_000);
    expect(a === b).toBe(true);
  });

  it('the SVG carries the chart title as text in the shipped font', async () => {
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/<text[^>]*>Children in care: range of outcomes<\/text>/);
    expect(svg).toContain(`font-family="${FONT_FAMILY}`);
  });

  it('renderPng gives a PNG at twice the SVG size', async () => {
    const svg = await renderSvg(spec);
    const png = renderPng(svg);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const w = Number(/<svg[^>]*width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    const h = Number(/<svg[^>]*height="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    expect(pngSize(png)).toEqual({ width: Math.ceil(2 * w), height: Math.ceil(2 * h) });
    expect(w).toBeGreaterThan(600);
    expect(h).toBeGreaterThan(300);
  });

  it('the shipped font draws text that would vanish without it', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="4" y="28" font-family="${FONT_FAMILY}, Verdana, sans-serif" font-size="20" fill="#000">Children in care</text></svg>`;
    expect(fontFiles()).toHaveLength(2);
    expect(darkPixels(svg, fontFiles())).toBeGreaterThan(300);
    expect(darkPixels(svg, [])).toBe(0);
  });
});
