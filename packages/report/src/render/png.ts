import { createRequire } from 'node:module';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { FONT_FAMILY } from '../config.js';
import { fontFiles } from './fonts.js';

// The native rasteriser loads on the first PNG drawn, not with the package: most reports draw none.
let Resvg: typeof ResvgClass | undefined;

/** Rasterises an SVG document to PNG bytes at `scale` pixels per SVG unit, with the shipped font only. */
export function renderPng(svg: string, scale = 2): Uint8Array {
  Resvg ??= (createRequire(import.meta.url)('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng());
}
