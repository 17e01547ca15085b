import { describe, expect, it } from 'vitest';
import { holdsOptimiser } from '../../src/front-end-tiering.js';

describe('holdsOptimiser', () => {
  it('holds TurboFan back for the commands whose long work starts at frontEndDone, and for validate and report (none)', () => {
    for (const command of ['validate', 'report', 'run', 'compare', 'sweep', 'seek']) expect(holdsOptimiser([command, 'x.yaml']), command).toBe(true);
  });

  it('leaves every other command, and none, alone (they would run their long work without it)', () => {
    for (const argv of [['calibrate'], ['backtest'], ['synth'], ['explore'], ['--version'], ['--help'], [], ['runs']]) {
      expect(holdsOptimiser(argv), argv.join(' ')).toBe(false);
    }
  });
});
