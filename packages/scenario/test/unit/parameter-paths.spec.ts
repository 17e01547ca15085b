import { describe, expect, it } from 'vitest';
import { compileScenarioFile, scenarioPathOf } from '../../src/index.js';
import { splitParameterPath } from '../../src/compile/compile-scenario.js';
import { memoryFiles, onBaseline } from '../helpers.js';

describe('engine parameter paths map back to the scenario', () => {
  it('splitParameterPath reads dots and brackets, keeping age-band keys whole', () => {
    expect(splitParameterPath('transitions.rates[3].perYear')).toEqual(['transitions', 'rates', 3, 'perYear']);
    expect(splitParameterPath('entries.perYear.1-4')).toEqual(['entries', 'perYear', '1-4']);
    expect(splitParameterPath('entries.firstPlacement.<1.ifa_foster')).toEqual(['entries', 'firstPlacement', '<1', 'ifa_foster']);
  });

  it('model paths gain the model prefix; modifier paths point at the lever setting they came from', async () => {
    const c = await compileScenarioFile(
      'x.yaml',
      memoryFiles(
        onBaseline(
          'levers:\n  - lever: reduce-entries\n    by: 5%\n    from: 2025-04-01\n  - lever: add-capacity\n    category: supported\n    beds: 2\n    from: 2025-04-01\n    until: 2026-04-01\n  - lever: duration-cap\n    category: other\n    after: 30 days\n    probability: 20%\n    to: { category: inhouse_foster }\n    from: 2025-04-01\n',
        ),
      ),
    );
    expect(scenarioPathOf(c, 'entries.perYear.1-4')).toEqual(['model', 'entries', 'perYear', '1-4']);
    expect(scenarioPathOf(c, 'start')).toEqual(['start']);
    expect(scenarioPathOf(c, 'modifiers[0].effect')).toEqual(['levers', 0, 'by']);
    // Modifier 2 is the capacity reversal on `until`.
    expect(scenarioPathOf(c, 'modifiers[2].date')).toEqual(['levers', 1, 'until']);
    expect(scenarioPathOf(c, 'modifiers[3].afterDays')).toEqual(['levers', 2, 'after']);
    expect(scenarioPathOf(c, 'modifiers[3]')).toEqual(['levers', 2]);
    expect(scenarioPathOf(c, 'modifiers[3].somethingNew')).toEqual(['levers', 2]);
  });
});
