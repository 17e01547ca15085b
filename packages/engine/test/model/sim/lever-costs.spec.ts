import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import { runReplication } from '../../../src/model/sim/replication.js';
import { projectCompiledModel } from '../../../src/expected-value/projection.js';
import { isoToDay, DAYS_PER_YEAR } from '../../../src/model/dates.js';
import type { ModelParameters, Modifier } from '../../../src/model/parameters.js';
import { closed, midSizeAuthority, sumSeries } from '../fixtures.js';

process.env.TZ = 'UTC';

/** Days of the output month ending on `date` (month ends only; the first month starts on the start day). */
const daysOfMonth = (dates: string[], i: number): number => isoToDay(dates[i]!) - (i === 1 ? isoToDay(dates[0]!) - 1 : isoToDay(dates[i - 1]!));
/** The first day of the output month `i`, as a day number. */
const monthStart = (dates: string[], i: number): number => isoToDay(dates[i]!) - daysOfMonth(dates, i) + 1;

function fostering(extra: Partial<ModelParameters> = {}, households = 40, deregistrationPerHouseholdYear = 0): ModelParameters {
  return closed({
    end: '2027-03-31',
    supply: {
      capacity: { inhouse_foster: { households, placesPerHousehold: 1, recruitmentPerYear: 0, deregistrationPerHouseholdYear } },
      fallback: {},
    },
    ...extra,
  });
}

describe('lever costs (lever_cost series)', () => {
  it('a service costs its GBP per year pro rata over each month, times the ramp share and the inflation of costs without a category', () => {
    const gbpPerYear = 600_000;
    const params = fostering({
      costs: { weeklyCost: {}, inflationPerYear: 0.04 },
      modifiers: [{ kind: 'service-cost', from: '2025-04-01', rampMonths: 12, gbpPerYear, costLabel: 'Early help' }],
    });
    const model = compileModel(params);
    const out = runReplication(model, 1, 0);
    const ev = projectCompiledModel(model);
    const series = out.series['lever_cost|Early help']!;
    expect(out.series['lever_cost|total']).toEqual(series);
    const start = isoToDay('2025-04-01');
    for (let i = 1; i < out.dates.length; i++) {
      // Closed form: months since `from` at the month start over the ramp; inflation compounded from the start to the month start.
      const ramp = Math.min(1, (i - 1) / 12);
      const inflation = Math.pow(1.04, (monthStart(out.dates, i) - start) / DAYS_PER_YEAR);
      const expected = (gbpPerYear / DAYS_PER_YEAR) * daysOfMonth(out.dates, i) * ramp * inflation;
      expect(series[i]).toBeCloseTo(expected, 6);
      expect(ev.series['lever_cost|Early help']![i]).toBeCloseTo(expected, 6);
    }
    expect(series[0]).toBe(0);
  });

  it('recruitment is charged once per household the lever approves, at the inflation of its category', () => {
    const params = fostering({
      costs: { weeklyCost: {}, inflationPerYear: 0.05 },
      modifiers: [{ kind: 'recruitment', from: '2025-04-01', category: 'inhouse_foster', extraHouseholdsPerYear: 24, costPerHousehold: 10_000, costLabel: 'Campaign' }],
    });
    const model = compileModel(params);
    let recruited = 0;
    for (let r = 0; r < 5; r++) {
      const out = runReplication(model, 3, r);
      const cost = out.series['lever_cost|Campaign']!;
      const households = out.series['households_recruited|inhouse_foster']!;
      for (let i = 1; i < out.dates.length; i++) {
        const inflation = Math.pow(1.05, (monthStart(out.dates, i) - isoToDay('2025-04-01')) / DAYS_PER_YEAR);
        expect(cost[i]).toBeCloseTo(10_000 * households[i]! * inflation, 6);
      }
      recruited += sumSeries(households);
    }
    expect(recruited).toBeGreaterThan(0);
    // The base recruitment (a source without a cost) is never charged.
    const base = fostering({ modifiers: [{ kind: 'recruitment', from: '2025-04-01', extraHouseholdsPerYear: 0.0001, costPerHousehold: 1 }] });
    base.supply.capacity.inhouse_foster = { households: 40, placesPerHousehold: 1, recruitmentPerYear: 12 };
    const out = runReplication(compileModel(base), 1, 0);
    expect(sumSeries(out.series['households_recruited|inhouse_foster'])).toBeGreaterThan(5);
    expect(sumSeries(out.series['lever_cost|total'])).toBeLessThan(5);
  });

  it('retention costs per approved household-year; the mean over replications matches E[H] = H0 e^(-dt) integrated, and the projection equals it', () => {
    const h0 = 60;
    const d = 0.5 * 0.8; // de-registration per household-year with the lever's -20%
    const gbp = 1_500;
    const params = closed({
      end: '2026-03-31',
      supply: { capacity: { inhouse_foster: { households: h0, placesPerHousehold: 1, deregistrationPerHouseholdYear: 0.5 } }, fallback: {} },
      modifiers: [{ kind: 'retention', from: '2025-04-01', category: 'inhouse_foster', effect: { multiply: 0.8 }, costPerHouseholdYear: gbp }],
    });
    const model = compileModel(params);
    const days = isoToDay('2026-04-01') - isoToDay('2025-04-01');
    const t = days / DAYS_PER_YEAR;
    const expected = (gbp * h0 * (1 - Math.exp(-d * t))) / d;
    const totals: number[] = [];
    for (let r = 0; r < 200; r++) totals.push(sumSeries(runReplication(model, 7, r).series['lever_cost|retention']));
    const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
    const sd = Math.sqrt(totals.reduce((a, b) => a + (b - mean) ** 2, 0) / (totals.length - 1));
    expect(Math.abs(mean - expected)).toBeLessThan(4 * (sd / Math.sqrt(totals.length)));
    expect(sumSeries(projectCompiledModel(model).series['lever_cost|retention'])).toBeCloseTo(expected, 4);
  });

  it('lever costs leave placement cost and every other series unchanged, replication by replication', () => {
    const levers = (withCosts: boolean): Modifier[] => [
      { kind: 'recruitment', from: '2025-04-01', extraHouseholdsPerYear: 8, placesPerHousehold: 2, ...(withCosts ? { costPerHousehold: 10_000, costLabel: 'R' } : {}) },
      { kind: 'retention', from: '2025-04-01', rampMonths: 12, effect: { multiply: 0.8 }, ...(withCosts ? { costPerHouseholdYear: 1_000, costLabel: 'K' } : {}) },
      ...(withCosts ? [{ kind: 'service-cost', from: '2025-10-01', gbpPerYear: 100_000 } as const] : []),
    ];
    const run = (withCosts: boolean) => runReplication(compileModel({ ...midSizeAuthority(2), modifiers: levers(withCosts) }), 5, 0).series;
    const [a, b] = [run(true), run(false)];
    const costKeys = Object.keys(a).filter((k) => k.startsWith('lever_cost|'));
    expect(costKeys).toEqual(['lever_cost|R', 'lever_cost|K', 'lever_cost|service', 'lever_cost|total']);
    expect(Object.keys(b).some((k) => k.startsWith('lever_cost|'))).toBe(false);
    for (const key of Object.keys(b)) expect(a[key], key).toEqual(b[key]);
    for (let i = 0; i < a['lever_cost|total']!.length; i++) {
      expect(a['lever_cost|total']![i]).toBeCloseTo(a['lever_cost|R']![i]! + a['lever_cost|K']![i]! + a['lever_cost|service']![i]!, 6);
    }
  });

  it('a lever cost must be GBP of zero or more, and its label may not be "total"', () => {
    expect(() => compileModel(fostering({ modifiers: [{ kind: 'service-cost', from: '2025-04-01', gbpPerYear: -1 }] }))).toThrow(/modifiers\[0\]\.gbpPerYear/);
    expect(() => compileModel(fostering({ modifiers: [{ kind: 'recruitment', from: '2025-04-01', extraHouseholdsPerYear: 1, costPerHousehold: Number.NaN }] }))).toThrow(
      /modifiers\[0\]\.costPerHousehold/,
    );
    expect(() => compileModel(fostering({ modifiers: [{ kind: 'service-cost', from: '2025-04-01', gbpPerYear: 1, costLabel: 'total' }] }))).toThrow(/costLabel/);
  });
});

