import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const vega = await import('vega');
const vl = await import('vega-lite');
const report = await import('./dist/index.js');
const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const strip = process.argv[3] === 'strip';
const charts = report.buildCharts({ results });
const noHover = (s) => {
  if (Array.isArray(s)) return s.map(noHover);
  if (s && typeof s === 'object') {
    const o = {};
    for (const [k, v] of Object.entries(s)) {
      if (k === 'layer') o[k] = v.filter((l) => !(l.params ?? []).some((p) => p.select?.nearest)).map(noHover);
      else o[k] = noHover(v);
    }
    return o;
  }
  return s;
};
let sums = { vl: 0, parse: 0, view: 0, svg: 0 };
const t0 = cpu();
mkdirSync(`/tmp/cmdprof/svg-${process.argv[3]}`, { recursive: true });
for (const { name, spec } of charts) {
  let a = cpu();
  const v = vl.compile(strip ? noHover(spec) : spec).spec; let b = cpu(); sums.vl += b - a; a = b;
  const rt = vega.parse(v); b = cpu(); sums.parse += b - a; a = b;
  const view = new vega.View(rt, { renderer: 'none', logLevel: vega.Error }); b = cpu(); sums.view += b - a; a = b;
  await view.runAsync(); b = cpu(); sums.run = (sums.run ?? 0) + b - a; a = b;
  const svg = await view.toSVG(); b = cpu(); sums.svg += b - a; a = b;
  writeFileSync(`/tmp/cmdprof/svg-${process.argv[3]}/${name}.svg`, svg);
  view.finalize();
}
console.log(process.argv[3], (cpu() - t0).toFixed(0), sums);
