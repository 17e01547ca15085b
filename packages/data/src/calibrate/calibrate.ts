import {
  AGE_BANDS,
  AGE_OUT_REASONS,
  DAYS_PER_YEAR,
  ENTRY_ROUTES,
  EXIT_REASONS,
  PLACEMENT_CATEGORIES,
  addMonths,
  dayToIso,
  isoToDay,
  type AgeBand,
  type AgeOutReason,
  type EntryRoute,
  type ExitReason,
  type ModelParameters,
  type PlacementCategory,
  type PopulationCell,
  type TransitionRate,
  type TransitionTarget,
} from '@carecast/engine';
import type { CareSpell } from '../clean/spells.js';
import { cellIndex, tallySpells, type Tally } from './tally.js';
import { isOpenToBand } from '@carecast/engine/advanced';
import { cellPosterior, fitMainEffectsPrior } from './main-effects-prior.js';
import { costTemplate, supplyTemplate } from './template.js';
import { observedTypes, withTypesOfCare } from './types-of-care.js';
import { entryUncertainty } from './posteriors.js';

export interface CalibrateOptions {
  /** First day of the reference window (ISO). */
  referenceStart: string;
  /** Last day of the reference window, inclusive (ISO); the scenario starts the next day. */
  referenceEnd: string;
  /** Duration bands (days in care) for hazards and the stock. __Default value:__ [] (one band) */
  durationBandsDays?: number[];
  /** Years the calibrated scenario runs for. __Default value:__ 5 */
  horizonYears?: number;
  /**
   * UASC child-years at risk in the window from which UASC and other children get separate hazards
   * (rows with `uasc: true` / `uasc: false`); below it both share pooled rows. __Default value:__ 100
   */
  uascMinChildYears?: number;
  /**
   * Record each rate's posterior in the parameters (hazard rows' `uncertainty` and the `uncertainty`
   * section), so each replication draws its rates from them. __Default value:__ true
   */
  parameterUncertainty?: boolean;
}

/**
 * Default UASC exposure (child-years) for separate UASC hazards: at 100 child-years a hazard of
 * 0.1 per child-year rests on about 10 events (±30%), and UASC exits (mostly at 18, rarely home)
 * differ from other children's by far more than that.
 */
export const UASC_MIN_CHILD_YEARS = 100;

/** Events and exposure behind one transition hazard. */
export interface RateEvidence {
  from: PlacementCategory;
  to: TransitionTarget;
  /** The children the cell counts: UASC (true), other (false), or all (absent: hazards pooled). */
  uasc?: boolean;
  ageBand: AgeBand;
  durationBand: number;
  events: number;
  /** Child-years at risk in the cell within the reference window. */
  childYears: number;
  /** events / childYears (per child-year); NaN without exposure. */
  rawPerYear: number;
  /** Prior mean per child-year: the (from, to)'s main-effects rate of this age and duration band. */
  priorPerYear: number;
  /** Empirical-Bayes estimate per child-year, as written to the parameters. */
  perYear: number;
}

/**
 * Prior fitted for one (from, to) transition across its age and duration cells (`main-effects-prior.ts`):
 * a cell's prior mean is `levelPerYear × ageFactors[band] × durationFactors[d]`, its prior
 * Gamma(alpha, alpha / that mean).
 */
export interface PriorEvidence {
  from: PlacementCategory;
  to: TransitionTarget;
  /** The children the prior is fitted to: UASC (true), other (false), or all (absent). */
  uasc?: boolean;
  /** Events in cells with time at risk (those in cells without are in `unrated`). */
  events: number;
  childYears: number;
  /** Pooled rate per child-year (events / child-years). */
  pooledPerYear: number;
  /** Intercept of the main-effects fit per child-year. */
  levelPerYear: number;
  /** Multiplier of each open age band (1 throughout: no age effect beyond Poisson noise). */
  ageFactors: Partial<Record<AgeBand, number>>;
  /** Multiplier of each duration band (1 throughout: no duration effect beyond Poisson noise). */
  durationFactors: number[];
  /** Shape of the age bands' (duration bands') Gamma prior around 1; Infinity = no such effect fitted. */
  ageShape: number;
  durationShape: number;
  /** Prior shape of the cells' ratios to their main-effects rate; Infinity = no spread beyond the main effects. */
  alpha: number;
}

