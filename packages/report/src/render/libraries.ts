/** The browser builds inlined into report.html, in load order (vega-embed needs the two others). */
export interface BrowserLibraries {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}
