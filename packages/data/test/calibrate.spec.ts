import { describe, expect, it } from 'vitest';
import { DAYS_PER_YEAR, projectExpected, simulateSummary, withoutParameterUncertainty, type ExitReason, type PlacementCategory } from '@carecast/engine';
import { compileModel } from '@carecast/engine/advanced';
import { calibrate, fitGammaPrior, parseSsdaDate, posteriorRate, type CareSpell } from '../src/index.js';

const day = parseSsdaDate;

function spell(
  dob: string,
  periods: [PlacementCategory, string, string | null][],
  exit: ExitReason | null,
  extra: Partial<CareSpell> = {},
): CareSpell {
  const last = periods[periods.length - 1]!;
  return {
    child: 1,
    la: '',
    sex: 'female',
    dob: day(dob),
    uasc: false,
    route: 'section20',
    start: day(periods[0]![1]),
    startObserved: true,
    end: last[2] === null ? null : day(last[2]),
    observedUntil: day('01/04/2025'),
    exit,
    periods: periods.map(([category, s, e]) => ({ category, start: day(s), end: e === null ? null : day(e) })),
    vanished: false,
    ...extra,
  };
}

const window = { referenceStart: '2021-04-01', referenceEnd: '2024-03-31' };

describe('fitGammaPrior', () => {
  it('pools fully when the cells vary no more than Poisson noise', () => {
    const prior = fitGammaPrior([10, 10, 10], [100, 100, 100]);
    expect(prior.pooled).toBeCloseTo(0.1);
    expect(prior.beta).toBe(Infinity);
    expect(posteriorRate(prior, 0, 1)).toBeCloseTo(0.1);
  });
  it('shrinks a small cell more than a large one when cells differ', () => {
    const events = [100, 10, 1];
    const exposure = [1000, 20, 2];
    const prior = fitGammaPrior(events, exposure);
    expect(prior.beta).toBeGreaterThan(0);
    expect(prior.beta).toBeLessThan(Infinity);
    // Method of moments by hand: m = 111/1022, s2 = Σ E (r - m)^2 / ΣE, v = s2 - m / (ΣE / 3).
    const m = 111 / 1022;
    const s2 = (1000 * (0.1 - m) ** 2 + 20 * (0.5 - m) ** 2 + 2 * (0.5 - m) ** 2) / 1022;
    const v = s2 - m / (1022 / 3);
    expect(prior.beta).toBeCloseTo(m / v, 6);
    expect(prior.alpha).toBeCloseTo((m * m) / v, 6);
    const shrink = (i: number) => Math.abs(posteriorRate(prior, events[i]!, exposure[i]!) - events[i]! / exposure[i]!);
    expect(shrink(2)).toBeGreaterThan(shrink(1));
    expect(shrink(1)).toBeGreaterThan(shrink(0));
  });
  it('gives the pooled rate to a cell without exposure', () => {
    const prior = fitGammaPrior([50, 5, 0], [100, 100, 0]);
    expect(posteriorRate(prior, 0, 0)).toBeCloseTo(prior.pooled, 10);
  });
});