export interface EntryEvidence {
  uasc: boolean;
  ageBand: AgeBand;
  route: EntryRoute;
  category: PlacementCategory;
  count: number;
}

/** The counts behind every estimate: aggregates only, no child-level data. */
export interface CalibrationEvidence {
  referenceStart: string;
  referenceEnd: string;
  /** Length of the reference window in years of 365.25 days. */
  referenceYears: number;
  durationBandsDays: number[];
  entries: EntryEvidence[];
  entriesBySex: { male: number; female: number; unknown: number };
  uascEntriesBySex: { male: number; female: number; unknown: number };
  stock: PopulationCell[];
  /** Child-years at risk by category and age band (summed over duration bands). */
  exposure: { category: PlacementCategory; ageBand: AgeBand; durationBand: number; childYears: number }[];
  transitions: RateEvidence[];
  priors: PriorEvidence[];
  /** Moves and exits left out of the hazards: no child-years at risk in their (from, to) cells. */
  unrated: UnratedEvents[];
  /** UASC exposure and whether it sufficed for separate UASC / non-UASC hazards. */
  uascHazards: { childYears: number; minChildYears: number; separate: boolean };
  /** Spells begun before the data and what was left out of duration-banded hazards because of them. */
  leftTruncated: Tally['leftTruncated'];
  /** Exits within a week of the 18th birthday, by reason. */
  ageOut: Partial<Record<ExitReason, number>>;
  censoredBeforeEnd: number;
}

export interface CalibrationResult {
  parameters: ModelParameters;
  /** Children in care at the start of the reference window (initial population of a run from there). */
  startStock: PopulationCell[];
  /**
   * New family foster placements in the window by provider: first placements (UASC included) and moves
   * from outside in-house and IFA foster care. The observed in-house share is what a supply fit reproduces.
   */
  newFosterPlacements: { inhouse_foster: number; ifa_foster: number };
  evidence: CalibrationEvidence;
  warnings: string[];
}


/**
 * Estimates ModelParameters from care spells over a reference window: entries per year, hazards per
 * child-year as events ÷ child-years at risk shrunk by empirical Bayes, and the stock at the window's end.
 */
