import { describe, expect, it } from 'vitest';
import { projectExpected, type SeriesRow } from '@carecast/engine';
import { compileScenarioFile } from '../../src/index.js';
import { memoryFiles, onBaseline } from '../helpers.js';

async function compileLevers(yaml: string) {
  return compileScenarioFile('x.yaml', memoryFiles(onBaseline(`levers:\n${yaml}`)));
}

describe('levers compile to engine modifiers and sentences', () => {
  it('reduce-entries multiplies matching entries by 1 - by, with its filters and ramp', async () => {
    const c = await compileLevers(
      '  - lever: reduce-entries\n    label: Early help\n    routes: [care_proceedings]\n    by: 25%\n    from: 2025-04-01\n    ramp: 12 months\n',
    );
    expect(c.params.modifiers).toEqual([
      { kind: 'entries', from: '2025-04-01', rampMonths: 12, routes: ['care_proceedings'], effect: { multiply: 0.75 } },
    ]);
    expect(c.leversInWords).toEqual(['Early help: care-proceedings entries cut by 25% from 2025-04-01, full effect after 12 months']);
  });

  it('reduce-entries with routes: all has no route filter', async () => {
    const c = await compileLevers('  - lever: reduce-entries\n    routes: all\n    uasc: false\n    ageBands: ["10-15"]\n    by: 10%\n    from: 2026-01-01\n    until: 2027-01-01\n');
    expect(c.params.modifiers).toEqual([
      { kind: 'entries', from: '2026-01-01', until: '2027-01-01', ageBands: ['10-15'], uasc: false, effect: { multiply: 0.9 } },
    ]);
    expect(c.leversInWords[0]).toBe('Non-UASC entries aged 10-15 cut by 10% from 2026-01-01 until 2027-01-01');
  });

  it('change-entries adds or sets a count per year', async () => {
    const c = await compileLevers(
      '  - lever: change-entries\n    add: -2 per month\n    from: 2025-04-01\n  - lever: change-entries\n    set: 180 per year\n    routes: [section20]\n    from: 2025-04-01\n',
    );
    expect(c.params.modifiers?.map((m) => ('effect' in m ? m.effect : undefined))).toEqual([{ add: -24 }, { set: 180 }]);
    expect(c.leversInWords).toEqual([
      'Entries down by 24 a year from 2025-04-01',
      'Section 20 entries set to 180 a year from 2025-04-01',
    ]);
  });

  it('uasc-arrivals sets the UASC stream only', async () => {
    const c = await compileLevers('  - lever: uasc-arrivals\n    perYear: 75\n    from: 2025-10-01\n');
    expect(c.params.modifiers).toEqual([{ kind: 'entries', from: '2025-10-01', uasc: true, effect: { set: 75 } }]);
  });

  it('recruit- and retain-foster-carers act on household categories only', async () => {
    const c = await compileLevers(
      '  - lever: recruit-foster-carers\n    extraHouseholdsPerYear: 8 per year\n    placesPerHousehold: 2\n    from: 2025-04-01\n  - lever: retain-foster-carers\n    by: -20%\n    from: 2025-04-01\n',
    );
    expect(c.params.modifiers).toEqual([
      { kind: 'recruitment', from: '2025-04-01', category: 'inhouse_foster', extraHouseholdsPerYear: 8, placesPerHousehold: 2 },
      { kind: 'retention', from: '2025-04-01', category: 'inhouse_foster', effect: { multiply: 0.8 } },
    ]);
    await expect(compileLevers('  - lever: recruit-foster-carers\n    category: ifa_foster\n    extraHouseholdsPerYear: 8\n    from: 2025-04-01\n')).rejects.toThrow(
      /levers\[0\]\.category: ifa_foster has no foster households/,
    );
  });

  it('add-capacity with a ramp opens beds in whole monthly steps, each with its block cost', async () => {
    const c = await compileLevers(
      '  - lever: add-capacity\n    category: inhouse_residential\n    beds: 5\n    weeklyCostPerBed: £4,500 per week\n    from: 2025-04-01\n    ramp: 3 months\n',
    );
    const caps = c.params.modifiers!.filter((m) => m.kind === 'capacity');
    expect(caps.map((m) => [m.date, m.change, m.weeklyCostPerBed])).toEqual([
      ['2025-04-01', 2, 4500],
      ['2025-05-01', 1, 4500],
      ['2025-06-01', 2, 4500],
    ]);
    expect(c.leversInWords[0]).toBe(
      '5 more in-house residential beds at £4,500 a week each (block contract: no further cost per child placed) from 2025-04-01, full effect after 3 months',
    );
  });

  it('add-capacity with until closes every bed it opened on that date', async () => {
    const c = await compileLevers(
      '  - lever: add-capacity\n    category: inhouse_residential\n    beds: 5\n    from: 2025-04-01\n    until: 2025-05-15\n    ramp: 3 months\n',
    );
    const caps = c.params.modifiers!.filter((m) => m.kind === 'capacity');
    expect(caps.map((m) => [m.date, m.change])).toEqual([
      ['2025-04-01', 2],
      ['2025-05-01', 1],
      ['2025-05-15', -3],
    ]);
  });

  it('add-capacity with until and a block cost gives the beds back at until, so their block cost stops then', async () => {
    const c = await compileLevers(
      '  - lever: add-capacity\n    category: inhouse_residential\n    beds: 2\n    weeklyCostPerBed: 900\n    from: 2025-04-01\n    until: 2026-04-01\n',
    );
    const caps = c.params.modifiers!.filter((m) => m.kind === 'capacity');
    expect(caps.map((m) => [m.date, m.change, m.weeklyCostPerBed])).toEqual([
      ['2025-04-01', 2, 900],
      ['2026-04-01', -2, 900],
    ]);
    // The projection without supply (`supply: false`) has no capacity limits and keeps in-house residential above 2 children, so the
    // scenario's extra cost is the block cost less the baseline's weekly cost (£4,750) of the 2
    // children in the block beds; with placementCostToo it is the block cost alone.
    const base = await compileScenarioFile('x.yaml', memoryFiles(onBaseline('')));
    const too = await compileLevers(
      '  - lever: add-capacity\n    category: inhouse_residential\n    beds: 2\n    weeklyCostPerBed: 900\n    placementCostToo: true\n    from: 2025-04-01\n    until: 2026-04-01\n',
    );
    expect(too.params.modifiers!.filter((m) => m.kind === 'capacity').map((m) => m.kind === 'capacity' && m.placementCostToo)).toEqual([true, true]);
    const cost = (rows: SeriesRow[]) => new Map(rows.filter((r) => r.metric === 'cost' && r.category === 'total').map((r) => [r.date, r.mean]));
    const without = cost(projectExpected(base.params, { supply: false }));
    for (const [params, perBedWeek] of [
      [c.params, 900 - 4750],
      [too.params, 900],
    ] as const) {
      const withBlock = cost(projectExpected(params, { supply: false }));
      const extra = (date: string) => withBlock.get(date)! - without.get(date)!;
      expect(extra('2025-04-30')).toBeCloseTo((2 * perBedWeek * 30) / 7, 6);
      for (const date of [...withBlock.keys()].filter((d) => d >= '2026-04-30')) expect(extra(date)).toBeCloseTo(0, 6);
    }
  }, 30_000);

  it('remove-capacity needs a capacity-limited category', async () => {
    const c = await compileLevers('  - lever: remove-capacity\n    category: supported\n    beds: 6\n    from: 2026-04-01\n');
    expect(c.params.modifiers).toEqual([{ kind: 'capacity', date: '2026-04-01', category: 'supported', change: -6 }]);
    await expect(compileLevers('  - lever: remove-capacity\n    category: ifa_foster\n    beds: 6\n    from: 2026-04-01\n')).rejects.toThrow(
      /x\.yaml:5:15: levers\[0\]\.category: ifa_foster is not capacity-limited/,
    );
  });

  it('scale-transition multiplies, scales by a percentage or adds a hazard', async () => {
    const c = await compileLevers(
      [
        '  - lever: scale-transition\n    fromCategories: [external_residential]\n    toCategories: [ifa_foster]\n    multiply: 2\n    from: 2025-04-01',
        '  - lever: scale-transition\n    exits: [reunification]\n    by: +30%\n    from: 2025-04-01',
        '  - lever: scale-transition\n    fromCategories: [other]\n    add: -0.1 per child-year\n    from: 2025-04-01',
      ].join('\n') + '\n',
    );
    expect(c.params.modifiers?.map((m) => ('effect' in m ? m.effect : undefined))).toEqual([
      { multiply: 2 },
      { multiply: 1.3 },
      { add: -0.1 },
    ]);
    expect(c.leversInWords[2]).toBe('Moves and exits from other placement lowered by 0.1 per child-year (never below zero) from 2025-04-01');
  });

  it('duration-cap converts its duration to days and its probability to a fraction', async () => {
    const c = await compileLevers(
      '  - lever: duration-cap\n    category: kinship_foster\n    after: 750 days\n    probability: 50%\n    to: { exit: special_guardianship }\n    from: 2025-04-01\n',
    );
    expect(c.params.modifiers).toEqual([
      { kind: 'duration-cap', from: '2025-04-01', category: 'kinship_foster', afterDays: 750, probability: 0.5, to: { exit: 'special_guardianship' } },
    ]);
    expect(c.leversInWords[0]).toBe(
      'Children in kinship foster for 750 days leave care (special guardianship) with probability 50% from 2025-04-01',
    );
  });

  it('duration-cap must send children somewhere else', async () => {
    await expect(
      compileLevers('  - lever: duration-cap\n    category: ifa_foster\n    after: 1 year\n    probability: 10%\n    to: { category: ifa_foster }\n    from: 2025-04-01\n'),
    ).rejects.toThrow(/x\.yaml:8:9: levers\[0\]\.to: a cap on ifa_foster must move children elsewhere/);
  });

  it('change-cost and fallback-order act from a date; fallback-order restores the base order on until', async () => {
    const c = await compileLevers(
      '  - lever: change-cost\n    category: external_residential\n    by: 10%\n    inflationPerYear: 5%\n    from: 2026-04-01\n  - lever: fallback-order\n    category: inhouse_foster\n    order: [kinship_foster, ifa_foster]\n    from: 2025-04-01\n    until: 2026-04-01\n',
    );
    expect(c.params.modifiers).toEqual([
      { kind: 'cost', from: '2026-04-01', category: 'external_residential', effect: { multiply: 1.1 }, inflationPerYear: 0.05 },
      { kind: 'fallback', from: '2025-04-01', category: 'inhouse_foster', order: ['kinship_foster', 'ifa_foster'] },
      { kind: 'fallback', from: '2026-04-01', category: 'inhouse_foster', order: ['ifa_foster', 'external_residential'] },
    ]);
  });

  it('until before from, and until past the horizon, are refused', async () => {
    await expect(compileLevers('  - lever: reduce-entries\n    by: 5%\n    from: 2026-04-01\n    until: 2026-01-01\n')).rejects.toThrow(
      /levers\[0\]\.until: 2026-01-01 is not after from/,
    );
    await expect(compileLevers('  - lever: reduce-entries\n    by: 5%\n    from: 2026-04-01\n    until: 2031-01-01\n')).rejects.toThrow(
      /after the end of the horizon \(2030-03-31\)/,
    );
  });
});
