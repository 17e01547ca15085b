import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { SeriesRow } from '@carecast/engine';
import {
  buildCharts,
  CATEGORY_SWATCHES,
  compileSpec,
  costAvoidedSpec,
  costByYearSpec,
  entriesSpec,
  EXIT_REASON_SWATCHES,
  AGE_BAND_SWATCHES,
  inCareByAgeSpec,
  inCareFanSpec,
  outOfAreaShareSpec,
  renderSvg,
  scenarioComparisonSpec,
  sufficiencySpec,
} from '../src/index.js';
import { makeCompare, makeResults } from './fixtures.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ strict: false, validateFormats: false, code: { optimize: false } });
const validate = ajv.compile(schema);

const baseline = makeResults();
const scenario = makeResults({ name: 'Edge of care', entryFactor: 0.8, withAgeBands: true });
const compare = makeCompare(baseline, [scenario]);
const full = { results: scenario, baseline, compare };
const charts = buildCharts(full);

// Every value of `key` anywhere inside a JSON value.
function collect(value: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) collect(v, key, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) out.push(v);
      collect(v, key, out);
    }
  }
  return out;
}

const valuesOf = (spec: unknown): Record<string, unknown>[] =>
  (collect(spec, 'values') as unknown[]).flatMap((v) => (Array.isArray(v) && v.every((x) => typeof x === 'object') ? (v as Record<string, unknown>[]) : []));