export function calibrate(spells: Iterable<CareSpell>, options: CalibrateOptions): CalibrationResult {
  const from = isoToDay(options.referenceStart);
  const to = isoToDay(options.referenceEnd) + 1;
  if (!(to > from)) throw new RangeError(`reference window ${options.referenceStart}:${options.referenceEnd} is empty; expected start before end`);
  const durationBandsDays = [...(options.durationBandsDays ?? [])];
  for (let i = 0; i < durationBandsDays.length; i++) {
    const d = durationBandsDays[i]!;
    if (!(d > 0) || (i > 0 && d <= durationBandsDays[i - 1]!)) {
      throw new RangeError(`durationBandsDays[${i}] = ${d}; expected increasing positive day counts`);
    }
  }
  if (options.uascMinChildYears !== undefined && !(options.uascMinChildYears >= 0)) {
    throw new RangeError(`uascMinChildYears = ${options.uascMinChildYears}; expected child-years >= 0`);
  }
  const tally = tallySpells(spells, from, to, durationBandsDays);
  const years = (to - from) / DAYS_PER_YEAR;
  const warnings: string[] = [];
  const nd = durationBandsDays.length + 1;

  const uascChildYears = tally.uasc.exposureDays.reduce((a, b) => a + b, 0) / DAYS_PER_YEAR;
  const uascMinChildYears = options.uascMinChildYears ?? UASC_MIN_CHILD_YEARS;
  const separateUasc = uascChildYears > 0 && uascChildYears >= uascMinChildYears;
  const { transitions, rates, priors, unrated } = estimateTransitions(tally, nd, separateUasc);
  const withUncertainty = options.parameterUncertainty ?? true;
  if (!withUncertainty) for (const r of rates) delete r.uncertainty;
  if (unrated.length > 0) {
    const total = unrated.reduce((n, u) => n + u.events, 0);
    const named = unrated.map((u) => `${u.uasc === undefined ? '' : u.uasc ? 'UASC ' : 'non-UASC '}${u.from} -> ${'category' in u.to ? u.to.category : 'exit' in u.to ? u.to.exit : u.to.typeOfCare} ${u.events}`);
    warnings.push(`${total} moves or exits with no time at risk in the window (same-day placements: ${named.join(', ')}) give no rate per child-year: left out of the hazards`);
  }
  if (uascChildYears > 0 && !separateUasc) {
    warnings.push(
      `UASC children have ${uascChildYears.toFixed(1)} child-years at risk in the window, under the ${uascMinChildYears} needed ` +
        'for hazards of their own: UASC and other children share move and exit hazards',
    );
  }
  const entries = entryEvidence(tally);
  const stock = stockCells(tally.stock, nd);
  const stockByCategory: Partial<Record<PlacementCategory, number>> = {};
  for (const cell of stock) stockByCategory[cell.category] = (stockByCategory[cell.category] ?? 0) + cell.count;

  const nonUasc = entries.filter((e) => !e.uasc);
  const uasc = entries.filter((e) => e.uasc);
  const sexCounts = (uascOnly: boolean) => {
    const c = { male: 0, female: 0, unknown: 0 };
    for (const e of tally.entries) if (e.uasc === uascOnly) c[e.sex ?? 'unknown']++;
    return c;
  };
  const entriesBySex = sexCounts(false);
  const uascEntriesBySex = sexCounts(true);

  const perYear: Partial<Record<AgeBand, number>> = {};
  for (const band of AGE_BANDS) perYear[band] = sum(nonUasc.filter((e) => e.ageBand === band)) / years;
  const routeShares = shares(ENTRY_ROUTES, (r) => sum(nonUasc.filter((e) => e.route === r)));
  const routeSharesByAgeBand: Partial<Record<AgeBand, Partial<Record<EntryRoute, number>>>> = {};
  for (const band of AGE_BANDS) {
    const inBand = nonUasc.filter((e) => e.ageBand === band);
    if (sum(inBand) > 0) routeSharesByAgeBand[band] = shares(ENTRY_ROUTES, (r) => sum(inBand.filter((e) => e.route === r)));
  }
  const closed = closedFirstPlacements(entries);
  if (closed > 0) {
    warnings.push(`${closed} entries were first placed in supported accommodation under 16, where the model places no child: counted as entries, left out of the first-placement shares`);
  }
  if (sum(nonUasc) === 0) warnings.push('no (non-UASC) entries in the reference window: entry rates are 0');

  const ageOutCounts: Partial<Record<ExitReason, number>> = {};
  for (const [reason, n] of tally.ageOut) ageOutCounts[reason] = n;
  const ageOutTotal = AGE_OUT_REASONS.reduce((s, r) => s + (ageOutCounts[r] ?? 0), 0);
  const ageOut: Partial<Record<AgeOutReason, number>> =
    ageOutTotal > 0 ? shares(AGE_OUT_REASONS, (r) => ageOutCounts[r] ?? 0) : { independent_living: 1 };
  if (ageOutTotal === 0) warnings.push('no exits at 18 to independent living, staying put or adult care in the window: ageOut set to independent_living');
  const otherAtEighteen = Object.entries(ageOutCounts).filter(([r]) => !(AGE_OUT_REASONS as readonly string[]).includes(r));
  if (otherAtEighteen.length > 0) {
    warnings.push(`exits at 18 for reasons the model cannot use at 18 (${otherAtEighteen.map(([r, n]) => `${r} ${n}`).join(', ')}) are left out of ageOut shares`);
  }
  const lt = tally.leftTruncated;
  if (lt.spells > 0) {
    warnings.push(
      `${lt.spells} spells began before the data (first episode not RNE S): not counted as entries` +
        (durationBandsDays.length > 0
          ? `; until their visible time in care passes ${durationBandsDays[durationBandsDays.length - 1]} days, ` +
            `${(lt.exposureDaysLeftOut / DAYS_PER_YEAR).toFixed(1)} child-years and ${lt.eventsLeftOut} events are left out of the hazards ` +
            `and ${lt.stockDurationLowerBound} children in the stock take the duration band of their visible time (a lower bound)`
          : ''),
    );
  }
  if (tally.censoredBeforeEnd > 0) {
    warnings.push(`${tally.censoredBeforeEnd} placements were open when their data stopped before the window's end: not in the stock`);
  }

  const start = dayToIso(to);
  const horizonYears = options.horizonYears ?? 5;
  const end = dayToIso(isoToDay(addMonths(start, 12 * horizonYears)) - 1);
  const parameters: ModelParameters = {
    start,
    end,
    initialPopulation: { counts: stock },
    entries: {
      perYear,
      routeShares,
      routeSharesByAgeBand,
      firstPlacement: firstPlacement(nonUasc),
      maleShare: share(entriesBySex.male, entriesBySex.male + entriesBySex.female, 0.55),
    },
    transitions: { ...(nd > 1 ? { durationBandsDays } : {}), rates },
    ageOut,
    supply: supplyTemplate(stockByCategory),
    costs: costTemplate(),
  };
  if (sum(uasc) > 0) {
    parameters.uasc = {
      perYear: sum(uasc) / years,
      ageBandShares: shares(AGE_BANDS, (b) => sum(uasc.filter((e) => e.ageBand === b))),
      firstPlacement: firstPlacement(uasc),
      maleShare: share(uascEntriesBySex.male, uascEntriesBySex.male + uascEntriesBySex.female, 0.9),
    };
  }
  const types = observedTypes(entries, rates);
  withTypesOfCare(parameters, types);
  if (withUncertainty) {
    const u = entryUncertainty(parameters, { nonUasc, uasc, years, entriesBySex, uascEntriesBySex, ageOut: ageOutCounts }, types);
    if (Object.keys(u).length > 0) parameters.uncertainty = u;
  }
  const exposure: CalibrationEvidence['exposure'] = [];
  PLACEMENT_CATEGORIES.forEach((category, c) =>
    AGE_BANDS.forEach((ageBand, a) => {
      for (let d = 0; d < nd; d++) {
        const days = tally.exposureDays[cellIndex(c, a, d, nd)]!;
        if (days > 0) exposure.push({ category, ageBand, durationBand: d, childYears: days / DAYS_PER_YEAR });
      }
    }),
  );
  return {
    parameters,
    startStock: stockCells(tally.startStock, nd),
    newFosterPlacements: newFosterPlacements(tally, nd),
    evidence: {
      referenceStart: options.referenceStart,
      referenceEnd: options.referenceEnd,
      referenceYears: years,
      durationBandsDays,
      entries,
      entriesBySex,
      uascEntriesBySex,
      stock,
      exposure,
      transitions,
      priors,
      unrated,
      uascHazards: { childYears: uascChildYears, minChildYears: uascMinChildYears, separate: separateUasc },
      ageOut: ageOutCounts,
      leftTruncated: { ...tally.leftTruncated },
      censoredBeforeEnd: tally.censoredBeforeEnd,
    },
    warnings,
  };
}

