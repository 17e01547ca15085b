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

/** Plot width of every chart in pixels (excluding axes and legend). */
export const CHART_WIDTH = 640;
/** Plot height of a single chart in pixels. */
export const CHART_HEIGHT = 300;
