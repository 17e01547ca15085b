import { describe, expect, it } from 'vitest';
import { compileScenario, compileScenarioFile, defineScenario, loadScenario, scenario, ScenarioError } from '../../src/index.js';
import { memoryFiles, onBaseline } from '../helpers.js';

describe('typed builder', () => {
  it('scenario() builds the same scenario, and the same parameters, as the YAML file', async () => {
    const files = onBaseline(
      'levers:\n  - lever: reduce-entries\n    label: Early help\n    routes: [care_proceedings]\n    by: 25%\n    from: 2025-04-01\n    ramp: 12 months\n',
    );
    const fromFile = await compileScenarioFile('x.yaml', memoryFiles(files));
    const base = (await loadScenario('baseline.yaml', memoryFiles(files))).scenario;
    const built = scenario('X', base)
      .lever({ lever: 'reduce-entries', label: 'Early help', routes: ['care_proceedings'], by: '25%', from: '2025-04-01', ramp: '12 months' })
      .build();
    const compiled = compileScenario(built);
    expect(compiled.params).toEqual(fromFile.params);
    expect(compiled.leversInWords).toEqual(fromFile.leversInWords);
  });

  it('defineScenario checks the same schema and reports paths', () => {
    const bad = { name: 'B', start: '2025-04-01', horizon: '5 yrs', model: {} } as never;
    try {
      defineScenario(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      const messages = (err as ScenarioError).issues.map((i) => i.path.join('.'));
      expect(messages).toContain('horizon');
      expect(messages).toContain('model');
    }
  });

  it('horizon() and end() replace each other', async () => {
    const files = onBaseline('');
    const base = (await loadScenario('baseline.yaml', memoryFiles(files))).scenario;
    const s = scenario('E', base).end('2027-03-31').build();
    expect(s.horizon).toBeUndefined();
    expect(compileScenario(s).params.end).toBe('2027-03-31');
    expect(compileScenario(scenario('H', s).horizon('60 months').build()).params.end).toBe('2030-03-31');
    const renamed = scenario('H', s).name('Renamed').seed(9).replications(30).description('d').build();
    expect([renamed.name, renamed.seed, renamed.replications, renamed.description]).toEqual(['Renamed', 9, 30, 'd']);
    expect(compileScenario(renamed)).toMatchObject({ name: 'Renamed', seed: 9, replications: 30 });
  });
});