/** Moves or exits of one (from, to) that happened with no child-years at risk in the window, so have no rate. */
export interface UnratedEvents {
  from: PlacementCategory;
  to: TransitionTarget;
  uasc?: boolean;
  events: number;
}

/** Counts of one group of children (all, non-UASC or UASC) in the tally's cell layout. */
interface HazardGroup {
  uasc: boolean | undefined;
  exposureDays: (cell: number) => number;
  moves: (k: number) => number;
  exits: (k: number) => number;
}

function hazardGroups(tally: Tally, split: boolean): HazardGroup[] {
  const u = tally.uasc;
  if (!split) return [{ uasc: undefined, exposureDays: (i) => tally.exposureDays[i]!, moves: (k) => tally.moves[k]!, exits: (k) => tally.exits[k]! }];
  return [
    {
      uasc: false,
      exposureDays: (i) => tally.exposureDays[i]! - u.exposureDays[i]!,
      moves: (k) => tally.moves[k]! - u.moves[k]!,
      exits: (k) => tally.exits[k]! - u.exits[k]!,
    },
    { uasc: true, exposureDays: (i) => u.exposureDays[i]!, moves: (k) => u.moves[k]!, exits: (k) => u.exits[k]! },
  ];
}

function estimateTransitions(tally: Tally, nd: number, split: boolean) {
  const transitions: RateEvidence[] = [];
  const rates: TransitionRate[] = [];
  const priors: PriorEvidence[] = [];
  const unrated: UnratedEvents[] = [];
  for (const group of hazardGroups(tally, split)) estimateGroup(group, nd, transitions, rates, priors, unrated);
  return { transitions, rates, priors, unrated };
}

