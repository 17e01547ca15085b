import { describe, expect, it } from 'vitest';
import { compileScenarioFile, formatIssue } from '../../src/index.js';
import { BASELINE_TEXT, issuesOf, memoryFiles, onBaseline } from '../helpers.js';

/** The baseline without its care-leaver section (a file that never sets it). */
const WITHOUT_CARE_LEAVERS = BASELINE_TEXT.slice(0, BASELINE_TEXT.indexOf('  # Care leavers (docs'));

const messages = async (body: string): Promise<string[]> => (await issuesOf(onBaseline(body))).map(formatIssue);

describe('care leavers in scenario files', () => {
  it('a file without model.careLeavers gets the documented defaults (the engine labels them in its warnings)', async () => {
    expect(WITHOUT_CARE_LEAVERS).not.toContain('careLeavers');
    const c = await compileScenarioFile('x.yaml', memoryFiles({ 'x.yaml': WITHOUT_CARE_LEAVERS }));
    expect(c.params.careLeavers).toEqual({});
    expect(c.warnings.some((w) => w.includes('illustrative default accommodation mix'))).toBe(true);
  }, 30_000);

  it('model.careLeavers converts units and shares; the levers become modifiers and sentences', async () => {
    const c = await compileScenarioFile(
      'x.yaml',
      memoryFiles(
        onBaseline(
          [
            'model:',
            '  careLeavers:',
            '    endAgeYears: 25',
            '    movesPerYear: 0.05 per child-month',
            "    accommodationByAge: { '18': { staying_put_inhouse: 0%, staying_put_ifa: 0%, supported_lodgings: 0%, supported_accommodation: 40%, independent: 60%, parents_or_relatives: 0%, custody: 0%, other: 0% } }",
            '    stayingPut: { takeUp: { inhouse_foster: 55% }, moveOnPerYear: { ifa_foster: 0.5 } }',
            '    capacity: { supported_lodgings: 12 }',
            '    weeklyCost: { supported_lodgings: "£36,400 per year" }',
            "    initialPopulation: { '18': 40, '19': 35 }",
            'levers:',
            '  - lever: staying-put',
            '    category: inhouse_foster',
            '    takeUpBy: +20%',
            '    moveOnBy: -25%',
            '    from: 2025-04-01',
            '    ramp: 12 months',
            '  - lever: care-leaver-accommodation',
            '    accommodation: supported_lodgings',
            '    places: 6',
            '    weeklyCostBy: +10%',
            '    from: 2026-04-01',
            '',
          ].join('\n'),
        ),
      ),
    );
    const cl = c.params.careLeavers!;
    expect(cl.endAgeYears).toBe(25);
    expect(cl.movesPerYear).toBeCloseTo(0.6, 12);
    expect(cl.accommodationByAge?.['18']).toEqual({ staying_put_inhouse: 0, staying_put_ifa: 0, supported_lodgings: 0, supported_accommodation: 0.4, independent: 0.6, parents_or_relatives: 0, custody: 0, other: 0 });
    expect(cl.stayingPut).toEqual({ takeUp: { inhouse_foster: 0.55 }, moveOnPerYear: { ifa_foster: 0.5 } });
    expect(cl.weeklyCost?.supported_lodgings).toBeCloseTo((36_400 * 7) / 365.25, 9);
    expect(c.params.modifiers).toEqual([
      { kind: 'staying-put', from: '2025-04-01', rampMonths: 12, category: 'inhouse_foster', takeUp: { multiply: 1.2 }, moveOn: { multiply: 0.75 } },
      { kind: 'care-leaver-accommodation', from: '2026-04-01', accommodation: 'supported_lodgings', places: 6, weeklyCost: { multiply: 1.1 } },
    ]);
    expect(c.leversInWords).toEqual([
      'Staying put with in-house foster carers: take-up up 20% and young people move on 25% less often from 2025-04-01, full effect after 12 months',
      "Care leavers' supported lodgings: 6 places added and cost up 10% from 2026-04-01",
    ]);
  });

  it('refuses accommodation shares that do not sum to 100% at their line and column', async () => {
    const out = await messages(
      "model:\n  careLeavers:\n    accommodationByAge:\n      '19': { staying_put_inhouse: 0%, staying_put_ifa: 0%, supported_lodgings: 0%, supported_accommodation: 0%, independent: 50%, parents_or_relatives: 0%, custody: 0%, other: 30% }\n",
    );
    expect(out).toEqual([expect.stringMatching(/^x\.yaml:6:13: model\.careLeavers\.accommodationByAge\.19: these shares sum to 80%; expected 100%/)]);
  });

  it('refuses an end age outside 19-25 at its line and column', async () => {
    const out = await messages('model:\n  careLeavers:\n    endAgeYears: 27\n');
    expect(out).toEqual([expect.stringMatching(/^x\.yaml:5:18: model\.careLeavers\.endAgeYears: .*19 to 25/)]);
  });

  it('refuses a staying-put lever on a category without foster households, at the lever setting', async () => {
    const out = await messages('levers:\n  - lever: staying-put\n    category: inhouse_residential\n    takeUp: 60%\n    from: 2025-04-01\n');
    expect(out).toEqual([expect.stringMatching(/^x\.yaml:5:15: levers\[0\]\.category: inhouse_residential has no foster households/)]);
  });
});
