// Coverage of the forecast bands (bench/coverage-study.ts): over generated authorities of three sizes and
// several seeds, how often the actual 31 March stock falls inside the 50% and 90% bands of a forecast
// fitted on three years, with parameter uncertainty (the default for calibrated scenarios) and without it.
// Target with it: 40-60% inside the 50% band, 85-95% inside the 90% band. Set COVERAGE_SEEDS to run more
// (default 6 seeds x 3 sizes = 18 authorities, 2 later 31 Marches each); COVERAGE_ROWS=FILE keeps the rows
// as JSON; COVERAGE_BANDS=90,365,730 fits with those duration bands (days in care; default none). Also prints the bias by category and horizon (biasTable), with parameter uncertainty.
import { fileURLToPath } from 'node:url';
import { compileScenarioFile } from '@carecast/scenario';
import { writeFileSync } from 'node:fs';
import { biasTable, coverage, coverageStudy, coverageTable } from './coverage-study.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo });
const seedCount = Number(process.env['COVERAGE_SEEDS'] ?? 6);
const seeds = Array.from({ length: seedCount }, (_, i) => 101 + i);
const scales = [0.5, 1, 2];
const durationBandsDays = (process.env['COVERAGE_BANDS'] ?? '').split(',').filter((x) => x !== '').map(Number);
const t0 = performance.now();
const rows = await coverageStudy(
  { truth: params, scales, seeds, referenceYears: 3, horizonYears: 2, replications: 200, durationBandsDays },
  (done, total) => process.stderr.write(`\r  authority ${done}/${total}`),
);
process.stderr.write('\n');
const totals = rows.filter((r) => r.category === 'total');
const w = coverage(totals, 'with');
const wo = coverage(totals, 'without');
console.log(
  `Coverage over ${scales.length * seeds.length} generated authorities (Anytown x ${scales.join(', ')}; seeds ${seeds[0]}-${seeds.at(-1)}), ` +
    `fitted on 3 years${durationBandsDays.length > 0 ? ` with duration bands ${durationBandsDays.join(', ')} days` : ''}, 200 replications, 1 and 2 years ahead (${((performance.now() - t0) / 1000).toFixed(0)} s):`,
);
console.log(`  total in care: 50% band ${(100 * w.in50).toFixed(0)}% (without parameter uncertainty ${(100 * wo.in50).toFixed(0)}%), 90% band ${(100 * w.in90).toFixed(0)}% (without ${(100 * wo.in90).toFixed(0)}%); n = ${w.n}`);
for (const ahead of [1, 2]) {
  const rs = totals.filter((r) => r.ahead === ahead);
  const a = coverage(rs, 'with');
  const b = coverage(rs, 'without');
  console.log(`  ${ahead} year(s) ahead, total: 50% ${(100 * a.in50).toFixed(0)}% / ${(100 * b.in50).toFixed(0)}%, 90% ${(100 * a.in90).toFixed(0)}% / ${(100 * b.in90).toFixed(0)}% (with / without)`);
}
console.log(coverageTable(rows));
console.log('\nBias with parameter uncertainty (forecast mean vs actual; z = (actual - mean) / ((p95 - p05) / 3.29)):');
console.log(biasTable(rows, 'with'));
const rowsFile = process.env['COVERAGE_ROWS'];
if (rowsFile) writeFileSync(rowsFile, JSON.stringify(rows));