/** Shrinks one group's cells toward that group's own main-effects rates per (from, to), appending rows and evidence. */
function estimateGroup(group: HazardGroup, nd: number, transitions: RateEvidence[], rates: TransitionRate[], priors: PriorEvidence[], unrated: UnratedEvents[]): void {
  const NC = PLACEMENT_CATEGORIES.length;
  const NR = EXIT_REASONS.length;
  const tag = group.uasc === undefined ? {} : { uasc: group.uasc };
  const targets: { to: TransitionTarget; events: (cell: number) => number }[] = [
    ...PLACEMENT_CATEGORIES.map((category, t) => ({ to: { category } as TransitionTarget, events: (cell: number) => group.moves(cell * NC + t) })),
    ...EXIT_REASONS.map((exit, r) => ({ to: { exit } as TransitionTarget, events: (cell: number) => group.exits(cell * NR + r) })),
  ];
  PLACEMENT_CATEGORIES.forEach((fromCategory, c) => {
    for (const target of targets) {
      if ('category' in target.to && target.to.category === fromCategory) continue;
      // A category closed to an age band (supported accommodation below 16) has no hazards there, and no moves into it.
      const to = 'category' in target.to ? PLACEMENT_CATEGORIES.indexOf(target.to.category) : -1;
      const open = (a: number) => isOpenToBand(c, a) && (to < 0 || isOpenToBand(to, a));
      const openBands = AGE_BANDS.filter((_, a) => open(a));
      const someBandsOnly = openBands.length < AGE_BANDS.length;
      const cells: { a: number; d: number; events: number; days: number }[] = [];
      for (let a = 0; a < AGE_BANDS.length; a++) {
        if (!open(a)) continue;
        for (let d = 0; d < nd; d++) {
          const cell = cellIndex(c, a, d, nd);
          cells.push({ a, d, events: target.events(cell), days: group.exposureDays(cell) });
        }
      }
      const events = cells.reduce((s, x) => s + x.events, 0);
      if (events === 0) continue;
      const years = cells.map((x) => x.days / DAYS_PER_YEAR);
      const childYears = years.reduce((s, y) => s + y, 0);
      if (!cells.some((x, i) => x.events > 0 && years[i]! > 0)) {
        // Every event of this (from, to) in cells with no time at risk (same-day placements), though other cells
        // may have some: no rate per child-year can be estimated from them (a Gamma posterior needs exposure), so
        // they are left out and counted.
        unrated.push({ from: fromCategory, to: target.to, ...tag, events });
        continue;
      }
      // Events in cells with no time at risk, beside cells that have some, are left out of the fit as well: counted.
      const withoutTime = cells.reduce((s, x, i) => s + (years[i]! > 0 ? 0 : x.events), 0);
      if (withoutTime > 0) unrated.push({ from: fromCategory, to: target.to, ...tag, events: withoutTime });
      // Cells are age band (open bands, in order) x duration band, row-major, as `cells` holds them.
      const prior = fitMainEffectsPrior(
        cells.map((x) => x.events),
        years,
        openBands.length,
        nd,
      );
      priors.push({
        from: fromCategory,
        to: target.to,
        ...tag,
        events: prior.events,
        childYears,
        pooledPerYear: prior.pooled,
        levelPerYear: prior.level,
        ageFactors: Object.fromEntries(openBands.map((b, a) => [b, prior.rowFactors[a]!])),
        durationFactors: prior.columnFactors,
        ageShape: prior.rowShape,
        durationShape: prior.columnShape,
        alpha: prior.alpha,
      });
      const posteriors = cells.map((x, i) => cellPosterior(prior, i, x.events, years[i]!));
      cells.forEach((x, i) => {
        transitions.push({
          from: fromCategory,
          to: target.to,
          ...tag,
          ageBand: AGE_BANDS[x.a]!,
          durationBand: x.d,
          events: x.events,
          childYears: years[i]!,
          rawPerYear: years[i]! > 0 ? x.events / years[i]! : NaN,
          priorPerYear: prior.mean[i]!,
          perYear: posteriors[i]!.mean,
        });
      });
      if (!Number.isFinite(prior.alpha) && !Number.isFinite(prior.rowShape) && !Number.isFinite(prior.columnShape)) {
        // Full pooling: no age, duration or cell effect beyond Poisson noise; one rate for every cell, its
        // posterior Gamma(events, child-years) (scale-invariant prior).
        rates.push({
          from: fromCategory,
          to: target.to,
          perYear: prior.pooled,
          ...(someBandsOnly ? { ageBands: openBands } : {}),
          ...tag,
          uncertainty: { shape: prior.events, rate: childYears },
        });
      } else {
        cells.forEach((x, i) => {
          const post = posteriors[i]!;
          const rate: TransitionRate = { from: fromCategory, to: target.to, perYear: post.mean, ageBands: [AGE_BANDS[x.a]!] };
          if (nd > 1) rate.durationBands = [x.d];
          if (group.uasc !== undefined) rate.uasc = group.uasc;
          // The cell's posterior (main-effects-prior.ts `cellPosterior`): a Gamma of the rate above whose variance
          // is the gamma-Poisson posterior's plus that of the main-effects rate it is shrunk toward.
          rate.uncertainty = { shape: post.shape, rate: post.rate };
          rates.push(rate);
        });
      }
    }
  });
}

