import { describe, expect, it } from 'vitest';
import { parseMeasure, parseTarget } from '../../../src/index.js';

const error = (text: string) => {
  const t = parseTarget(text);
  return 'error' in t ? t.error : undefined;
};

describe('targets', () => {
  it('reads a measure, a comparison, a value in its unit and a date', () => {
    const t = parseTarget('in_care[ifa_foster] < 80 by 2029-30');
    expect(t).toMatchObject({ op: '<', value: 80, by: '2030-03-31', measure: { text: 'in_care[ifa_foster]', kind: 'stock', unit: 'children' } });
    expect(parseTarget('cost[total] per year <= £31.5m by 2030-03-31')).toMatchObject({ op: '<=', value: 31_500_000, measure: { kind: 'flow', months: 12, unit: 'GBP' } });
    expect(parseTarget('cost[total] per year <= £1,200,000 by 2027-28')).toMatchObject({ value: 1_200_000, by: '2028-03-31' });
    expect(parseTarget('out_of_area_share <= 25% by 2028-03-31')).toMatchObject({ value: 0.25, measure: { kind: 'share', unit: 'share' } });
    expect(parseTarget('placed_out_of_preference[total] per month >= 0 by 2026-01-31')).toMatchObject({ op: '>=', measure: { months: 1 } });
    expect(parseTarget('net_cost per year < 30000000 by 2029-30')).toMatchObject({ measure: { keys: ['cost|total', 'lever_cost|total'] } });
  });

  it('refuses an unknown measure or category, naming what is expected', () => {
    expect(error('in_cair[ifa_foster] < 80 by 2029-30')).toMatch(/unknown measure "in_cair" \(did you mean "in_care"\?\)/);
    expect(error('in_care[ifa] < 80 by 2029-30')).toMatch(/unknown category "ifa" of in_care/);
    expect(error('in_care < 80 by 2029-30')).toMatch(/needs a category/);
    expect(error('in_care[ifa_foster] 80 by 2029-30')).toMatch(/expected "<measure> <= <value> by <date>"/);
  });

  it('refuses a value or period in the wrong unit', () => {
    expect(error('in_care[ifa_foster] < 80% by 2029-30')).toMatch(/counts children, not a share/);
    expect(error('in_care[ifa_foster] < £80 by 2029-30')).toMatch(/not money/);
    expect(error('out_of_area_share < 25 by 2029-30')).toMatch(/write 25% for a percentage/);
    expect(error('in_care[ifa_foster] per year < 80 by 2029-30')).toMatch(/is a stock/);
    expect(error('cost[total] < 80 by 2029-30')).toMatch(/is a flow .* expected a period/);
  });

  it('refuses a date that is not one', () => {
    expect(error('in_care[total] < 80 by 2029-31')).toMatch(/cannot read the date "2029-31"/);
    expect(error('in_care[total] < 80 by 2030-02-30')).toMatch(/cannot read the date/);
  });

  it('reads moves between categories', () => {
    expect(parseMeasure('moves[other->inhouse_foster] per year')).toMatchObject({ keys: ['moves|other->inhouse_foster'] });
    expect(parseMeasure('moves[other->nowhere] per year')).toMatchObject({ error: expect.stringMatching(/unknown category/) });
  });
});

describe('questions: in a scenario file', () => {
  it('are checked when the file compiles, each problem at its line and column', async () => {
    const { compileScenarioFile, ScenarioError } = await import('../../../src/index.js');
    const { memoryFiles } = await import('../../helpers.js');
    const { lossScenario } = await import('./erlang.js');
    const questions = `questions:
  - name: Unknown measure
    seek: Beds
    target: in_cair[total] < 3 by 2027-03-31
    from: 0
    to: 4
  - name: After the end
    seek: Beds
    target: in_care[total] < 3 by 2031-03-31
    from: 0
    to: 4
  - name: No such lever
    sweep: Bedz
    values: [0, 1]
  - name: Fine
    sweep: Beds
    from: 0
    to: 4
`;
    const text = lossScenario({ lambda: 10, mu: 1, baseBeds: 1, questions });
    const err = await compileScenarioFile('x.yaml', memoryFiles({ 'x.yaml': text })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    const lines = text.split('\n');
    const at = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const issues = (err as InstanceType<typeof ScenarioError>).issues;
    expect(issues.map((i) => [i.line, i.col, i.path.join('.')])).toEqual([
      [at('in_cair'), 13, 'questions.0.target'],
      [at('2031-03-31'), 13, 'questions.1.target'],
      [at('Bedz'), 12, 'questions.2.sweep'],
    ]);
    expect(issues[0]!.message).toMatch(/^unknown measure "in_cair" \(did you mean "in_care"\?\)/);
    expect(issues[1]!.message).toMatch(/^2031-03-31 is after the run's end \(2027-03-31\)/);
    expect(issues[2]!.message).toMatch(/^no lever "Bedz" \(did you mean "Beds"\?\)/);
  });
});
