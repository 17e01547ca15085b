import { describe, expect, it } from 'vitest';
import { compileScenarioFile, formatIssue } from '../../src/index.js';
import { issuesOf, memoryFiles, onBaseline } from '../helpers.js';

// The uncertainty section: passed to the engine as written; mistakes are reported at file:line:col.
const messages = async (body: string) => (await issuesOf(onBaseline(body))).map(formatIssue);

describe('parameter uncertainty in scenario files', () => {
  it('passes posteriors on hazard rows and in model.uncertainty to the parameters', async () => {
    const c = await compileScenarioFile(
      'x.yaml',
      memoryFiles(
        onBaseline(
          'model:\n  uncertainty:\n    entries:\n      perYear: { 10-15: { shape: 150, rate: 3 } }\n      routeShares: { care_proceedings: 55, section20: 35, other: 10 }\n    ageOut: { independent_living: 55, staying_put: 35, adult_care: 10 }\n',
        ),
      ),
    );
    expect(c.params.uncertainty?.entries?.perYear?.['10-15']).toEqual({ shape: 150, rate: 3 });
    expect(c.params.uncertainty?.ageOut).toEqual({ independent_living: 55, staying_put: 35, adult_care: 10 });
  });

  it('reports a negative shape, a missing share and a mean far from the rate at file:line:col', async () => {
    const negative = await messages('model:\n  uncertainty:\n    entries:\n      perYear:\n        1-4: { shape: -3, rate: 2 }\n');
    expect(negative).toHaveLength(1);
    expect(negative[0]).toMatch(/^x\.yaml:7:23: model\.uncertainty\.entries\.perYear\.1-4\.shape: .*> 0/);
    const missing = await messages('model:\n  uncertainty:\n    entries:\n      routeShares: { care_proceedings: 60, section20: 30 }\n');
    expect(missing[0]).toMatch(/^x\.yaml:6:20: model\.uncertainty\.entries\.routeShares: expected a concentration for every key .*missing other/);
    const far = await messages('model:\n  uncertainty:\n    entries:\n      perYear:\n        1-4: { shape: 30, rate: 3 }\n');
    expect(far[0]).toMatch(/^x\.yaml:7:14: model\.uncertainty\.entries\.perYear\.1-4: expected a posterior whose mean shape \/ rate \(10\.00\) is within 5%/);
  });
});
