import type { Config } from 'vega-lite';

/** The font family shipped in `fonts/` and used for every PNG. */
export const FONT_FAMILY = 'DejaVu Sans';

// Browsers without DejaVu Sans fall back to a common sans-serif; resvg picks the first, shipped, family.
const FONT_STACK = `${FONT_FAMILY}, Verdana, Arial, sans-serif`;

/** Vega-Lite config shared by every chart: shipped font, white background, readable sizes. */
export const CHART_CONFIG: Config = {
  font: FONT_STACK,
  background: '#ffffff',
  padding: 10,
  title: { anchor: 'start', fontSize: 15, subtitleFontSize: 12, subtitleColor: '#444444', offset: 18 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e8e8e8' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260, titleLimit: 300, symbolType: 'square' },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: null },
};

/**
 * Plot width in pixels (excluding axes and legend) of a chart with its legend at the right: with the
 * legend it takes about the page's 1100 px column, drawn at its own size (measured in Chromium).
 */
export const CHART_WIDTH = 780;
/** Plot width in pixels of a chart whose legend is below it, or that has none: about the whole column. */
export const FULL_CHART_WIDTH = 980;
/** Plot height of a single chart in pixels. */
export const CHART_HEIGHT = 300;
