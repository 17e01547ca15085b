import type {
  CapacitySpec,
  EntryParameters,
  InitialChild,
  ModelParameters,
  PopulationCell,
  TransitionRate,
  TypeOfCareSpec,
  UascParameters,
} from '@carecast/engine';
import type { DocPath, IssueList } from '../errors.js';
import type { CapacitySection, ModelSection, TypeOfCareSection } from '../file/model-section.js';
import {
  parseDuration,
  parseHazard,
  parseLeverCost,
  parseMoneyPerWeek,
  parsePercentage,
  parseRatePerYear,
  type LeverCostUnit,
  type Parsed,
  type PercentageKind,
} from './units.js';
import { checkFallbackOrder, sharesSummingToOne } from './shares.js';
import { compileCareLeavers } from './care-leavers.js';

/** Converts values with units at known paths, collecting every problem. */
export class UnitReader {
  constructor(readonly issues: IssueList) {}

  private take(path: DocPath, r: Parsed): number {
    if (r.ok) return r.value;
    this.issues.add(path, r.message);
    return 0;
  }
  percentage(path: DocPath, v: unknown, kind: PercentageKind): number {
    return this.take(path, parsePercentage(v, kind));
  }
  rate(path: DocPath, v: unknown, allowNegative = false): number {
    return this.take(path, parseRatePerYear(v, allowNegative));
  }
  hazard(path: DocPath, v: unknown, allowNegative = false): number {
    return this.take(path, parseHazard(v, allowNegative));
  }
  /** A hazard that may also be written as a percentage per year (`12%` = 0.12 per household-year). */
  hazardOrPercentage(path: DocPath, v: unknown): number {
    if (typeof v === 'string' && v.trim().endsWith('%')) return this.percentage(path, v, 'share');
    return this.hazard(path, v);
  }
  money(path: DocPath, v: unknown, allowNegative = false): number {
    return this.take(path, parseMoneyPerWeek(v, allowNegative));
  }
  /** A lever cost in GBP per household, per household-year or per year; the unit must be written. */
  leverCost(path: DocPath, v: unknown, unit: LeverCostUnit): number {
    return this.take(path, parseLeverCost(v, unit));
  }
  days(path: DocPath, v: unknown): number {
    return this.take(path, parseDuration(v, 'day'));
  }
  /** Every value of a record converted with `f`; keys are kept as written. */
  record<K extends string, V>(
    path: DocPath,
    rec: Partial<Record<K, V>> | undefined,
    f: (p: DocPath, v: V) => number,
  ): Partial<Record<K, number>> {
    const out: Partial<Record<K, number>> = {};
    for (const [k, v] of Object.entries(rec ?? {}) as [K, V][]) out[k] = f([...path, k], v);
    return out;
  }
  nested<K1 extends string, K2 extends string, V>(
    path: DocPath,
    rec: Partial<Record<K1, Partial<Record<K2, V>>>> | undefined,
    f: (p: DocPath, v: V) => number,
  ): Partial<Record<K1, Partial<Record<K2, number>>>> {
    const out: Partial<Record<K1, Partial<Record<K2, number>>>> = {};
    for (const [k, inner] of Object.entries(rec ?? {}) as [K1, Partial<Record<K2, V>>][]) {
      out[k] = this.record([...path, k], inner, f);
    }
    return out;
  }
}

const M = ['model'] as const;

function capacity(u: UnitReader, path: DocPath, spec: CapacitySection): CapacitySpec {
  const match = spec.matchProbability === undefined ? {} : { matchProbability: u.percentage([...path, 'matchProbability'], spec.matchProbability, 'probability') };
  if ('beds' in spec) return { beds: spec.beds, ...match };
  const out: CapacitySpec = { households: spec.households, placesPerHousehold: spec.placesPerHousehold, ...match };
  if (spec.recruitmentPerYear !== undefined) out.recruitmentPerYear = u.rate([...path, 'recruitmentPerYear'], spec.recruitmentPerYear);
  if (spec.deregistrationPerHouseholdYear !== undefined) {
    out.deregistrationPerHouseholdYear = u.hazardOrPercentage([...path, 'deregistrationPerHouseholdYear'], spec.deregistrationPerHouseholdYear);
  }
  return out;
}