describe('chart specs', () => {
  it('the full fixture yields all eleven charts', () => {
    expect(charts.map((c) => c.name)).toEqual([
      'in-care-fan',
      'in-care-by-category',
      'in-care-by-age',
      'scenario-comparison',
      'cost-by-year',
      'cost-avoided',
      'sufficiency',
      'out-of-preference',
      'entries',
      'exits-by-reason',
      'out-of-area-share',
    ]);
  });

  for (const { name, spec } of charts) {
    it(`${name} validates against the Vega-Lite JSON Schema`, () => {
      const ok = validate(spec);
      expect(ok ? [] : validate.errors?.slice(0, 3)).toEqual([]);
    });

    it(`${name} compiles without warnings`, async () => {
      expect((await compileSpec(spec)).warnings).toEqual([]);
    });

    it(`${name} uses no Vega-Lite bootstrap or standard-error aggregate`, () => {
      const text = JSON.stringify(spec);
      expect(text).not.toMatch(/"(ci0|ci1|stderr|stdev|variance)"/);
      expect(text).not.toMatch(/"errorband"|"errorbar"|"boxplot"/);
      expect(collect(spec, 'aggregate')).toEqual([]);
      expect(collect(spec, 'extent')).toEqual([]);
    });

    it(`${name} has a title and a y axis title with a unit`, () => {
      const title = (spec as { title?: { text?: string } }).title?.text;
      expect(title).toBeTruthy();
      const yTitles = collect(spec, 'y').flatMap((y) => {
        const t = (y as { title?: unknown }).title;
        return typeof t === 'string' ? [t] : [];
      });
      expect(yTitles.length).toBeGreaterThan(0);
      for (const t of yTitles) expect(t).toMatch(/\((children|children per year|GBP million per year|GBP million|% in care)\)|Children or places/);
    });

    it(`${name} has tooltips`, () => {
      expect(collect(spec, 'tooltip').length).toBeGreaterThan(0);
    });
  }

  it('colours each placement category and exit reason the same in every chart', () => {
    const expected = new Map([...CATEGORY_SWATCHES, ...EXIT_REASON_SWATCHES].map((s) => [s.label, s.colour]));
    let checked = 0;
    for (const { spec } of charts) {
      for (const scale of collect(spec, 'scale') as { domain?: unknown[]; range?: unknown[] }[]) {
        if (!Array.isArray(scale.domain) || !Array.isArray(scale.range)) continue;
        scale.domain.forEach((label, i) => {
          const colour = expected.get(String(label));
          if (colour === undefined) return;
          expect(scale.range![i], `${String(label)}`).toBe(colour);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('palettes give every placement category and exit reason a distinct colour', () => {
    expect(new Set(CATEGORY_SWATCHES.map((s) => s.colour)).size).toBe(10);
    expect(new Set(EXIT_REASON_SWATCHES.map((s) => s.colour)).size).toBe(9);
  });

  it('the fan chart draws its bands between the rows own 5th/95th and 25th/75th percentiles', () => {
    const spec = inCareFanSpec({ results: scenario })!;
    const y2 = collect(spec, 'y2').map((v) => (v as { field: string }).field);
    expect(y2).toEqual(['p95', 'p75']);
    const row = scenario.series.find((r) => r.metric === 'in_care' && r.category === 'total' && r.date === '2027-03-31')!;
    const plotted = valuesOf(spec).find((v) => v['date'] === '2027-03-31' && 'p05' in v)!;
    expect(plotted['p05']).toBeCloseTo(row.p05, 2);
    expect(plotted['p95']).toBeCloseTo(row.p95, 2);
  });

  it('cost by year sums monthly means over April to March, in GBP million', () => {
    const spec = costByYearSpec(full)!;
    const expected =
      scenario.series
        .filter((r) => r.metric === 'cost' && r.category === 'ifa_foster' && r.date >= '2026-04-01' && r.date <= '2027-03-31')
        .reduce((s, r) => s + r.mean, 0) / 1e6;
    const bar = valuesOf(spec).find((v) => v['year'] === '2026-27' && v['label'] === 'IFA foster')!;
    expect(bar['value']).toBeCloseTo(expected, 3);
    expect(valuesOf(spec).map((v) => v['year'])).not.toContain('total');
  });

  it('cost avoided is the running sum of minus the mean monthly cost difference', () => {
    const spec = costAvoidedSpec(full)!;
    const deltas = compare.filter((r) => r.delta && r.metric === 'cost' && r.category === 'total' && r.date <= '2026-03-31');
    const expected = -deltas.reduce((s, r) => s + r.mean, 0) / 1e6;
    const point = valuesOf(spec).find((v) => v['date'] === '2026-03-31')!;
    expect(point['avoided']).toBeCloseTo(expected, 3);
    expect(expected).toBeGreaterThan(0);
  });

  it('cost avoided falls back to the difference of means with a baseline and no compare rows', () => {
    const spec = costAvoidedSpec({ results: scenario, baseline })!;
    const cost = (rows: readonly SeriesRow[]) =>
      rows.filter((r) => r.metric === 'cost' && r.category === 'total' && r.date <= '2026-03-31').reduce((s, r) => s + r.mean, 0);
    const point = valuesOf(spec).find((v) => v['date'] === '2026-03-31')!;
    expect(point['avoided']).toBeCloseTo((cost(baseline.series) - cost(scenario.series)) / 1e6, 3);
  });

  it('the scenario comparison draws difference bands from the delta rows', () => {
    const spec = scenarioComparisonSpec(full)!;
    const delta = compare.find((r) => r.delta && r.metric === 'in_care' && r.category === 'total' && r.date === '2028-03-31')!;
    const plotted = valuesOf(spec).find((v) => v['date'] === '2028-03-31' && 'p05' in v)!;
    expect(plotted['scenario']).toBe('Edge of care');
    expect(plotted['p05']).toBeCloseTo(delta.p05, 2);
    expect(plotted['p95']).toBeCloseTo(delta.p95, 2);
    const levels = new Set(valuesOf(spec).filter((v) => !('p05' in v) && 'scenario' in v).map((v) => v['scenario']));
    expect([...levels]).toEqual(['Baseline', 'Edge of care']);
  });

  it('the difference axis of a scenario equal to its baseline reads 0, not 0.000000', async () => {
    const same = makeResults({ name: 'Edge of care' });
    const svg = await renderSvg(scenarioComparisonSpec({ results: same, baseline: makeResults() })!);
    const ticks = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toContain('0');
    expect(ticks.filter((t) => /^-?0\.0+$/.test(t ?? ''))).toEqual([]);
  });

  it('no chart of a scenario equal to its baseline has an axis reading 0.000000', async () => {
    const charts = buildCharts({ results: makeResults({ name: 'Edge of care' }), baseline: makeResults() });
    expect(charts.map((c) => c.name)).toContain('cost-avoided');
    for (const chart of charts) {
      const svg = await renderSvg(chart.spec);
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
      expect(texts.filter((t) => /^-?0\.0{3,}$/.test(t)), chart.name).toEqual([]);
    }
  });

  it('a single run without a baseline has no comparison or cost-avoided chart', () => {
    const names = buildCharts({ results: baseline }).map((c) => c.name);
    expect(names).not.toContain('scenario-comparison');
    expect(names).not.toContain('cost-avoided');
    expect(names).toHaveLength(8);
  });

  it('entries are shown by age band when the results have them, else by first placement category', () => {
    const byAge = valuesOf(entriesSpec(full)).map((v) => v['label']);
    expect(byAge).toContain('16 to 17');
    expect(byAge).not.toContain('IFA foster');
    const legacy = valuesOf(entriesSpec({ results: makeResults({ ageBandsInEntries: true }) })).map((v) => v['label']);
    expect(legacy).toContain('16 to 17');
    expect(legacy).not.toContain('IFA foster');
    const byCategory = valuesOf(entriesSpec({ results: baseline })).map((v) => v['label']);
    expect(byCategory).toContain('IFA foster');
    expect(byCategory).not.toContain('16 to 17');
  });

  it('children in care by age band stack the mean of each band in the age-band colours, and are absent without age rows', () => {
    const spec = inCareByAgeSpec(full)!;
    const area = valuesOf(spec).filter((v) => v['date'] === '2027-03-31' && 'label' in v);
    const mean = (b: string) => scenario.series.find((r) => r.metric === 'in_care_by_age' && r.category === b && r.date === '2027-03-31')!.mean;
    expect(area.map((v) => v['label'])).toEqual(AGE_BAND_SWATCHES.map((s) => s.label));
    for (const v of area) expect(v['children']).toBeCloseTo(mean(AGE_BAND_SWATCHES.find((s) => s.label === v['label'])!.id), 2);
    expect(collect(spec, 'range')).toContainEqual(AGE_BAND_SWATCHES.map((s) => s.colour));
    expect(inCareByAgeSpec({ results: baseline })).toBeUndefined();
  });

  it('sufficiency sets demand to occupied plus waiting for each capacity-limited category', () => {
    const spec = sufficiencySpec(full)!;
    const get = (m: string) => scenario.series.find((r) => r.metric === m && r.category === 'supported' && r.date === '2029-03-31')!.mean;
    const point = valuesOf(spec).find((v) => v['scenario'] === 'Edge of care' && v['date'] === '2029-03-31' && v['label'] === 'Supported accommodation (16+)' && v['series'] !== 'Capacity')!;
    expect(point['demand']).toBeCloseTo(get('occupied') + get('waiting'), 2);
    // The gap's own range (capacity_gap) rides in the tooltip: short here, and short in every run but the top 5%.
    const gap = scenario.series.find((r) => r.metric === 'capacity_gap' && r.category === 'supported' && r.date === '2029-03-31')!;
    expect([point['gap'], point['gapLow'], point['gapHigh']]).toEqual([gap.mean, gap.p05, gap.p95].map((x) => Math.round(x * 100) / 100));
    expect(point['gap'] as number).toBeCloseTo(point['capacity'] as number - (point['demand'] as number), 1);
    expect(JSON.stringify(spec)).toContain('Gap, 5th percentile of runs');
    expect(new Set(valuesOf(spec).map((v) => v['label']))).toEqual(new Set(['In-house foster', 'In-house residential', 'Supported accommodation (16+)']));
    expect(sufficiencySpec({ results: { ...scenario, series: scenario.series.filter((r) => r.metric !== 'capacity') } })).toBeUndefined();
  });

  it('the out-of-area share is mean out of area over mean in care', () => {
    const spec = outOfAreaShareSpec(full)!;
    const get = (m: string) => scenario.series.find((r) => r.metric === m && r.category === 'total' && r.date === '2026-09-30')!.mean;
    const point = valuesOf(spec).find((v) => v['scenario'] === 'Edge of care' && v['date'] === '2026-09-30')!;
    expect(point['value']).toBeCloseTo(get('out_of_area') / get('in_care'), 4);
    const single = valuesOf(outOfAreaShareSpec({ results: scenario })).find((v) => v['date'] === '2026-09-30')!;
    expect(single['share']).toBeCloseTo(get('out_of_area') / get('in_care'), 4);
  });

  it('labels a financial year the run covers in part with its months', () => {
    const short = { ...baseline, end: '2026-09-30', series: baseline.series.filter((r) => r.date <= '2026-09-30') };
    const years = [...new Set(valuesOf(costByYearSpec({ results: short })).map((v) => v['year']))];
    expect(years).toEqual(['2025-26', '2026-27 (6 months)']);
  });

  it('builds nothing from results with no rows', () => {
    expect(buildCharts({ results: { ...baseline, series: [] } })).toEqual([]);
  });
});

describe('a comparison of three scenarios', () => {
  const other = makeResults({ name: 'Foster £ recruitment', entryFactor: 0.9, withAgeBands: true });
  const three = { results: baseline, baseline, compare: makeCompare(baseline, [scenario, other]) };
  const specs = buildCharts(three);

  it('has every chart', () => {
    expect(specs).toHaveLength(11);
  });

  for (const { name, spec } of specs) {
    it(`${name} names every scenario in its spec (data, legend or title) and compiles without warnings`, async () => {
      const text = JSON.stringify(spec);
      // cost-avoided shows what each scenario saves against the baseline, which it names in its subtitle.
      for (const s of ['Baseline', 'Edge of care', 'Foster £ recruitment']) expect(text, s).toContain(JSON.stringify(s).slice(1, -1));
      expect((await compileSpec(spec)).warnings).toEqual([]);
    });

    it(`${name} draws data of every compared scenario`, () => {
      const drawn = new Set(valuesOf(spec).map((v) => v['scenario']));
      const titles = collect(spec, 'text').flat().map(String);
      for (const s of ['Edge of care', 'Foster £ recruitment']) expect(drawn.has(s) || titles.some((t) => t.startsWith(s)), s).toBe(true);
    });
  }
});