describe('calibrate', () => {
  it('counts child-days at risk split at birthdays and events in the cell just before them', () => {
    // Turns 10 on 01/07/2022 while in in-house fostering; moves to IFA on 01/01/2023; leaves 01/01/2024.
    const s = spell('01/07/2012', [
      ['inhouse_foster', '01/01/2021', '01/01/2023'],
      ['ifa_foster', '01/01/2023', '01/01/2024'],
    ], 'reunification');
    const r = calibrate([s], window);
    const exposure = (c: string, b: string) => r.evidence.exposure.find((e) => e.category === c && e.ageBand === b)?.childYears ?? 0;
    expect(exposure('inhouse_foster', '5-9') * DAYS_PER_YEAR).toBeCloseTo(day('01/07/2022') - day('01/04/2021'), 9);
    expect(exposure('inhouse_foster', '10-15') * DAYS_PER_YEAR).toBeCloseTo(day('01/01/2023') - day('01/07/2022'), 9);
    expect(exposure('ifa_foster', '10-15') * DAYS_PER_YEAR).toBeCloseTo(day('01/01/2024') - day('01/01/2023'), 9);
    const move = r.evidence.transitions.find((t) => t.from === 'inhouse_foster' && 'category' in t.to && t.to.category === 'ifa_foster' && t.ageBand === '10-15');
    expect(move?.events).toBe(1);
    expect(move?.rawPerYear).toBeCloseTo(1 / exposure('inhouse_foster', '10-15'), 9);
    const exit = r.parameters.transitions.rates.find((t) => t.from === 'ifa_foster');
    expect(exit).toMatchObject({ to: { exit: 'reunification' } });
    expect(exit!.perYear).toBeCloseTo(1 / exposure('ifa_foster', '10-15'), 9);
    // Entered before the window: not an entry.
    expect(r.evidence.entries).toEqual([]);
  });

  it('shrinks each cell toward its age x duration main-effects rate: a short first duration band keeps its high hazard in every age band', () => {
    // 80 children aged 7 or 11 enter in-house foster care over the window; every other child of each age
    // goes home 30 days in, the others after 400 days (if the window is still open then). The first
    // 90 days' reunification hazard is the same in both age bands (raw 3.1 and 3.0 a child-year), about
    // three times the later one (0.93 and 1.00): a duration effect and no age effect.
    const spells: CareSpell[] = [];
    const end = day('01/04/2024');
    for (let k = 0; k < 80; k++) {
      const start = day('01/05/2021') + 12 * k;
      const stay = Math.floor(k / 2) % 2 === 0 ? 30 : 400;
      const leaves = start + stay < end;
      const s = spell(k % 2 === 0 ? '01/01/2014' : '01/01/2010', [['inhouse_foster', '01/05/2021', null]], leaves ? 'reunification' : null, { child: k + 1 });
      s.start = start;
      s.end = leaves ? start + stay : null;
      s.periods = [{ category: 'inhouse_foster', start, end: s.end }];
      spells.push(s);
    }
    const r = calibrate(spells, { ...window, durationBandsDays: [90] });
    const prior = r.evidence.priors.find((p) => p.from === 'inhouse_foster' && 'exit' in p.to && p.to.exit === 'reunification')!;
    expect(prior.durationFactors[0]! / prior.durationFactors[1]!).toBeGreaterThan(2.5);
    expect(prior.ageFactors['5-9']! / prior.ageFactors['10-15']!).toBeGreaterThan(0.8);
    expect(prior.ageFactors['5-9']! / prior.ageFactors['10-15']!).toBeLessThan(1.25);
    const cells = r.evidence.transitions.filter((t) => t.from === 'inhouse_foster' && 'exit' in t.to && t.to.exit === 'reunification' && t.childYears > 0);
    expect(cells).toHaveLength(4);
    for (const c of cells) {
      // Each written rate within 15% of its own raw rate, and the written row carries it with a posterior of that mean.
      expect(Math.abs(c.perYear / c.rawPerYear - 1), `${c.ageBand} d${c.durationBand}`).toBeLessThan(0.15);
      const row = r.parameters.transitions.rates.find((t) => t.from === 'inhouse_foster' && 'exit' in t.to && t.to.exit === 'reunification' && t.ageBands?.[0] === c.ageBand && t.durationBands?.[0] === c.durationBand)!;
      expect(row.perYear).toBe(c.perYear);
      expect(row.uncertainty!.shape / row.uncertainty!.rate).toBeCloseTo(c.perYear, 10);
    }
    expect(cells.filter((c) => c.durationBand === 0).every((c) => c.perYear > 1.5 * prior.pooledPerYear)).toBe(true);
    expect(() => compileModel(r.parameters)).not.toThrow();
  });

  it('splits exposure at duration-band boundaries (days since entering care)', () => {
    const s = spell('01/01/2015', [['kinship_foster', '01/06/2021', null]], null);
    const r = calibrate([s], { ...window, durationBandsDays: [365] });
    const byBand = r.evidence.exposure.filter((e) => e.category === 'kinship_foster').map((e) => [e.durationBand, e.childYears * DAYS_PER_YEAR]);
    expect(byBand).toEqual([
      [0, 365],
      [1, day('01/04/2024') - (day('01/06/2021') + 365)],
    ]);
    expect(r.parameters.initialPopulation.counts).toEqual([{ category: 'kinship_foster', ageBand: '5-9', ageYears: 9, durationBand: 1, count: 1 }]);
  });

  it('leaves out the unknown-duration part of a spell begun before the data, and does not count it as an entry', () => {
    // First visible episode is not RNE S: time in care is at least the visible time.
    const s = spell('01/01/2012', [['ifa_foster', '01/06/2021', '01/06/2023']], 'reunification', { startObserved: false });
    const r = calibrate([s], { ...window, durationBandsDays: [365] });
    const ifa = r.evidence.exposure.filter((e) => e.category === 'ifa_foster');
    expect(ifa.map((e) => [e.durationBand, Math.round(e.childYears * DAYS_PER_YEAR)])).toEqual([[1, day('01/06/2023') - day('01/06/2022')]]);
    expect(r.evidence.transitions.find((t) => t.events > 0)).toMatchObject({ durationBand: 1, events: 1 });
    expect(r.evidence.entries).toEqual([]);
    expect(r.evidence.leftTruncated).toEqual({ spells: 1, exposureDaysLeftOut: 365, eventsLeftOut: 0, stockDurationLowerBound: 0 });
    expect(r.warnings.some((w) => w.startsWith('1 spells began before the data'))).toBe(true);
    // Without duration bands nothing depends on the unknown start.
    const plain = calibrate([s], window);
    expect(plain.evidence.exposure.reduce((x, e) => x + e.childYears, 0) * DAYS_PER_YEAR).toBeCloseTo(day('01/06/2023') - day('01/06/2021'), 9);
  });

  it('turns entries into rates per year by age band with route, sex and first-placement shares, UASC apart', () => {
    const spells = [
      spell('01/01/2021', [['inhouse_foster', '01/06/2021', null]], null, { route: 'care_proceedings' }),
      spell('01/01/2021', [['kinship_foster', '01/06/2022', null]], null, { route: 'section20', sex: 'male' }),
      spell('01/01/2006', [['supported', '01/06/2022', null]], null, { uasc: true, sex: 'male', route: 'other' }),
    ];
    const r = calibrate(spells, window);
    const years = (day('01/04/2024') - day('01/04/2021')) / DAYS_PER_YEAR;
    expect(r.parameters.entries.perYear['<1']).toBeCloseTo(1 / years, 12);
    expect(r.parameters.entries.perYear['1-4']).toBeCloseTo(1 / years, 12);
    expect(r.parameters.entries.perYear['16-17']).toBe(0);
    expect(r.parameters.entries.routeShares).toEqual({ care_proceedings: 0.5, section20: 0.5 });
    expect(r.parameters.entries.firstPlacement['<1']).toEqual({ inhouse_foster: 1 });
    expect(r.parameters.entries.maleShare).toBe(0.5);
    expect(r.parameters.uasc).toMatchObject({ ageBandShares: { '16-17': 1 }, maleShare: 1 });
    expect(r.parameters.uasc!.perYear).toBeCloseTo(1 / years, 12);
  });

  it('leaves out, counts and names moves with no time at risk (a same-day placement): no rate, no Gamma of rate 0', () => {
    const spells = [
      spell('01/01/2008', [['secure', '01/06/2022', '01/06/2022'], ['inhouse_residential', '01/06/2022', null]], null),
      spell('01/01/2008', [['inhouse_residential', '01/06/2021', '01/06/2022'], ['ifa_foster', '01/06/2022', null]], null),
    ];
    const r = calibrate(spells, window);
    expect(r.parameters.transitions.rates.filter((t) => t.from === 'secure')).toEqual([]);
    expect(r.parameters.transitions.rates.filter((t) => t.from === 'inhouse_residential')).toHaveLength(1);
    for (const t of r.parameters.transitions.rates) if (t.uncertainty) expect(t.uncertainty.rate).toBeGreaterThan(0);
    expect(r.evidence.unrated).toEqual([{ from: 'secure', to: { category: 'inhouse_residential' }, events: 1 }]);
    expect(r.warnings).toContain('1 moves or exits with no time at risk in the window (same-day placements: secure -> inhouse_residential 1) give no rate per child-year: left out of the hazards');
  });

  it('leaves out and counts moves made only from cells with no time at risk, when other cells of the move have some', () => {
    // A same-day secure placement of a 14-year-old moving on to in-house residential care; another child
    // (aged 8) is in secure care for a year and goes home: secure has child-years, but none where the move was.
    const spells = [
      spell('01/01/2008', [['secure', '01/06/2022', '01/06/2022'], ['inhouse_residential', '01/06/2022', null]], null),
      spell('01/01/2013', [['secure', '01/06/2021', '01/06/2022']], 'reunification'),
    ];
    const r = calibrate(spells, { ...window, durationBandsDays: [90] });
    expect(r.parameters.transitions.rates.filter((t) => t.from === 'secure' && 'category' in t.to)).toEqual([]);
    expect(r.evidence.unrated).toEqual([{ from: 'secure', to: { category: 'inhouse_residential' }, events: 1 }]);
    expect(r.parameters.transitions.rates.filter((t) => t.from === 'secure' && 'exit' in t.to).length).toBeGreaterThan(0);
    expect(() => compileModel(r.parameters)).not.toThrow();
  });

  it('leaves out and counts the events of a move in cells with no time at risk when its other events have some', () => {
    // The same-day secure placement of a 14-year-old moving on to in-house residential care (no time at risk in
    // its cell), and an 8-year-old in secure care for a year making the same move: one event is rated, one counted.
    const spells = [
      spell('01/01/2008', [['secure', '01/06/2022', '01/06/2022'], ['inhouse_residential', '01/06/2022', null]], null),
      spell('01/01/2013', [['secure', '01/06/2021', '01/06/2022'], ['inhouse_residential', '01/06/2022', null]], null),
    ];
    const r = calibrate(spells, window);
    expect(r.evidence.unrated).toEqual([{ from: 'secure', to: { category: 'inhouse_residential' }, events: 1 }]);
    const prior = r.evidence.priors.find((p) => p.from === 'secure' && 'category' in p.to && p.to.category === 'inhouse_residential')!;
    expect(prior.events).toBe(1);
    expect(prior.pooledPerYear).toBeCloseTo(1 / prior.childYears, 12);
    const rated = r.parameters.transitions.rates.filter((t) => t.from === 'secure' && 'category' in t.to);
    expect(rated.length).toBeGreaterThan(0);
    for (const t of rated) if (t.uncertainty) expect(t.uncertainty.shape).toBeLessThanOrEqual(1 + 1e-9);
    expect(r.warnings).toContain('1 moves or exits with no time at risk in the window (same-day placements: secure -> inhouse_residential 1) give no rate per child-year: left out of the hazards');
  });

  it('leaves first placements in supported accommodation under 16 out of the shares, with a warning, and the scenario compiles', () => {
    const spells = [
      spell('01/01/2007', [['supported', '01/06/2022', null]], null, { uasc: true, sex: 'male', route: 'other' }),
      spell('01/01/2006', [['ifa_foster', '01/06/2022', null]], null, { uasc: true, sex: 'male', route: 'other' }),
    ];
    const r = calibrate(spells, window);
    // Aged 15 at entry in supported (closed to 10-15): the band takes the shares of the entries open to it.
    expect(r.parameters.uasc!.firstPlacement['10-15']).toEqual({ ifa_foster: 1 });
    expect(r.parameters.uasc!.firstPlacement['16-17']).toEqual({ ifa_foster: 1 });
    expect(r.warnings).toContain('1 entries were first placed in supported accommodation under 16, where the model places no child: counted as entries, left out of the first-placement shares');
    expect(r.parameters.uasc!.perYear * r.evidence.referenceYears).toBeCloseTo(2, 9);
    expect(() => compileModel(r.parameters)).not.toThrow();
  });

  it('takes exits at 18 as ageing out, not as a hazard', () => {
    const spells = [
      spell('15/05/2005', [['supported', '01/01/2022', '15/05/2023']], 'staying_put'),
      spell('15/05/2005', [['supported', '01/01/2022', '15/05/2023']], 'independent_living'),
      spell('15/05/2005', [['supported', '01/01/2022', '15/05/2023']], 'independent_living'),
      spell('15/05/2005', [['supported', '01/01/2022', '15/05/2023']], 'independent_living'),
      spell('15/05/2005', [['supported', '01/01/2022', '01/01/2023']], 'reunification'),
    ];
    const r = calibrate(spells, window);
    expect(r.parameters.ageOut).toEqual({ independent_living: 0.75, staying_put: 0.25 });
    expect(r.parameters.transitions.rates.map((t) => t.to)).toEqual([{ exit: 'reunification' }]);
    expect(r.parameters.transitions.rates[0]!.ageBands).toEqual(['16-17']);
  });

  it('takes the stock at the end of the window by category, age band and UASC, and leaves censored children out with a warning', () => {
    const spells = [
      spell('01/01/2010', [['ifa_foster', '01/01/2020', '31/03/2024'], ['other', '31/03/2024', null]], null),
      spell('01/01/2010', [['ifa_foster', '01/01/2020', '01/04/2024']], 'reunification'),
      spell('01/01/2010', [['ifa_foster', '01/01/2020', null]], null, { observedUntil: day('01/04/2023') }),
    ];
    const r = calibrate(spells, window);
    expect(r.parameters.initialPopulation.counts).toEqual([
      { category: 'ifa_foster', ageBand: '10-15', ageYears: 14, count: 1 },
      { category: 'other', ageBand: '10-15', ageYears: 14, count: 1 },
    ]);
    expect(r.evidence.censoredBeforeEnd).toBe(1);
    expect(r.warnings.some((w) => w.includes('1 placements were open'))).toBe(true);
    expect(r.parameters.start).toBe('2024-04-01');
    expect(r.parameters.end).toBe('2029-03-31');
  });

  it('gives the stock by year of age, so a forecast lets 17-year-olds in supported accommodation leave at 18 within the year', async () => {
    // 40 children aged 17 at the window's end (18th birthdays from May 2024 to March 2025) and 10 aged 16.
    const spells: CareSpell[] = [];
    for (let i = 0; i < 50; i++) {
      const born = i < 40 ? `${String(1 + (i % 28)).padStart(2, '0')}/${String(5 + (i % 8)).padStart(2, '0')}/2006` : '15/06/2007';
      spells.push(spell(born, [['supported', '01/02/2024', null]], null, { child: i + 1 }));
    }
    const r = calibrate(spells, window);
    expect(r.parameters.initialPopulation.counts).toEqual([
      { category: 'supported', ageBand: '16-17', ageYears: 16, count: 10 },
      { category: 'supported', ageBand: '16-17', ageYears: 17, count: 40 },
    ]);
    // Independent oracle: nobody leaves before 18 (no exits in the data), so on 31 March 2025 only the ten
    // 16-year-olds are still in care. Spread over the whole 16-17 band (the stock by band alone), about
    // half the 40 would still be there.
    const p = { ...r.parameters, entries: { ...r.parameters.entries, perYear: {} }, end: '2025-03-31' };
    delete p.uasc;
    const run = await simulateSummary(withoutParameterUncertainty(p), { seed: 3, replications: 20, workers: 1 });
    const march = run.rows.find((x) => x.metric === 'in_care' && x.category === 'total' && x.date === '2025-03-31')!;
    expect(march.mean).toBeGreaterThanOrEqual(9.5);
    expect(march.mean).toBeLessThanOrEqual(11);
    const projected = projectExpected(withoutParameterUncertainty(p)).find((x) => x.metric === 'in_care' && x.category === 'total' && x.date === '2025-03-31')!;
    expect(projected.mean).toBeGreaterThan(9.5);
    expect(projected.mean).toBeLessThan(12.5);
  });

  it('rejects an empty window and unordered duration bands', () => {
    expect(() => calibrate([], { referenceStart: '2024-01-01', referenceEnd: '2023-01-01' })).toThrow(/empty/);
    expect(() => calibrate([], { ...window, durationBandsDays: [365, 90] })).toThrow(/increasing/);
  });
});