/** The engine parameters (without dates and modifiers) of a `model:` section. */
export function compileModelSection(
  u: UnitReader,
  model: ModelSection,
  dates: { start: string; end: string },
  normalise = false,
): ModelParameters {
  const share = (p: DocPath, v: unknown) => u.percentage(p, v, 'share');
  const whole = <K extends string>(p: DocPath, rec: Partial<Record<K, number>>) => sharesSummingToOne(u.issues, p, rec, normalise);
  const wholeEach = <K1 extends string, K2 extends string>(p: DocPath, rec: Partial<Record<K1, Partial<Record<K2, number>>>>) => {
    const out: Partial<Record<K1, Partial<Record<K2, number>>>> = {};
    for (const [k, inner] of Object.entries(rec) as [K1, Partial<Record<K2, number>>][]) out[k] = whole([...p, k], inner);
    return out;
  };
  const prob = (p: DocPath, v: unknown) => u.percentage(p, v, 'probability');

  const counts: PopulationCell[] | undefined = model.initialPopulation.counts?.map((c) => {
    const cell: PopulationCell = { category: c.category, ageBand: c.ageBand, count: c.count };
    if (c.durationBand !== undefined) cell.durationBand = c.durationBand;
    if (c.ageYears !== undefined) cell.ageYears = c.ageYears;
    if (c.uasc !== undefined) cell.uasc = c.uasc;
    return cell;
  });
  const children: InitialChild[] | undefined = model.initialPopulation.children?.map((c, i) => {
    const p = [...M, 'initialPopulation', 'children', i];
    const child: InitialChild = { category: c.category, ageDays: u.days([...p, 'ageDays'], c.ageDays) };
    if (c.daysInCare !== undefined) child.daysInCare = u.days([...p, 'daysInCare'], c.daysInCare);
    if (c.daysInPlacement !== undefined) child.daysInPlacement = u.days([...p, 'daysInPlacement'], c.daysInPlacement);
    if (c.uasc !== undefined) child.uasc = c.uasc;
    if (c.route !== undefined) child.route = c.route;
    if (c.sex !== undefined) child.sex = c.sex;
    if (c.outOfArea !== undefined) child.outOfArea = c.outOfArea;
    return child;
  });

  const e = model.entries;
  const ep = [...M, 'entries'];
  const entries: EntryParameters = {
    perYear: u.record([...ep, 'perYear'], e.perYear, (p, v) => u.rate(p, v)),
    routeShares: whole([...ep, 'routeShares'], u.record([...ep, 'routeShares'], e.routeShares, share)),
    firstPlacement: wholeEach([...ep, 'firstPlacement'], u.nested([...ep, 'firstPlacement'], e.firstPlacement, share)),
  };
  if (e.trendPerYear !== undefined) entries.trendPerYear = u.percentage([...ep, 'trendPerYear'], e.trendPerYear, 'change');
  if (e.routeSharesByAgeBand !== undefined) {
    entries.routeSharesByAgeBand = wholeEach(
      [...ep, 'routeSharesByAgeBand'],
      u.nested([...ep, 'routeSharesByAgeBand'], e.routeSharesByAgeBand, share),
    );
  }
  if (e.maleShare !== undefined) entries.maleShare = prob([...ep, 'maleShare'], e.maleShare);

  let uasc: UascParameters | undefined;
  if (model.uasc !== undefined) {
    const up = [...M, 'uasc'];
    uasc = {
      perYear: u.rate([...up, 'perYear'], model.uasc.perYear),
      ageBandShares: whole([...up, 'ageBandShares'], u.record([...up, 'ageBandShares'], model.uasc.ageBandShares, share)),
      firstPlacement: wholeEach([...up, 'firstPlacement'], u.nested([...up, 'firstPlacement'], model.uasc.firstPlacement, share)),
    };
    if (model.uasc.routeShares !== undefined) {
      uasc.routeShares = whole([...up, 'routeShares'], u.record([...up, 'routeShares'], model.uasc.routeShares, share));
    }
    if (model.uasc.maleShare !== undefined) uasc.maleShare = prob([...up, 'maleShare'], model.uasc.maleShare);
  }

  const tp = [...M, 'transitions'];
  const rates: TransitionRate[] = model.transitions.rates.map((r, i) => {
    const rate: TransitionRate = {
      from: r.from,
      to: 'category' in r.to ? { category: r.to.category } : 'typeOfCare' in r.to ? { typeOfCare: r.to.typeOfCare } : { exit: r.to.exit },
      perYear: u.hazard([...tp, 'rates', i, 'perYear'], r.perYear),
    };
    if (r.ageBands !== undefined) rate.ageBands = [...r.ageBands];
    if (r.durationBands !== undefined) rate.durationBands = [...r.durationBands];
    if (r.uasc !== undefined) rate.uasc = r.uasc;
    if (r.uncertainty !== undefined) rate.uncertainty = { shape: r.uncertainty.shape, rate: r.uncertainty.rate };
    return rate;
  });
  const transitions: ModelParameters['transitions'] = { rates };
  if (model.transitions.durationBandsDays !== undefined) {
    transitions.durationBandsDays = model.transitions.durationBandsDays.map((d, i) =>
      u.days([...tp, 'durationBandsDays', i], d),
    );
  }

  const sp = [...M, 'supply'];
  const supply: ModelParameters['supply'] = {
    capacity: {},
    fallback: Object.fromEntries(Object.entries(model.supply.fallback).map(([k, v]) => [k, [...(v ?? [])]])),
  };
  for (const [cat, order] of Object.entries(supply.fallback)) checkFallbackOrder(u.issues, [...sp, 'fallback', cat], cat, order ?? []);
  for (const [cat, spec] of Object.entries(model.supply.capacity) as [keyof typeof supply.capacity, CapacitySection][]) {
    supply.capacity[cat] = capacity(u, [...sp, 'capacity', cat], spec);
  }
  if (model.supply.lastResort !== undefined) supply.lastResort = model.supply.lastResort;
  if (model.supply.waitForPreferred !== undefined) supply.waitForPreferred = model.supply.waitForPreferred;
  if (model.supply.typesOfCare !== undefined) {
    supply.typesOfCare = {};
    for (const [type, spec] of Object.entries(model.supply.typesOfCare) as [keyof typeof model.supply.typesOfCare, TypeOfCareSection][]) {
      const out: TypeOfCareSpec = {};
      if (spec.providers !== undefined) out.providers = [...spec.providers];
      if (typeof spec.stepAcross === 'object' && spec.stepAcross !== null) {
        out.stepAcross = { perYear: u.hazard([...sp, 'typesOfCare', type, 'stepAcross', 'perYear'], spec.stepAcross.perYear) };
      } else if (spec.stepAcross !== undefined) out.stepAcross = spec.stepAcross;
      supply.typesOfCare[type] = out;
    }
  }

  const cp = [...M, 'costs'];
  const costs: ModelParameters['costs'] = {
    weeklyCost: u.record([...cp, 'weeklyCost'], model.costs.weeklyCost, (p, v) => u.money(p, v)),
  };
  if (model.costs.inflationPerYear !== undefined) {
    costs.inflationPerYear = u.percentage([...cp, 'inflationPerYear'], model.costs.inflationPerYear, 'change');
  }

  const params: ModelParameters = {
    start: dates.start,
    end: dates.end,
    initialPopulation: {},
    entries,
    transitions,
    ageOut: whole([...M, 'ageOut'], u.record([...M, 'ageOut'], model.ageOut, share)),
    supply,
    costs,
    careLeavers: compileCareLeavers(u, model.careLeavers, normalise),
  };
  if (counts !== undefined) params.initialPopulation.counts = counts;
  if (children !== undefined) params.initialPopulation.children = children;
  if (uasc !== undefined) params.uasc = uasc;
  // Posteriors are plain numbers (shape, rate, alpha); the engine checks them against the rates they describe.
  if (model.uncertainty !== undefined) params.uncertainty = structuredClone(model.uncertainty);
  if (model.outOfAreaProbability !== undefined) {
    params.outOfAreaProbability = u.record([...M, 'outOfAreaProbability'], model.outOfAreaProbability, prob);
  }
  return params;
}
