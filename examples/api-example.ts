/**
 * Carecast from TypeScript, as an npm user would write it: load the baseline scenario file, add a
 * lever with the typed builder, simulate both on common random numbers and print a small table.
 *
 *   pnpm build && pnpm exec tsx examples/api-example.ts
 *
 * CARECAST_EXAMPLE_REPLICATIONS sets the replications (default 50).
 */
import { simulate, summarise, summariseDifference, type SeriesRow } from '@carecast/engine';
import { compileScenario, loadScenario, scenario } from '@carecast/scenario';

const replications = Number(process.env['CARECAST_EXAMPLE_REPLICATIONS'] ?? 50);
const seed = 1;

const baseline = (await loadScenario(new URL('../scenarios/baseline.yaml', import.meta.url).pathname)).scenario;

// The same scenario with one lever more, written in code rather than YAML.
const earlyHelp = scenario('Early help, built in code', baseline)
  .lever({
    lever: 'reduce-entries',
    label: 'Early help',
    routes: ['care_proceedings'],
    by: '25%',
    from: '2025-04-01',
    ramp: '12 months',
  })
  .build();

const base = compileScenario(baseline);
const lever = compileScenario(earlyHelp);
console.log(lever.leversInWords.join('\n'));

const baseRun = await simulate(base.params, { seed, replications });
const leverRun = await simulate(lever.params, { seed, replications });
const baseRows = summarise(baseRun);
const leverRows = summarise(leverRun);
const deltaRows = summariseDifference(baseRun, leverRun, lever.name);

const pick = (rows: SeriesRow[], metric: string, category: string) =>
  rows.filter((r) => r.metric === metric && r.category === category);
const inCareBase = pick(baseRows, 'in_care', 'total');
const inCareLever = pick(leverRows, 'in_care', 'total');
const inCareDelta = pick(deltaRows, 'in_care', 'total');

const line = (cells: (string | number)[]) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(12) : String(c).padStart(14))).join('');
console.log(`\nChildren in care, mean of ${replications} replications (seed ${seed})`);
console.log(line(['date', 'baseline', 'early help', 'difference', '95% interval']));
for (const i of [0, 12, 24, 36, 48, 60]) {
  const b = inCareBase[i];
  const l = inCareLever[i];
  const d = inCareDelta[i];
  if (!b || !l || !d) continue;
  console.log(
    line([b.date, b.mean.toFixed(1), l.mean.toFixed(1), d.mean.toFixed(1), `${d.ci95_low.toFixed(1)}..${d.ci95_high.toFixed(1)}`]),
  );
}
