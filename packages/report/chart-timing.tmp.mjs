import { readFileSync } from 'node:fs';
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
let t = cpu();
const lap = (label) => { const n = cpu(); console.log(`${(n - t).toFixed(0).padStart(6)} ms  ${label}`); t = n; };
const vega = await import('vega'); lap('import vega');
const vl = await import('vega-lite'); lap('import vega-lite');
const report = await import('./dist/index.js'); lap('import report');
const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const charts = report.buildCharts({ results }); lap(`build ${charts.length} specs`);
let sums = { vl: 0, parse: 0, view: 0, svg: 0 };
for (const { name, spec } of charts) {
  let a = cpu();
  const v = vl.compile(spec).spec; let b = cpu(); sums.vl += b - a; a = b;
  const rt = vega.parse(v); b = cpu(); sums.parse += b - a; a = b;
  const view = new vega.View(rt, { renderer: 'none', logLevel: vega.Error }); b = cpu(); sums.view += b - a; a = b;
  const svg = await view.toSVG(); b = cpu(); sums.svg += b - a; a = b;
  view.finalize();
  lap(`${name} (${svg.length} chars)`);
}
console.log(sums);
