import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from '../../src/results/student-t.js';

describe('studentTQuantile', () => {
  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    for (const p of [0.6, 0.9, 0.975, 0.995]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    }
  });

  it('matches published 97.5% quantiles', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986, 9);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272456301, 9);
    expect(studentTQuantile(0.975, 199)).toBeCloseTo(1.971956544, 8);
  });

  it('approaches the normal quantile for many degrees of freedom', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959963984540054, 5);
  });

  it('is antisymmetric and inverts the CDF', () => {
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 12);
    expect(studentTCdf(studentTQuantile(0.9, 4), 4)).toBeCloseTo(0.9, 12);
  });
});