function entryEvidence(tally: Tally): EntryEvidence[] {
  const counts = new Map<string, EntryEvidence>();
  for (const e of tally.entries) {
    const key = `${e.uasc}|${e.ageBand}|${e.route}|${e.category}`;
    const cell = counts.get(key);
    if (cell) cell.count++;
    else counts.set(key, { uasc: e.uasc, ageBand: e.ageBand, route: e.route, category: e.category, count: 1 });
  }
  const order = (e: EntryEvidence) =>
    [Number(e.uasc), AGE_BANDS.indexOf(e.ageBand), ENTRY_ROUTES.indexOf(e.route), PLACEMENT_CATEGORIES.indexOf(e.category)];
  return [...counts.values()].sort((x, y) => compareTuples(order(x), order(y)));
}

function stockCells(tallied: Tally['stock'], nd: number): PopulationCell[] {
  const counts = new Map<string, PopulationCell>();
  for (const s of tallied) {
    const key = `${s.category}|${s.ageYears}|${s.durationBand}|${s.uasc}`;
    const cell = counts.get(key);
    if (cell) cell.count++;
    else {
      // By year of age, not only age band: within a band ages are not uniform (most children in
      // supported accommodation at 16-17 are 17 and leave within the year), and the model would spread them so.
      const made: PopulationCell = { category: s.category, ageBand: s.ageBand, ageYears: s.ageYears, count: 1 };
      if (nd > 1) made.durationBand = s.durationBand;
      if (s.uasc) made.uasc = true;
      counts.set(key, made);
    }
  }
  const order = (c: PopulationCell) => [
    PLACEMENT_CATEGORIES.indexOf(c.category),
    AGE_BANDS.indexOf(c.ageBand),
    c.ageYears ?? 0,
    c.durationBand ?? 0,
    Number(c.uasc ?? false),
  ];
  return [...counts.values()].sort((x, y) => compareTuples(order(x), order(y)));
}

