import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSpells, calibrate, findSsda903Files, readSsda903, synthesize, toScenarioYaml } from '../src/index.js';
import { writeFixture } from './helpers.js';
import { ROUND_TRIP_MODEL } from './round-trip-model.js';

// Calibrate records each rate's posterior: its mean is the estimate written, its shape the evidence.
describe('calibrate records the posterior of every rate', async () => {
  const dir = writeFixture({});
  await synthesize(ROUND_TRIP_MODEL, { years: 4, seed: 8, out: join(dir, 'in') });
  const spells = buildSpells(await readSsda903(await findSsda903Files(join(dir, 'in'))));
  const window = { referenceStart: '2022-04-01', referenceEnd: '2025-03-31', durationBandsDays: [365] };
  const fit = calibrate(spells, window);

  it('hazards and entry rates: Gamma whose mean is the estimate; entries: shape = entries, rate = years', () => {
    const p = fit.parameters;
    expect(p.transitions.rates.every((r) => r.uncertainty !== undefined)).toBe(true);
    for (const r of p.transitions.rates) expect(r.uncertainty!.shape / r.uncertainty!.rate).toBeCloseTo(r.perYear, 10);
    for (const [band, g] of Object.entries(p.uncertainty!.entries!.perYear!)) {
      const n = fit.evidence.entries.filter((e) => !e.uasc && e.ageBand === band).reduce((s, e) => s + e.count, 0);
      expect(g).toEqual({ shape: n, rate: fit.evidence.referenceYears });
      expect(g.shape / g.rate).toBeCloseTo(p.entries.perYear[band as never]!, 10);
    }
    const routes = p.uncertainty!.entries!.routeShares!;
    const total = Object.values(routes).reduce((s, a) => s + a!, 0);
    for (const [k, a] of Object.entries(routes)) expect(Math.abs(a! / total - p.entries.routeShares[k as never]!)).toBeLessThan(1e-4);
  });

  it('leaves them out on request, and writes no count under the suppression threshold', () => {
    const none = calibrate(spells, { ...window, parameterUncertainty: false }).parameters;
    expect(none.uncertainty).toBeUndefined();
    expect(none.transitions.rates.some((r) => r.uncertainty)).toBe(false);
    const written = parse(toScenarioYaml(fit, { suppressBelow: 5 })) as { model: { uncertainty: unknown; transitions: { rates: { uncertainty?: { shape: number } }[] } } };
    const small: number[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v < 5) small.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    // Dirichlet concentrations and entry shapes are counts: none from 1 to 4 is written (a shape of 1 is the coarsened posterior).
    const { perYear: _gammas, ...shares } = (written.model.uncertainty as { entries: Record<string, unknown> }).entries;
    walk(shares);
    expect(small).toEqual([]);
    for (const r of written.model.transitions.rates) if (r.uncertainty) expect(r.uncertainty.shape === 1 || r.uncertainty.shape >= 5).toBe(true);
  });
});
