import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY } from '../config.js';
import { fontFiles } from './fonts.js';

/** Rasterises an SVG document to PNG bytes at `scale` pixels per SVG unit, with the shipped font only. */
export function renderPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng());
}
