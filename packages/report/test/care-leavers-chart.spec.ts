import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ACCOMMODATIONS, type SeriesRow } from '@carecast/engine';
import { buildCharts, compileSpec } from '../src/index.js';
import { careLeaversSpec } from '../src/charts/care-leavers.js';
import { makeResults } from './fixtures.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ strict: false, validateFormats: false, code: { optimize: false } }).compile(schema);

/** The fixture run with care leavers: each state a steady number of young people. */
function withCareLeavers() {
  const results = makeResults();
  const dates = [...new Set(results.series.filter((r) => r.metric === 'in_care').map((r) => r.date))];
  const rows: SeriesRow[] = dates.flatMap((date) => {
    const each = ACCOMMODATIONS.map((category, i): SeriesRow => {
      const mean = 10 + i;
      return { date, metric: 'care_leavers', category, mean, p05: mean, p25: mean, p50: mean, p75: mean, p95: mean, ci95_low: mean, ci95_high: mean };
    });
    const total = each.reduce((a, r) => a + r.mean, 0);
    return [...each, { date, metric: 'care_leavers', category: 'total', mean: total, p05: total, p25: total, p50: total, p75: total, p95: total, ci95_low: total, ci95_high: total }];
  });
  return { ...results, series: [...results.series, ...rows] };
}

describe('care leavers chart', () => {
  it('is drawn only when the results have care leavers, validates and compiles without warnings', async () => {
    expect(buildCharts({ results: makeResults() }).some((c) => c.name === 'care-leavers')).toBe(false);
    const results = withCareLeavers();
    expect(buildCharts({ results }).some((c) => c.name === 'care-leavers')).toBe(true);
    const spec = careLeaversSpec({ results })!;
    expect(validate(spec) ? [] : validate.errors?.slice(0, 3)).toEqual([]);
    expect((await compileSpec(spec)).warnings).toEqual([]);
    const text = JSON.stringify(spec);
    expect(text).toContain('Care leavers (young people)');
    expect(text).toContain('Staying put (in-house carer)');
  });
});
