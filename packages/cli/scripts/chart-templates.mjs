// Part of `pnpm build` (before bundle.mjs): writes dist/chart-templates.json, the Vega specs of the
// charts of every shipped scenario's run compiled ahead of time (to Vega's runtime dataflow) with rows and titles left as
// placeholders (@carecast/report's chartTemplates). A report whose charts have those shapes (any
// scenario of the same placement types and settings, any replications, seed or dates) is then drawn
// without compiling Vega-Lite at run time, into the same SVG; a chart of another shape is compiled as
// before. Each template is checked when it is made: its rows and titles put back give exactly the
// compiled spec. Runs each scenario once, one replication, in this process. Also writes
// dist/chart-expressions.js, the functions Vega compiled for those charts' expressions as code
// (@carecast/report precompiledExpressionsModule), which bundle.mjs puts in the report's part of the
// bundle so that V8's code cache holds them (session 21, README).
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chartTemplates, precompiledExpressionsModule } from '@carecast/report';
import { memoryIO } from '../dist/io.js';
import { main } from '../dist/main.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(cli, '..', '..');
const target = join(cli, 'dist', 'chart-templates.json');
const expressions = join(cli, 'dist', 'chart-expressions.js');
rmSync(target, { force: true });
rmSync(expressions, { force: true });

const scenarios = readdirSync(join(repo, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
const tmp = mkdtempSync(join(tmpdir(), 'carecast-chart-templates-'));
const reports = [];
try {
  for (const file of scenarios) {
    const out = join(tmp, file.replace(/\.yaml$/, ''));
    const io = memoryIO(repo);
    const code = await main(['run', join('scenarios', file), '--replications', '1', '--workers', '1', '--out', out], io);
    if (code !== 0) throw new Error(`carecast run scenarios/${file} (exit ${code}): ${io.err()}`);
    reports.push({ results: JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const templates = await chartTemplates(reports);
writeFileSync(`${target}.tmp-${process.pid}`, `${JSON.stringify(templates)}\n`);
renameSync(`${target}.tmp-${process.pid}`, target);
// What the runs above drew (their charts compiled, as no templates were there yet): every expression.
writeFileSync(`${expressions}.tmp-${process.pid}`, precompiledExpressionsModule());
renameSync(`${expressions}.tmp-${process.pid}`, expressions);