describe('block beds', () => {
  const blockScenario = (date: string, placementCostToo?: boolean): ModelParameters =>
    closed({
      initialPopulation: { counts: [{ category: 'inhouse_residential', ageBand: '10-15', count: 3 }] },
      supply: { capacity: { inhouse_residential: { beds: 3 } }, fallback: {} },
      costs: { weeklyCost: { inhouse_residential: 4_000 } },
      modifiers: [{ kind: 'capacity', date, category: 'inhouse_residential', change: 2, weeklyCostPerBed: 700, ...(placementCostToo === undefined ? {} : { placementCostToo }) }],
    });

  it('children in block beds are charged the block cost only, unless placementCostToo says so (before: charged twice)', () => {
    for (const date of ['2025-04-01', '2025-06-01']) {
      for (const too of [undefined, false, true]) {
        const model = compileModel(blockScenario(date, too));
        const out = runReplication(model, 1, 0);
        const ev = projectCompiledModel(model);
        for (let i = 1; i < out.dates.length; i++) {
          const days = daysOfMonth(out.dates, i);
          const blockOn = monthStart(out.dates, i) >= isoToDay(date);
          // 3 children; with 2 block beds only 1 (or all 3 with placementCostToo) pays the weekly cost.
          const charged = blockOn && too !== true ? 1 : 3;
          const expected = (days * (charged * 4_000 + (blockOn ? 2 * 700 : 0))) / 7;
          expect(out.series['cost|inhouse_residential']![i], `${date} ${String(too)} ${out.dates[i]}`).toBeCloseTo(expected, 6);
          expect(ev.series['cost|inhouse_residential']![i]).toBeCloseTo(expected, 6);
        }
      }
    }
  });
});
