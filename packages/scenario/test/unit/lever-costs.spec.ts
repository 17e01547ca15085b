import { describe, expect, it } from 'vitest';
import { compileScenario, compileScenarioFile, loadScenario, scenario } from '../../src/index.js';
import { parseLeverCost } from '../../src/compile/units.js';
import { memoryFiles, onBaseline } from '../helpers.js';

async function compileLevers(yaml: string) {
  return compileScenarioFile('x.yaml', memoryFiles(onBaseline(`levers:\n${yaml}`)));
}

describe('lever costs', () => {
  it('a lever cost names its unit: per household, per household-year (or -month, -week), per year (or month, week)', () => {
    expect(parseLeverCost('£10,000 per household', 'per household')).toEqual({ ok: true, value: 10_000 });
    expect(parseLeverCost('1500 per household-year', 'per household-year')).toEqual({ ok: true, value: 1_500 });
    expect(parseLeverCost('£125 per household per month', 'per household-year')).toEqual({ ok: true, value: 1_500 });
    expect(parseLeverCost('£50,000 per month', 'per year')).toEqual({ ok: true, value: 600_000 });
    for (const [v, unit] of [
      [10_000, 'per household'],
      ['£10,000', 'per household'],
      ['£10,000 per year', 'per household'],
      ['£1,500 per year', 'per household-year'],
      ['£600,000 per household', 'per year'],
      ['£6,00 per year', 'per year'],
      ['-£5 per year', 'per year'],
    ] as const) {
      expect(parseLeverCost(v, unit).ok, String(v)).toBe(false);
    }
  });

  it('recruitment, retention and service costs compile to engine modifiers under the lever label, with sentences', async () => {
    const c = await compileLevers(
      [
        '  - lever: recruit-foster-carers',
        '    label: Campaign',
        '    extraHouseholdsPerYear: 8 per year',
        '    costPerHousehold: £10,000 per household',
        '    from: 2025-04-01',
        '  - lever: retain-foster-carers',
        '    by: -20%',
        '    costPerHouseholdYear: £1,000 per household-year',
        '    from: 2025-04-01',
        '  - lever: service-cost',
        '    label: Early help',
        '    cost: £600,000 per year',
        '    from: 2025-04-01',
        '    ramp: 12 months',
        '',
      ].join('\n'),
    );
    expect(c.params.modifiers).toEqual([
      { kind: 'recruitment', from: '2025-04-01', category: 'inhouse_foster', extraHouseholdsPerYear: 8, costPerHousehold: 10_000, costLabel: 'Campaign' },
      { kind: 'retention', from: '2025-04-01', category: 'inhouse_foster', effect: { multiply: 0.8 }, costPerHouseholdYear: 1_000, costLabel: 'retain-foster-carers' },
      { kind: 'service-cost', from: '2025-04-01', rampMonths: 12, gbpPerYear: 600_000, costLabel: 'Early help' },
    ]);
    expect(c.leversInWords).toEqual([
      'Campaign: 8 extra in-house foster households approved a year, at £10,000 each to recruit and assess from 2025-04-01',
      'In-house foster carers de-register 20% less often, at £1,000 a year per household from 2025-04-01',
      'Early help: a service costing £600,000 a year from 2025-04-01, full effect after 12 months',
    ]);
  }, 30_000);

  it('a lever cost without a unit, in the wrong unit, or labelled "total" is reported at its line and column', async () => {
    await expect(compileLevers('  - lever: service-cost\n    cost: 600000\n    from: 2025-04-01\n')).rejects.toThrow(/x\.yaml:\d+:11: levers\[0\]\.cost: .*per year/);
    await expect(
      compileLevers('  - lever: recruit-foster-carers\n    extraHouseholdsPerYear: 8\n    costPerHousehold: £10,000 per year\n    from: 2025-04-01\n'),
    ).rejects.toThrow(/x\.yaml:\d+:23: levers\[0\]\.costPerHousehold: .*per household/);
    await expect(compileLevers('  - lever: service-cost\n    label: total\n    cost: £5 per year\n    from: 2025-04-01\n')).rejects.toThrow(
      /x\.yaml:\d+:\d+: levers\[0\]\.label: .*"total"/,
    );
  });

  it('the builder writes lever costs with the same checks as files', async () => {
    const base = (await loadScenario('baseline.yaml', memoryFiles(onBaseline('')))).scenario;
    const built = scenario('Costed', base).lever({ lever: 'service-cost', label: 'Team', cost: '£50,000 per month', from: '2025-04-01' }).build();
    expect(compileScenario(built).params.modifiers).toEqual([{ kind: 'service-cost', from: '2025-04-01', gbpPerYear: 600_000, costLabel: 'Team' }]);
    expect(() => scenario('Unitless', base).lever({ lever: 'service-cost', cost: 50_000 as unknown as string, from: '2025-04-01' }).build()).toThrow(/cost/);
  });
});
