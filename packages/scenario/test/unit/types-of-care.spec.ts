import { describe, expect, it } from 'vitest';
import { compileScenarioFile, formatIssue, scenario } from '../../src/index.js';
import { issuesOf, loadScenario, memoryFiles, onBaseline } from '../helpers.js';

const messages = async (body: string) => (await issuesOf(onBaseline(body))).map(formatIssue);

const supply = (lines: string) => `model:\n  supply:\n${lines}`;

describe('types of care, provider orders and matching in scenario files', () => {
  it('a file with types of care, provider orders, stepAcross and matchProbability compiles to the engine parameters', async () => {
    const body =
      supply(
        '    capacity:\n      inhouse_foster: { households: 72, placesPerHousehold: 2, matchProbability: 70% }\n' +
          '    typesOfCare:\n      family_foster_care: { providers: [inhouse_foster, ifa_foster], stepAcross: true }\n',
      ) + "  entries:\n    firstPlacement:\n      '<1': { family_foster_care: 80%, kinship_foster: 20%, placed_with_parents: 0%, other: 0% }\n";
    const compiled = await compileScenarioFile('x.yaml', memoryFiles(onBaseline(body)));
    const p = compiled.params;
    expect(p.supply.capacity.inhouse_foster).toMatchObject({ households: 72, placesPerHousehold: 2, matchProbability: 0.7 });
    expect(p.supply.typesOfCare).toMatchObject({ family_foster_care: { providers: ['inhouse_foster', 'ifa_foster'], stepAcross: true } });
    expect(p.entries.firstPlacement['<1']).toMatchObject({ family_foster_care: 0.8, kinship_foster: 0.2 });
  });

  it('moves and duration caps may name a type of care; an unknown one is refused at its key', async () => {
    const c = await compileScenarioFile(
      'x.yaml',
      memoryFiles(
        onBaseline(
          'levers:\n  - lever: duration-cap\n    category: external_residential\n    after: 2 years\n    probability: 50%\n    to: { typeOfCare: family_foster_care }\n    from: 2025-04-01\n' +
            '  - lever: scale-transition\n    toTypesOfCare: [family_foster_care]\n    multiply: 2\n    from: 2025-04-01\n',
        ),
      ),
    );
    expect(c.params.modifiers?.[0]).toMatchObject({ kind: 'duration-cap', to: { typeOfCare: 'family_foster_care' } });
    expect(c.params.modifiers?.[1]).toMatchObject({ kind: 'hazard', toTypesOfCare: ['family_foster_care'] });
    expect(c.leversInWords[0]).toContain('move to family foster care');
    expect(c.leversInWords[1]).toContain('Moves to family foster care multiplied by 2');
    const bad = await messages('levers:\n  - lever: duration-cap\n    category: external_residential\n    after: 2 years\n    probability: 50%\n    to: { typeOfCare: family_care }\n    from: 2025-04-01\n');
    expect(bad.join('\n')).toMatch(/x\.yaml:\d+:\d+: levers\[0\]\.to/);
  }, 30_000);

  it('stepAcross may be a hazard per child-year', async () => {
    const body = supply('    typesOfCare:\n      residential_care: { stepAcross: { perYear: 0.5 per child-year } }\n');
    const compiled = await compileScenarioFile('x.yaml', memoryFiles(onBaseline(body)));
    expect(compiled.params.supply.typesOfCare!.residential_care).toMatchObject({ stepAcross: { perYear: 0.5 } });
    const m = await messages(supply('    typesOfCare:\n      residential_care: { stepAcross: { perYear: lots } }\n'));
    expect(m[0]).toMatch(/^x\.yaml:6:\d+: model\.supply\.typesOfCare\.residential_care\.stepAcross/);
  });

  it('an unknown type of care in firstPlacement is refused at its key', async () => {
    // The other shares of the inherited band are set to 0% so that the sum is right and only the key is wrong.
    const m = await messages("model:\n  entries:\n    firstPlacement:\n      '<1': { family_fostering: 100%, kinship_foster: 0%, family_foster_care: 0%, placed_with_parents: 0%, other: 0% }\n");
    expect(m.length).toBeGreaterThan(0);
    expect(m[0]).toMatch(/^x\.yaml:6:\d+: model\.entries\.firstPlacement\.<1\.family_fostering: /);
  });

  it('an unknown type of care under typesOfCare is refused at its key', async () => {
    const m = await messages(supply('    typesOfCare:\n      fostering: { providers: [inhouse_foster] }\n'));
    expect(m[0]).toMatch(/^x\.yaml:6:7: model\.supply\.typesOfCare\.fostering: /);
  });

  it('an unknown provider is refused at the list item', async () => {
    const m = await messages(supply('    typesOfCare:\n      family_foster_care: { providers: [inhouse_foster, agency_foster] }\n'));
    expect(m[0]).toMatch(/^x\.yaml:6:\d+: model\.supply\.typesOfCare\.family_foster_care\.providers\[1\]: /);
    expect(m[0]).toContain('agency_foster');
  });

  it('a provider list naming a category twice is refused at the second mention', async () => {
    const m = await messages(supply('    typesOfCare:\n      family_foster_care:\n        providers: [inhouse_foster, ifa_foster, inhouse_foster]\n'));
    expect(m).toEqual([
      expect.stringMatching(
        /^x\.yaml:7:49: model\.supply\.typesOfCare\.family_foster_care\.providers\[2\]: inhouse_foster is already in this list; expected each provider at most once$/,
      ),
    ]);
  });

  it('matchProbability outside [0, 1] is refused at the value', async () => {
    for (const bad of ['140%', '-0.2', '1.5']) {
      const m = await messages(supply(`    capacity:\n      inhouse_residential: { beds: 16, matchProbability: ${bad} }\n`));
      expect(m).toHaveLength(1);
      expect(m[0]).toMatch(/^x\.yaml:6:\d+: model\.supply\.capacity\.inhouse_residential\.matchProbability: /);
    }
  });

  it('the builder sets provider orders and matching, checked like a file', async () => {
    const loaded = await loadScenario("baseline.yaml", memoryFiles(onBaseline("")));
    const built = scenario('Matched', loaded.scenario)
      .typeOfCare('family_foster_care', { providers: ['inhouse_foster', 'ifa_foster'], stepAcross: false })
      .matchProbability('inhouse_foster', '60%')
      .build();
    expect(built.model!.supply.typesOfCare!.family_foster_care).toEqual({ providers: ['inhouse_foster', 'ifa_foster'], stepAcross: false });
    expect(built.model!.supply.capacity.inhouse_foster!.matchProbability).toBe('60%');
    expect(() => scenario('No model').typeOfCare('kinship_care', { providers: ['kinship_foster'] })).toThrow(/needs a model/);
  });
});