/** First placements and moves from outside foster care (in-house or IFA) into each of the two, in the window. */
function newFosterPlacements(tally: Tally, nd: number): CalibrationResult['newFosterPlacements'] {
  const family: PlacementCategory[] = ['inhouse_foster', 'ifa_foster'];
  const NC = PLACEMENT_CATEGORIES.length;
  const out = { inhouse_foster: 0, ifa_foster: 0 };
  for (const e of tally.entries) if (e.category === 'inhouse_foster' || e.category === 'ifa_foster') out[e.category]++;
  PLACEMENT_CATEGORIES.forEach((from, c) => {
    if (family.includes(from)) return;
    for (let a = 0; a < AGE_BANDS.length; a++)
      for (let d = 0; d < nd; d++)
        for (const to of family) out[to as 'inhouse_foster' | 'ifa_foster'] += tally.moves[cellIndex(c, a, d, nd) * NC + PLACEMENT_CATEGORIES.indexOf(to)]!;
  });
  return out;
}

/** Entries whose first placement is in a category closed to their age band at entry (supported under 16). */
function closedFirstPlacements(entries: EntryEvidence[]): number {
  return sum(entries.filter((e) => !isOpenToBand(PLACEMENT_CATEGORIES.indexOf(e.category), AGE_BANDS.indexOf(e.ageBand))));
}

function firstPlacement(entries: EntryEvidence[]): Partial<Record<AgeBand, Partial<Record<PlacementCategory, number>>>> {
  const out: Partial<Record<AgeBand, Partial<Record<PlacementCategory, number>>>> = {};
  for (const band of AGE_BANDS) {
    const b = AGE_BANDS.indexOf(band);
    const openHere = (c: PlacementCategory) => isOpenToBand(PLACEMENT_CATEGORIES.indexOf(c), b);
    // Entries placed where the model does not place their age band (supported accommodation under 16)
    // cannot inform the band's shares (`closedFirstPlacements` counts them for a warning); a band with
    // no other entry takes the shares of every entry in a category open to it.
    const inBand = entries.filter((e) => e.ageBand === band && openHere(e.category));
    const pool = sum(inBand) > 0 ? inBand : entries.filter((e) => openHere(e.category));
    if (sum(pool) === 0) continue;
    const weights = shares(
      PLACEMENT_CATEGORIES.filter(openHere),
      (c) => sum(pool.filter((e) => e.category === c)),
    );
    out[band] = weights;
  }
  return out;
}

/** Normalised shares of the keys with a positive count, rounded to 4 decimals. */
function shares<K extends string>(keys: readonly K[], count: (k: K) => number): Partial<Record<K, number>> {
  const total = keys.reduce((s, k) => s + count(k), 0);
  const out: Partial<Record<K, number>> = {};
  if (total === 0) return out;
  for (const k of keys) {
    const n = count(k);
    if (n > 0) out[k] = Math.round((n / total) * 10000) / 10000;
  }
  return out;
}

const sum = (entries: readonly { count: number }[]): number => entries.reduce((s, e) => s + e.count, 0);
const share = (n: number, total: number, fallback: number): number => (total > 0 ? Math.round((n / total) * 10000) / 10000 : fallback);

function compareTuples(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

