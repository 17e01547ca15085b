import { CareLeaverProjection } from './care-leavers.js';
import type { ReplicationSeries } from '../montecarlo/assemble.js';
import type { CompiledModel, HazardTable } from '../model/compiled-model.js';
import { AGE_BAND_COUNT } from '../model/domain/age-bands.js';
import { CATEGORY_COUNT, EXIT_TARGET_OFFSET, ROUTE_COUNT, entryCell, targetNeed } from '../model/domain/cells.js';
import { SIXTEEN_PLUS_BAND } from '../model/domain/eligibility.js';
import { PLACEMENT_CATEGORIES } from '../model/domain/ids.js';
import { ExpectedCaps } from './duration-caps.js';
import { ExpectedSupply } from './supply.js';
import { WaitingLists } from './waiting.js';
import { AgedWaiting } from './waiting-ages.js';
import { RefusedMoves } from './refused-moves.js';
import { accruedCostGbp } from '../model/domain/costs.js';
import { expectedLeverCosts } from '../model/domain/expected-lever-costs.js';
import { EXIT_REASONS } from '../model/domain/ids.js';
import { INITIAL_TIME_IN_CARE_SPREAD_DAYS, unknownTimeInCareSpanDays } from '../model/domain/initial-time-in-care.js';
import { DAYS_PER_YEAR } from '../model/dates.js';
import { SERIES_CATEGORIES, TOTAL, moveCategory, seriesKey } from '../model/domain/series-keys.js';
import type { Metric } from '../results/types.js';
import { BAND_START_DAYS, COHORT_DAYS, CohortGrid, SETTLED_COHORT_DAYS, bandEndDays, bandOfAge } from './cohorts.js';
import { GeneratorPowers, stepMatrices } from './occupancy.js';
import { BLOCK_UA, GROUPS, POOL_BLOCKS, PoolStore, INITIAL_SLICES, ageEndDays, crossAgeBands, crossBounds, markUsed, moveBlock, newEntryCohort, putInPool, type EntryCohort, type Pool } from './entry-cohorts.js';
import { EntryTilt } from './entry-tilt.js';
import { Corrections, correctVector } from './corrections.js';
import { arrivalShareBefore, projectionSteps, stepDays } from './steps.js';
import { durationBandsInUse, settledFromBand } from './tables.js';
import { zero } from './zero.js';
import { expectedTargets, reachableCategories } from '../model/compile/reachability.js';

// Module constants copied to locals: the hot loops below must not go through import bindings.
const C = CATEGORY_COUNT;
const A = AGE_BAND_COUNT;
const EXIT_TARGET = EXIT_TARGET_OFFSET;
const EXITS = EXIT_REASONS.length;
const INHOUSE_FOSTER = PLACEMENT_CATEGORIES.indexOf('inhouse_foster');
/**
 * Children of the 16-17 band looking again at a `stepAcross` rate also leave that list at 18: about a
 * year on average after joining (ages uniform over the two-year band), a rate of 1 a year. (Children
 * waiting are held by birth cohort and leave on their 18th birthday: `waiting-ages.ts`.)
 */
const LAST_BAND_LEAVE_PER_DAY = 1 / 365.25;

/**
 * Expected numbers of a compiled model by a Markov cohort projection without capacity: every child is
 * in its preferred category. Children past the last duration bound (all children when no hazard
 * depends on time in care) are settled: a vector over (uasc, birth cohort, category). The others are
 * kept by entry cohort and duration band, over (uasc, age band, group, category) (`entry-cohorts.ts`),
 * so a child crosses a duration bound exactly that many days after entering care, as in the
 * simulation. Time advances in steps of at most half a month that end on every month end and rate
 * change. In a step every vector v of (uasc, age band, duration band) moves to v E with E = exp(Q dt)
 * of its competing hazards, and the vectors of each group are summed: the group's expected days in
 * each category are that sum times the occupancy matrix F = ∫ exp(Q s) ds, and every move and exit is
 * that occupancy times its hazard, so flows, stocks and occupancy-days (costs) agree exactly. A share
 * of a step's expected arrivals enters before it and the rest after (about half: `arrivalShareBefore`,
 * exact for one category's hazard), and the duration and age-band crossings of
 * the step's first half are made before it and those of its second half after (both second-order
 * accurate for events spread over the step); settled children whose 18th birthday falls in the step
 * leave by the age-out split at its end. Duration caps, capacity, fallbacks and waiting are not
 * modelled.
 */
export function projectCompiledModel(model: CompiledModel, options: ProjectionOptions = {}): ReplicationSeries {
  const r = newRun(model, options);
  placeInitialPopulation(r);
  recordStock(r, 0, r.S);
  if (r.sup) recordSupply(r, r.sup, 0);
  for (let s = 0; s < r.steps.length; s++) projectStep(r, s);
  // The pools still in use go back to the shared store (zeroed when taken again).
  for (const cohort of r.cohorts) for (const pool of cohort.pools) if (pool) r.store.release(pool);
  const supplyRecord = r.sup ? supplySeriesRecord(r.supplySeries, r.sup, model) : {};
  return { dates: [...model.dates], series: { ...seriesRecord(r.series, r.dates), ...supplyRecord, ...expectedLeverCosts(model), ...r.leavers?.series }, eventsFired: 0 };
}

/**
 * The state of one projection: its tables, vectors and flows, and the step it is at. One object built
 * at one site (so of one shape from call to call), read by the module functions below: their optimised
 * code is kept from one projection to the next, where closures made per call were compiled again in
 * every call (V8 specialises a closure's code to the call's own context).
 */
type RunFields = ReturnType<typeof runFields>;

/**
 * The state of a projection as a class whose constructor stores each field once, in one order: one
 * shape (map) from call to call, fast properties, and fields V8 can tell are never changed after they
 * are set. An object literal of computed values is copied from a boilerplate and then written again,
 * which marked its fields as changed at the second projection of a process and threw away the
 * optimised code that read them (`--trace-deopt`: 18 functions, "code dependencies"); fields added by
 * `Object.assign` put an object of this many fields in dictionary mode.
 */
class Run {
  declare model: RunFields['model'];
  declare S: RunFields['S'];
  declare D: RunFields['D'];
  declare tableBands: RunFields['tableBands'];
  declare dSettled: RunFields['dSettled'];
  declare grid: RunFields['grid'];
  declare K: RunFields['K'];
  declare W: RunFields['W'];
  declare fine: RunFields['fine'];
  declare Wf: RunFields['Wf'];
  declare sup: RunFields['sup'];
  declare active: RunFields['active'];
  declare n: RunFields['n'];
  declare position: RunFields['position'];
  declare settledX: RunFields['settledX'];
  declare settledUsed: RunFields['settledUsed'];
  declare store: RunFields['store'];
  declare cohorts: RunFields['cohorts'];
  declare settledFrom: RunFields['settledFrom'];
  declare windowDays: RunFields['windowDays'];
  declare tilt: RunFields['tilt'];
  declare advance: RunFields['advance'];
  declare bounds: RunFields['bounds'];
  declare caps: RunFields['caps'];
  declare lastBound: RunFields['lastBound'];
  declare stock: RunFields['stock'];
  declare initialCohorts: RunFields['initialCohorts'];
  declare initialTau: RunFields['initialTau'];
  declare initialBand: RunFields['initialBand'];
  declare sliceSeen: RunFields['sliceSeen'];
  declare dates: RunFields['dates'];
  declare series: RunFields['series'];
  declare massOfCohort: RunFields['massOfCohort'];
  declare entries: RunFields['entries'];
  declare entriesByAge: RunFields['entriesByAge'];
  declare exits: RunFields['exits'];
  declare exitsFrom: RunFields['exitsFrom'];
  declare moves: RunFields['moves'];
  declare cost: RunFields['cost'];
  declare occupancy: RunFields['occupancy'];
  declare v: RunFields['v'];
  declare y: RunFields['y'];
  declare o: RunFields['o'];
  declare groups: RunFields['groups'];
  declare groupSum: RunFields['groupSum'];
  declare neededGroups: RunFields['neededGroups'];
  declare groupUsed: RunFields['groupUsed'];
  declare ageOutWeights: RunFields['ageOutWeights'];
  declare leavers: RunFields['leavers'];
  declare tm: RunFields['tm'];
  declare leaverRates: RunFields['leaverRates'];
  declare reaching18: RunFields['reaching18'];
  declare firstPlacement: RunFields['firstPlacement'];
  declare firstNeed: RunFields['firstNeed'];
  declare entryWeights: RunFields['entryWeights'];
  declare correction: RunFields['correction'];
  declare correctionRows: RunFields['correctionRows'];
  declare correctionList: RunFields['correctionList'];
  declare correctionCount: RunFields['correctionCount'];
  declare groupEnd: RunFields['groupEnd'];
  declare removal: RunFields['removal'];
  declare vectorStock: RunFields['vectorStock'];
  declare waiting: RunFields['waiting'];
  declare agedLeavePerDay: RunFields['agedLeavePerDay'];
  declare refused: RunFields['refused'];
  declare agedLeaveByTable: RunFields['agedLeaveByTable'];
  declare stepOut: RunFields['stepOut'];
  declare capacityAtStart: RunFields['capacityAtStart'];
  declare outOfPreference: RunFields['outOfPreference'];
  declare refusedStep: RunFields['refusedStep'];
  declare waitedStep: RunFields['waitedStep'];
  declare leavePerDay: RunFields['leavePerDay'];
  declare leaveRatesByTable: RunFields['leaveRatesByTable'];
  declare supplySeries: RunFields['supplySeries'];
  declare corrStart: RunFields['corrStart'];
  declare corrFrom: RunFields['corrFrom'];
  declare corrTo: RunFields['corrTo'];
  declare corrShare: RunFields['corrShare'];
  declare corrections: RunFields['corrections'];
  declare capLeaverRates: RunFields['capLeaverRates'];
  declare capShares: RunFields['capShares'];
  declare matrixCache: RunFields['matrixCache'];
  declare powers: RunFields['powers'];
  declare qualifying: RunFields['qualifying'];
  declare entryShares: RunFields['entryShares'];
  declare blockPerDay: RunFields['blockPerDay'];
  declare blockBeds: RunFields['blockBeds'];
  declare targetOf: RunFields['targetOf'];
  declare capacityEvents: RunFields['capacityEvents'];
  declare nextCapacityEvent: RunFields['nextCapacityEvent'];
  declare epochIndex: RunFields['epochIndex'];
  declare snapshot: RunFields['snapshot'];
  declare stepEpoch: RunFields['stepEpoch'];
  declare stepDt: RunFields['stepDt'];
  declare stepArrivals: RunFields['stepArrivals'];
  declare stepTable: RunFields['stepTable'];
  declare arrivalsAtEnd: RunFields['arrivalsAtEnd'];
  declare arrivalBefore: RunFields['arrivalBefore'];
  declare steps: RunFields['steps'];
  declare openUntil: RunFields['openUntil'];

  constructor(f: RunFields) {
    this.model = f.model;
    this.S = f.S;
    this.D = f.D;
    this.tableBands = f.tableBands;
    this.dSettled = f.dSettled;
    this.grid = f.grid;
    this.K = f.K;
    this.W = f.W;
    this.fine = f.fine;
    this.Wf = f.Wf;
    this.sup = f.sup;
    this.active = f.active;
    this.n = f.n;
    this.position = f.position;
    this.settledX = f.settledX;
    this.settledUsed = f.settledUsed;
    this.store = f.store;
    this.cohorts = f.cohorts;
    this.settledFrom = f.settledFrom;
    this.windowDays = f.windowDays;
    this.tilt = f.tilt;
    this.advance = f.advance;
    this.bounds = f.bounds;
    this.caps = f.caps;
    this.lastBound = f.lastBound;
    this.stock = f.stock;
    this.initialCohorts = f.initialCohorts;
    this.initialTau = f.initialTau;
    this.initialBand = f.initialBand;
    this.sliceSeen = f.sliceSeen;
    this.dates = f.dates;
    this.series = f.series;
    this.massOfCohort = f.massOfCohort;
    this.entries = f.entries;
    this.entriesByAge = f.entriesByAge;
    this.exits = f.exits;
    this.exitsFrom = f.exitsFrom;
    this.moves = f.moves;
    this.cost = f.cost;
    this.occupancy = f.occupancy;
    this.v = f.v;
    this.y = f.y;
    this.o = f.o;
    this.groups = f.groups;
    this.groupSum = f.groupSum;
    this.neededGroups = f.neededGroups;
    this.groupUsed = f.groupUsed;
    this.ageOutWeights = f.ageOutWeights;
    this.leavers = f.leavers;
    this.tm = f.tm;
    this.leaverRates = f.leaverRates;
    this.reaching18 = f.reaching18;
    this.firstPlacement = f.firstPlacement;
    this.firstNeed = f.firstNeed;
    this.entryWeights = f.entryWeights;
    this.correction = f.correction;
    this.correctionRows = f.correctionRows;
    this.correctionList = f.correctionList;
    this.correctionCount = f.correctionCount;
    this.groupEnd = f.groupEnd;
    this.removal = f.removal;
    this.vectorStock = f.vectorStock;
    this.waiting = f.waiting;
    this.agedLeavePerDay = f.agedLeavePerDay;
    this.refused = f.refused;
    this.agedLeaveByTable = f.agedLeaveByTable;
    this.stepOut = f.stepOut;
    this.capacityAtStart = f.capacityAtStart;
    this.outOfPreference = f.outOfPreference;
    this.refusedStep = f.refusedStep;
    this.waitedStep = f.waitedStep;
    this.leavePerDay = f.leavePerDay;
    this.leaveRatesByTable = f.leaveRatesByTable;
    this.supplySeries = f.supplySeries;
    this.corrStart = f.corrStart;
    this.corrFrom = f.corrFrom;
    this.corrTo = f.corrTo;
    this.corrShare = f.corrShare;
    this.corrections = f.corrections;
    this.capLeaverRates = f.capLeaverRates;
    this.capShares = f.capShares;
    this.matrixCache = f.matrixCache;
    this.powers = f.powers;
    this.qualifying = f.qualifying;
    this.entryShares = f.entryShares;
    this.blockPerDay = f.blockPerDay;
    this.blockBeds = f.blockBeds;
    this.targetOf = f.targetOf;
    this.capacityEvents = f.capacityEvents;
    this.nextCapacityEvent = f.nextCapacityEvent;
    this.epochIndex = f.epochIndex;
    this.snapshot = f.snapshot;
    this.stepEpoch = f.stepEpoch;
    this.stepDt = f.stepDt;
    this.stepArrivals = f.stepArrivals;
    this.stepTable = f.stepTable;
    this.arrivalsAtEnd = f.arrivalsAtEnd;
    this.arrivalBefore = f.arrivalBefore;
    this.steps = f.steps;
    this.openUntil = f.openUntil;
  }
}

/** The tables and empty state of a projection of `model` (nobody placed yet). */
function newRun(model: CompiledModel, options: ProjectionOptions): Run {
  return new Run(runFields(model, options));
}

/** The fields of a `Run` of `model`. */
function runFields(model: CompiledModel, options: ProjectionOptions) {
  const S = model.startDay;
  // Duration bands told apart: the last of them (and every model band after it) is the settled children's.
  const D = durationBandsInUse(model);
  // Hazard tables always have the model's duration bands; band 0 stands for all when D collapses to 1.
  const tableBands = model.durationBandCount;
  const dSettled = D - 1;
  const grid = new CohortGrid(S, model.endDay, SETTLED_COHORT_DAYS);
  const K = grid.count;
  const W = grid.width;
  // The initial population's ages are placed on the finer grid of COHORT_DAYS (the settled children's
  // cohort is the one holding the middle of each fine cohort's births).
  const fine = new CohortGrid(S, model.endDay, COHORT_DAYS);
  const Wf = fine.width;
  // Vectors hold the reachable categories only: index j is category active[j].
  const supply = options.supply === true ? new ExpectedSupply(model) : null;
  const sup = supply?.any ? supply : null;
  const active = Int32Array.from(sup ? supplyReachableCategories(model, reachableCategories(model)) : reachableCategories(model));
  const n = active.length;
  const position = new Int32Array(C).fill(-1);
  active.forEach((c, j) => (position[c] = j));
  const settledX = new Float64Array(2 * K * n);
  const settledUsed = new Uint8Array(2 * K);
  const store = PoolStore.shared(n);
  // Per (uasc, age band): the first duration band from which hazards no longer change with time in
  // care, at this age or any older (children there are settled at once).
  const settledFrom = settledFromBand(model, D);
  // Longest step and widest entry window of an entry cohort (days), from the fastest hazard before settling.
  const hUnsettled = fastestUnsettledHazard(model, D, settledFrom);
  const maxStepDays = stepDays(hUnsettled);
  const windowDays = hUnsettled > 0 ? Math.max(maxStepDays, ENTRY_WINDOW_EVENTS / hUnsettled) : maxStepDays;
  const tilt = new EntryTilt(active, position, expectedTargets(model), tableBands);
  const advance = new DurationAdvance(settledX, settledUsed, grid, n, store, settledFrom, tilt);
  const bounds = [0, ...model.durationBoundsDays.slice(0, D - 1)];
  // Duration caps (`duration-caps.ts`): placements in a capped category and their checks.
  const caps = model.durationCaps.length > 0 ? new ExpectedCaps(model, A, bounds, settledFrom) : null;
  const lastBound = bounds[D - 1]!;

  // Initial population. Children with time in care before the last bound go to entry cohorts whose
  // windows end on S minus every bound and are at most windowDays wide (as the entry cohorts of steps).
  const initialCohorts: EntryCohort[] = [];
  if (D > 1) {
    const edges = new Set<number>([S - lastBound, S]);
    for (const b of bounds) edges.add(S - b);
    const sorted = [...edges].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const pieces = Math.ceil((sorted[i + 1]! - sorted[i]!) / windowDays);
      for (let p = 0; p < pieces; p++) {
        const e0 = sorted[i]! + ((sorted[i + 1]! - sorted[i]!) * p) / pieces;
        const e1 = sorted[i]! + ((sorted[i + 1]! - sorted[i]!) * (p + 1)) / pieces;
        initialCohorts.push(newEntryCohort(e0, e1, D - 1));
      }
    }
  }
  const durationBand = (days: number): number => {
    let d = 0;
    while (d + 1 < D && days >= bounds[d + 1]!) d++;
    return d;
  };
  // Per initial cohort: days in care of its middle entrant on the start day and its duration band.
  const initialTau = Float64Array.from(initialCohorts, (cohort) => S - (cohort.e0 + cohort.e1) / 2);
  const initialBand = Int32Array.from(initialTau, durationBand);
  // Per initial cohort i and block: whether an age slice was placed there yet (at i POOL_BLOCKS + block).
  // One typed array (session 18): an array of them (`Array.map`) came with another map after about 15
  // projections, which threw away `placeInitial`'s optimised code (`--trace-deopt`: wrong map).
  const sliceSeen = new Uint8Array(initialCohorts.length * POOL_BLOCKS);

  const dates = model.dates.length;
  const groups = 2 * A * D;
  // Groups anyone can be in: for each uasc, age bands from the one below the youngest entering or in
  // care at the start (children only grow older; a birth cohort straddling that band's start takes
  // both bands' hazards).
  const youngest: number[] = [A, A];
  for (const cell of model.initialCells) youngest[cell.uasc ? 1 : 0] = Math.min(youngest[cell.uasc ? 1 : 0]!, cell.ageBand);
  for (const child of model.initialChildren) youngest[child.uasc ? 1 : 0] = Math.min(youngest[child.uasc ? 1 : 0]!, bandOfAge(child.ageDays));
  for (const epoch of model.epochs) {
    for (let u = 0; u < 2; u++) {
      for (let a = 0; a < A; a++) {
        for (let r = 0; r < ROUTE_COUNT; r++) if (epoch.entryPerDay[entryCell(u, a, r)]! > 0) youngest[u] = Math.min(youngest[u]!, a);
      }
    }
  }
  const neededGroups = new Uint8Array(groups);
  for (let g = 0; g < groups; g++) neededGroups[g] = Math.floor(g / D) % A >= youngest[Math.floor(g / (D * A))]! - 1 ? 1 : 0;

  // Supply: per (group, category the step's matrices put a child in, category the placement rule
  // gives) the children to move after the step; each group's children by category at the step's end.
  const correction = sup || caps ? new Float64Array(groups * n * n) : null;
  const vectorStock = new Float64Array(n);
  const corrStart = new Int32Array(groups + 1);
  // At most one entry per (group, from, to).
  const corrFrom = new Int32Array(correction ? groups * n * n : 0);
  const corrTo = new Int32Array(corrFrom.length);
  const corrShare = new Float64Array(corrFrom.length);
  const corrections = new Corrections(corrStart, corrFrom, corrTo, corrShare, vectorStock);
  const capacityEvents = [...model.capacityEvents].sort((a, b) => a.day - b.day);
  return {
    model,
    S,
    D,
    tableBands,
    dSettled,
    grid,
    K,
    W,
    fine,
    Wf,
    sup,
    active,
    n,
    position,
    settledX,
    settledUsed,
    store,
    /** Entry cohorts alive (the step's arrivals joined when they first arrive). */
    cohorts: [] as EntryCohort[],
    settledFrom,
    windowDays,
    tilt,
    advance,
    bounds,
    caps,
    lastBound,
    /** Expected children by category now. */
    stock: new Float64Array(C),
    initialCohorts,
    initialTau,
    initialBand,
    sliceSeen,
    dates,
    series: new ProjectedSeries(dates),
    massOfCohort: new Float64Array(K),
    // Flows of the current month.
    entries: new Float64Array(C),
    entriesByAge: new Float64Array(A),
    exits: new Float64Array(EXITS),
    exitsFrom: new Float64Array(C),
    moves: new Float64Array(C * C),
    cost: new Float64Array(C),
    occupancy: new Float64Array(C),
    v: new Float64Array(n),
    y: new Float64Array(n),
    o: new Float64Array(n),
    groups,
    /** Sum over a step of the vectors of each (uasc, age band, duration band) group, at its start. */
    groupSum: new Float64Array(groups * n),
    neededGroups,
    groupUsed: new Uint8Array(groups),
    ageOutWeights: normalised(model.ageOutWeights),
    leavers: model.careLeavers ? new CareLeaverProjection(model, model.careLeavers) : null,
    /** The middle of the current step (children reaching 18 in it age out then); NaN: a double from the start. */
    tm: Number.NaN,
    /**
     * Exits that make a care leaver (qualifying reasons) per unit of each category over the step, for the
     * groups of the 16-17 band (care leavers need the birth dates the group sums lose):
     * leaverRates[g' n + i], g' = u D + d; set from the step's matrices.
     */
    leaverRates: new Float64Array(0) as Float64Array,
    /** Children reaching 18 in a step's half, by active category: gathered, then left by `leaveReaching18`. */
    reaching18: new Float64Array(n),
    firstPlacement: Array.from(model.firstPlacement, (byBand) => Array.from(byBand, normalised)),
    firstNeed: Array.from(model.firstNeed, (byBand) => Array.from(byBand, normalised)),
    entryWeights: new Float64Array(C),
    correction,
    /**
     * Per (group, category from) row of `correction`: 1 once written in the step (`addCorrection`),
     * and the rows written (session 20): the step zeroes those rows only and `applyCorrections` reads
     * those only (the others hold zeros: 4,000 numbers a step in Anytown, few of them written).
     */
    correctionRows: new Uint8Array(correction ? groups * n : 0),
    correctionList: new Int32Array(correction ? groups * n : 0),
    correctionCount: 0,
    groupEnd: sup || caps ? new Float64Array(groups * n) : null,
    /** Duration caps: children leaving care by a cap, by (group, category), moved out of the vectors after the step. */
    removal: caps ? new Float64Array(groups * n) : null,
    vectorStock,
    waiting: sup ? new WaitingLists(groups, n, model.stepAcrossPerDay.some((perDay) => perDay > 0), new AgedWaiting(C, 2 * D, n, grid)) : null,
    /** Per category: children who left it since its waiting list last moved in. */
    stepOut: new Float64Array(C),
    /**
     * Per category: capacity when its waiting list last moved in (the end of the last step's supply
     * pass); places added since (capacity events, places no longer held, households) are freed places.
     */
    capacityAtStart: new Float64Array(C),
    /** Per preferred category: children placed out of preference in the current month. */
    outOfPreference: new Float64Array(C),
    /** Per preferred category, in the current step: requests placed elsewhere. */
    refusedStep: new Float64Array(C),
    /** Per preferred category, in the current step: refused requests waiting. */
    waitedStep: new Float64Array(C),
    /**
     * Per (group g, active category j), at g n + j: the rate per day at which a child leaves a waiting
     * list (its competing hazards; at 18 from 16-17), the step's hazard table's, from `leaveRatesByTable`.
     */
    leavePerDay: new Float64Array(groups * n) as Float64Array,
    /** `leavePerDay` of each hazard table met, filled once (`waitingLeaveRates`). */
    leaveRatesByTable: new Map<HazardTable, Float64Array>(),
    /** Per (last-band group h = u D + d, active category j), at h n + j: the cell's total hazard per day (children waiting at 16-17 leave at 18 by birth cohort instead). */
    agedLeavePerDay: new Float64Array(2 * D * n) as Float64Array,
    /** `agedLeavePerDay` of each hazard table met, filled once (`agedLeaveRates`). */
    agedLeaveByTable: new Map<HazardTable, Float64Array>(),
    /** With supply: the step's hazard moves placed elsewhere than their first provider (`takeRefused`). */
    refused: sup ? new RefusedMoves(groups) : null,
    supplySeries: newSupplySeries(dates),
    corrStart,
    corrFrom,
    corrTo,
    corrShare,
    corrections,
    capLeaverRates: Uint8Array.from(model.careLeavers?.qualifying ?? []),
    capShares: new Float64Array(C),
    matrixCache: new Map<string, StepMatrices>(),
    powers: new GeneratorPowers(n),
    qualifying: Uint8Array.from(model.careLeavers?.qualifying ?? []),
    entryShares: new Float64Array(K),
    blockPerDay: Float64Array.from(model.initialBlockPerDay, (b) => b ?? 0),
    blockBeds: Float64Array.from(model.initialBlockBeds),
    // A move to a type of care goes to its first provider.
    targetOf: expectedTargets(model),
    capacityEvents,
    nextCapacityEvent: 0,
    epochIndex: 0,
    snapshot: 1,
    // The step `arrive` places arrivals for: its epoch, length, hazards, entry cohort, which half.
    stepEpoch: model.epochs[0]!,
    stepDt: Number.NaN,
    stepArrivals: null as EntryCohort | null,
    stepTable: null as HazardTable | null,
    arrivalsAtEnd: false,
    arrivalBefore: new Float64Array(2 * C * A),
    steps: projectionSteps(model, maxStepDays),
    /** Last step whose arrivals join the open entry cohort. */
    openUntil: -1,
  };
}

/** The settled children's birth cohort holding the middle of fine birth cohort `kFine`'s births. */
function settledOf(r: Run, kFine: number): number {
  return r.grid.cohortOf(r.fine.birthStart(kFine) + r.Wf / 2);
}

function putSettled(r: Run, u: number, k: number, j: number, mass: number): void {
  const block = u * r.K + k;
  r.settledX[block * r.n + j]! += mass;
  r.settledUsed[block] = 1;
}

/**
 * Children of fine birth cohort k, aged `age` days in age band `band`, entered care uniformly over
 * days [lo, hi): the settled children or the initial entry cohorts (group 0 when they entered care
 * in the age band they are in).
 */
function placeInitial(r: Run, u: number, k: number, band: number, age: number, c: number, mass: number, lo: number, hi: number, uniform: boolean): void {
  const { S, lastBound, settledFrom, initialCohorts, initialBand, initialTau, sliceSeen, store, n, Wf } = r;
  r.stock[c]! += mass;
  // Entered on the start day itself: in the last window (entries are in [e0, e1)).
  if (hi <= lo && lo >= S) hi = lo = S - 1e-9;
  const j = r.position[c]!;
  if (settledFrom[u * A + band] === 0 || hi <= S - lastBound) {
    putSettled(r, u, settledOf(r, k), j, mass);
    return;
  }
  const width = hi - lo;
  if (lo < S - lastBound) putSettled(r, u, settledOf(r, k), j, (mass * (S - lastBound - lo)) / width);
  // Initial cohorts are in order of entry window: start at the first one ending after lo.
  let first = 0;
  let last = initialCohorts.length;
  while (first < last) {
    const mid = (first + last) >> 1;
    if (initialCohorts[mid]!.e1 <= lo) first = mid + 1;
    else last = mid;
  }
  // What depends on the child's age alone, outside the loop over entry cohorts.
  const from = settledFrom[u * A + band]!;
  const start = BAND_START_DAYS[band]!;
  const slice = Math.floor(((age - start) / (ageEndDays(band) - start)) * INITIAL_SLICES);
  const gSlice = 2 + Math.min(INITIAL_SLICES - 1, Math.max(0, slice));
  const sliceBlock = (u * A + band) * GROUPS + gSlice;
  const sliceLo = start + ((gSlice - 2) * (ageEndDays(band) - start)) / INITIAL_SLICES;
  const sliceHi = start + ((gSlice - 1) * (ageEndDays(band) - start)) / INITIAL_SLICES;
  // A slice spans the ages placed in it (each birth cohort's W days), within the slice.
  const ageLo = Math.max(sliceLo, age - Wf / 2);
  const ageHi = Math.min(sliceHi, Math.max(ageLo, age + Wf / 2));
  for (let i = first; i < initialCohorts.length && initialCohorts[i]!.e0 <= hi; i++) {
    const cohort = initialCohorts[i]!;
    const overlap = width > 0 ? Math.min(hi, cohort.e1) - Math.max(lo, cohort.e0) : lo >= cohort.e0 && lo < cohort.e1 ? 1 : 0;
    if (!(overlap > 0)) continue;
    const d = initialBand[i]!;
    // overlap × mass (overlap 1) rather than mass alone without a width: V8 boxes a choice between a
    // computed number and a parameter in a heap number (session 18).
    const m = width > 0 ? (mass * overlap) / width : overlap * mass;
    if (d >= from) {
      putSettled(r, u, settledOf(r, k), j, m);
      continue;
    }
    const pool = cohort.pools[d] ?? (cohort.pools[d] = store.create());
    const g = uniform && age - initialTau[i]! >= start ? 0 : gSlice;
    const block = (u * A + band) * GROUPS + g;
    pool.x[block * n + j]! += m;
    markUsed(pool, block);
    if (g >= 2) {
      const seen = i * POOL_BLOCKS + sliceBlock;
      cohort.lo[sliceBlock] = sliceSeen[seen] ? Math.min(cohort.lo[sliceBlock]!, ageLo) : ageLo;
      cohort.hi[sliceBlock] = sliceSeen[seen] ? Math.max(cohort.hi[sliceBlock]!, ageHi) : ageHi;
      sliceSeen[seen] = 1;
    }
  }
}

/**
 * The children of one initial cell (or its placement days, `caps`) on fine birth cohort k, aged `age`
 * days, spread over their days in care as the simulation draws them.
 */
function placeInitialCell(r: Run, cell: CompiledModel['initialCells'][number], k: number, share: number): void {
  const { S, D, model } = r;
  const u = cell.uasc ? 1 : 0;
  const lo = BAND_START_DAYS[cell.ageBand]!;
  const hi = bandEndDays(cell.ageBand);
  const band = cell.ageBand;
  const age = Math.min(hi, Math.max(lo, S - (r.fine.birthStart(k) + r.Wf / 2)));
  if (D === 1) placeInitial(r, u, k, band, age, cell.category, share, S, S, false);
  else if (cell.durationBand < 0) {
    const span = unknownTimeInCareSpanDays(age);
    placeInitial(r, u, k, band, age, cell.category, share, S - span, S, lo >= INITIAL_TIME_IN_CARE_SPREAD_DAYS);
  } else {
    // Uniform in the band (the last spans 730 days), never more than the child's age.
    const a = cell.durationBand === 0 ? 0 : model.durationBoundsDays[cell.durationBand - 1]!;
    const b = cell.durationBand < model.durationBoundsDays.length ? model.durationBoundsDays[cell.durationBand]! : a + INITIAL_TIME_IN_CARE_SPREAD_DAYS;
    if (age >= b) placeInitial(r, u, k, band, age, cell.category, share, S - b, S - a, lo >= b);
    else if (age <= a) placeInitial(r, u, k, band, age, cell.category, share, S - age, S - age, false);
    else {
      placeInitial(r, u, k, band, age, cell.category, (share * (age - a)) / (b - a), S - age, S - a, false);
      placeInitial(r, u, k, band, age, cell.category, (share * (b - age)) / (b - a), S - age, S - age, false);
    }
  }
}

/** The placement days of one initial cell's children on fine birth cohort k, for the duration caps. */
function placeInitialCapped(r: Run, caps: ExpectedCaps, cell: CompiledModel['initialCells'][number], k: number, share: number): void {
  const { S, model } = r;
  const u = cell.uasc ? 1 : 0;
  const lo = BAND_START_DAYS[cell.ageBand]!;
  const hi = bandEndDays(cell.ageBand);
  const age = Math.min(hi, Math.max(lo, S - (r.fine.birthStart(k) + r.Wf / 2)));
  const c = cell.category;
  const a = cell.durationBand < 0 ? 0 : cell.durationBand === 0 ? 0 : model.durationBoundsDays[cell.durationBand - 1]!;
  const b = cell.durationBand < 0 ? unknownTimeInCareSpanDays(age) : cell.durationBand < model.durationBoundsDays.length ? model.durationBoundsDays[cell.durationBand]! : a + INITIAL_TIME_IN_CARE_SPREAD_DAYS;
  if (cell.durationBand < 0 || age >= b) caps.placedBefore(c, u, cell.ageBand, share, S - b, S - a, true);
  else if (age <= a) caps.placedBefore(c, u, cell.ageBand, share, S - age, S - age, true);
  else {
    caps.placedBefore(c, u, cell.ageBand, (share * (age - a)) / (b - a), S - age, S - a, true);
    caps.placedBefore(c, u, cell.ageBand, (share * (b - age)) / (b - a), S - age, S - age, true);
  }
}

/**
 * The children of one initial cell spread over the fine birth cohorts of its births (ages uniform over
 * its band, or its year of age, `CohortGrid.spread`): placed (`placeInitialCell`), or their placement days recorded for the
 * duration caps (`placeInitialCapped`).
 */
function spreadInitialCell(r: Run, cell: CompiledModel['initialCells'][number], caps: ExpectedCaps | null): void {
  const { S } = r;
  // Ages over the band, or over the cell's year of age within it.
  const oldest = cell.ageYears < 0 ? bandEndDays(cell.ageBand) : Math.min(bandEndDays(cell.ageBand), (cell.ageYears + 1) * DAYS_PER_YEAR);
  const youngest = cell.ageYears < 0 ? BAND_START_DAYS[cell.ageBand]! : Math.max(BAND_START_DAYS[cell.ageBand]!, cell.ageYears * DAYS_PER_YEAR);
  const lo = S - oldest;
  const hi = S - youngest;
  if (caps) r.fine.spread(lo, hi, cell.count, (k, share) => placeInitialCapped(r, caps, cell, k, share));
  else r.fine.spread(lo, hi, cell.count, (k, share) => placeInitialCell(r, cell, k, share));
}

/** The initial population placed: settled children, initial entry cohorts, and the caps' records. */
function placeInitialPopulation(r: Run): void {
  const { model, S, caps, fine } = r;
  for (const cell of model.initialCells) spreadInitialCell(r, cell, null);
  if (caps) {
    // Placement days of the initial population (as the simulation draws them: the days in care).
    for (const cell of model.initialCells) spreadInitialCell(r, cell, caps);
    for (const child of model.initialChildren) {
      const day = S - child.daysInPlacement;
      caps.placedBefore(child.category, child.uasc ? 1 : 0, bandOfAge(child.ageDays), 1, day, day, false);
    }
  }
  for (const child of model.initialChildren) {
    const e = S - child.daysInCare;
    placeInitial(r, child.uasc ? 1 : 0, fine.cohortOf(S - child.ageDays), bandOfAge(child.ageDays), child.ageDays, child.category, 1, e, e, false);
  }
  for (const cohort of r.initialCohorts) {
    if (!cohort.pools.some((p) => p)) continue;
    // Group 0 of the initial population: ages uniform in the band and days in care independent of age.
    const tau = S - (cohort.e0 + cohort.e1) / 2;
    for (let block = 0; block < POOL_BLOCKS; block += GROUPS) {
      const a = Math.floor(block / GROUPS) % A;
      cohort.lo[block] = Math.min(ageEndDays(a), BAND_START_DAYS[a]! + tau);
    }
    r.cohorts.push(cohort);
  }
}

/**
 * Children by age band at time `t` into output index i: each settled birth cohort's births are uniform
 * over its W days, so its share in a band is the overlap of its ages (t − birthStart − W, t − birthStart]
 * with the band's ages; entry cohorts hold age bands directly.
 */
function recordByAge(r: Run, i: number, t: number): void {
  const { massOfCohort, settledUsed, settledX, K, n, grid, W, series } = r;
  massOfCohort.fill(0);
  for (let u = 0; u < 2; u++) {
    for (let k = 0; k < K; k++) {
      if (settledUsed[u * K + k] === 0) continue;
      const base = (u * K + k) * n;
      for (let j = 0; j < n; j++) massOfCohort[k]! += settledX[base + j]!;
    }
  }
  for (let k = 0; k < K; k++) {
    const mass = massOfCohort[k]!;
    if (mass === 0) continue;
    const oldest = t - grid.birthStart(k);
    const youngest = oldest - W;
    for (let a = 0; a < A; a++) {
      const lo = a === 0 ? -Infinity : BAND_START_DAYS[a]!;
      const hi = a + 1 < A ? BAND_START_DAYS[a + 1]! : Infinity;
      const overlap = Math.min(hi, oldest) - Math.max(lo, youngest);
      if (overlap > 0) series.inCareByAge[a]![i]! += (mass * overlap) / W;
    }
  }
  for (const cohort of r.cohorts) {
    for (const pool of cohort.pools) {
      if (!pool) continue;
      for (let b = 0; b < pool.count; b++) {
        const block = pool.list[b]!;
        const a = Math.floor(block / GROUPS) % A;
        let mass = 0;
        for (let j = 0; j < n; j++) mass += pool.x[block * n + j]!;
        series.inCareByAge[a]![i]! += mass;
      }
    }
  }
}

function recordStock(r: Run, i: number, t: number): void {
  const { series, stock, model } = r;
  let ooa = 0;
  for (let c = 0; c < C; c++) {
    series.inCare[c]![i] = stock[c]!;
    ooa += stock[c]! * (model.outOfAreaProbability[c] ?? 0);
  }
  series.outOfArea[i] = ooa;
  recordByAge(r, i, t);
}

/** Children born around `birth` in the 16-17 band with vector `vec` (scaled by `share`) in group (u, d): their qualifying exits join the care leavers. */
function leaversFrom(r: Run, vec: Float64Array, base: number, share: number, u: number, d: number, birth: number): void {
  const { n, leaverRates } = r;
  const off = (u * r.D + d) * n;
  let out = 0;
  for (let i = 0; i < n; i++) out += vec[base + i]! * leaverRates[off + i]!;
  out *= share;
  if (out > 0) r.leavers!.leftCareQualifying(out, birth);
}

/** Children of active category j reaching 18: they leave by the age-out split. */
function leave(r: Run, j: number, m: number): void {
  const { exits, ageOutWeights } = r;
  const c = r.active[j]!;
  r.stock[c]! -= m;
  r.exitsFrom[c]! += m;
  r.stepOut[c]! += m;
  for (let e = 0; e < EXITS; e++) exits[e]! += m * ageOutWeights[e]!;
  r.leavers?.agedOut(c, m, r.tm);
}

/** The children gathered in `reaching18` leave (`leave`). */
function leaveReaching18(r: Run): void {
  const { reaching18, n } = r;
  for (let j = 0; j < n; j++) {
    if (reaching18[j] === 0) continue;
    leave(r, j, reaching18[j]!);
    reaching18[j] = 0;
  }
}

/**
 * The mass of the request `placedOutOfPreference` is called for, set by its caller (session 20): a
 * number passed to a function V8 does not inline is boxed in a heap number of its own, about 160 kB
 * a projection of Anytown from `groupFlows` alone.
 */
const placedMass = new Float64Array(1);

/**
 * A request for `need` (mass `placedMass[0]`, group `g`) was placed by `shares`: the shares away from its first
 * provider count as placed out of preference and join the waiting list (or, a first placement by a
 * type of care with a `stepAcross` rate, the list of children who look again).
 */
function placedOutOfPreference(r: Run, need: number, shares: Float64Array, g: number, from: number): void {
  const m = placedMass[0]!;
  const sup = r.sup!;
  const waiting = r.waiting!;
  const { position, outOfPreference, refusedStep, waitedStep, D } = r;
  const p = sup.first(need);
  const lastBand = Math.floor(g / D) % A === A - 1;
  const h = Math.floor(g / (D * A)) * D + (g % D);
  for (let c = 0; c < C; c++) {
    const x = m * shares[c]!;
    if (!(x > 0) || c === p) continue;
    outOfPreference[p]! += x;
    refusedStep[p]! += x;
    if (sup.waitsAfter(need, c)) {
      if (!lastBand) waiting.join(p, g, position[c]!, x);
      else if (from >= 0) {
        lastBandProfile(r, h, from);
        waiting.aged!.addProfile(p, h, position[c]!, x, from);
      }
      // Entrants' ages are uniform over the band.
      else waiting.aged!.addBirths(p, h, position[c]!, x, r.tm - bandEndDays(A - 1), r.tm - BAND_START_DAYS[A - 1]!);
      waitedStep[p]! += x;
    } else if (from < 0 && sup.lookPerDay(need, c) > 0) waiting.look(need, g, position[c]!, x);
  }
}

/**
 * The 16-17 band's children of last-band group h (u D + d) in active category j by birth cohort, as
 * shares by slot of the aged list (`AgedWaiting.profile`), from the vectors as they stand (at most
 * once a step per (h, j), and only for the categories movers come from): the settled children's birth
 * cohorts, and the entry cohorts' blocks of duration band d with births uniform over the ages each
 * block's range gives. Uniform over the band when the vectors hold nobody in j.
 */
function lastBandProfile(r: Run, h: number, j: number): void {
  const aged = r.waiting!.aged!;
  const { grid, K, n, D, dSettled, settledX, settledUsed, tm } = r;
  const hj = h * n + j;
  if (aged.profileAt[hj] === tm) return;
  aged.profileAt[hj] = tm;
  const R = aged.R;
  const { profile } = aged;
  const at = hj * R;
  profile.fill(0, at, at + R);
  let total = 0;
  const u = Math.floor(h / D);
  const d = h % D;
  if (d === dSettled) {
    // The cohorts with births before the band's start (tm − 16 years), and one straddling it.
    const kLast = Math.min(grid.kHi, grid.cohortOf(tm - BAND_START_DAYS[A - 1]!) + 1);
    for (let k = grid.kLo; k <= kLast; k++) {
      if (settledUsed[u * K + k] === 0) continue;
      const share = (grid.bandOld[k] === A - 1 ? grid.shareOld[k]! : 0) + (grid.bandYoung[k] === A - 1 ? 1 - grid.shareOld[k]! : 0);
      if (!(share > 0)) continue;
      const m = settledX[(u * K + k) * n + j]! * share;
      if (!(m > 0)) continue;
      profile[at + (k % R)]! += m;
      total += m;
    }
  } else {
    // The blocks' shapes once per (h, step): the vectors do not change while the step's flows are placed.
    const shapes = aged.shapes;
    if (shapes.h !== h || shapes.at !== tm) {
      shapes.reset(h, tm);
      for (const cohort of r.cohorts) {
        const pool = cohort.pools[d];
        if (!pool) continue;
        for (let group = 0; group < GROUPS; group++) {
          const block = (u * A + A - 1) * GROUPS + group;
          // Ages uniform over [lo, hi) as of tm: births over (tm − hi, tm − lo].
          if (pool.used[block] !== 0) shapes.add(pool.x, block * n, tm - cohort.hi[block]!, tm - cohort.lo[block]!, grid, R);
        }
      }
    }
    for (let e = 0; e < shapes.count; e++) {
      const m = shapes.mass(e, j);
      if (!(m > 0)) continue;
      total += m;
      shapes.spread(e, m, profile, at);
    }
  }
  if (total > 0) {
    for (let s = 0; s < R; s++) profile[at + s]! /= total;
    return;
  }
  const b0 = tm - bandEndDays(A - 1);
  const b1 = tm - BAND_START_DAYS[A - 1]!;
  const k0 = grid.cohortOf(b0);
  const k1 = grid.cohortOf(b1 - 1e-9);
  for (let k = k0; k <= k1; k++) profile[at + (k % R)]! += (Math.min(b1, grid.birthStart(k + 1)) - Math.max(b0, grid.birthStart(k))) / (b1 - b0);
}

/** Moves `share` of list entry i (preferred `p`, group g, category j) to `p`: stock, moves and the vectors' correction. */
function moveIn(r: Run, list: Float64Array, i: number, g: number, j: number, p: number, share: number, correction: Float64Array): void {
  const { n, D, stock } = r;
  // Never more than the group's vectors hold in j, less what is already moved out of it this step: a
  // list entry stays with the group its children joined in, while they age and cross duration bounds
  // into other groups; moving more would change the stocks but not the vectors.
  const row = (g * n + j) * n;
  let available = r.groupEnd![g * n + j]!;
  for (let jt = 0; jt < n; jt++) available -= correction[row + jt]!;
  const m = Math.min(list[i]! * share, available);
  if (!(m > 0)) return;
  list[i]! -= m;
  const c = r.active[j]!;
  stock[c]! -= m;
  stock[p]! += m;
  r.stepOut[c]! += m;
  r.moves[c * C + p]! += m;
  r.caps?.placed(p, Math.floor(g / (D * A)), Math.floor(g / D) % A, m, r.tm);
  addCorrection(r, correction, g * n + j, r.position[p]!, m);
}

/**
 * `m` children of row gj = g n + j of the step's `correction` (group g, moved from active category j)
 * to move to active category jt; the row marked as written (`correctionRows`). The only writer of
 * `correction`, so no row written goes unmarked.
 */
function addCorrection(r: Run, correction: Float64Array, gj: number, jt: number, m: number): void {
  correction[gj * r.n + jt]! += m;
  const rows = r.correctionRows;
  if (rows[gj] === 1) return;
  rows[gj] = 1;
  r.correctionList[r.correctionCount++] = gj;
}

/** The rows of `correction` written in the last step zeroed (`correctionRows`), for the next. */
function clearCorrectionRows(r: Run, correction: Float64Array): void {
  const { correctionRows, correctionList, n } = r;
  for (let e = 0; e < r.correctionCount; e++) {
    const gj = correctionList[e]!;
    correctionRows[gj] = 0;
    for (let i = gj * n; i < (gj + 1) * n; i++) correction[i] = 0;
  }
  r.correctionCount = 0;
}

/**
 * Waiting children move in as places free (`WaitingLists.filledShare`: children who left in the step,
 * places added); children looking again move to the first provider at the type's rate times the
 * share of requests it takes.
 */
function moveInWaiting(r: Run, sup: ExpectedSupply, lists: WaitingLists, correction: Float64Array, capacityBefore: Float64Array, dt: number): void {
  const { model, stock, stepOut, refusedStep, waitedStep, leavePerDay, n, D } = r;
  const span = r.groups * n;
  const aged = lists.aged!;
  for (let p = 0; p < C; p++) {
    if (sup.limited[p] === 0) continue;
    const added = Math.max(0, sup.capacity(p) - capacityBefore[p]!);
    capacityBefore[p] = sup.capacity(p);
    // Placed children's leaving rate over this step (also the waiting chain's parameter for the next).
    const placedLeave = stock[p]! > 0 ? stepOut[p]! / (stock[p]! * dt) : 0;
    const share = lists.filledShare(p, stepOut[p]!, added, sup.capacity(p) - stock[p]!, model.matchProbability[p]!, sup.filled[p]!, placedLeave * dt);
    const waitingLeave = lists.meanLeavePerDay(p, leavePerDay, r.agedLeavePerDay, dt);
    if (placedLeave > 0 && waitingLeave > 0) sup.leaveRatio[p] = waitingLeave / placedLeave;
    if (refusedStep[p]! > 0) sup.waitShare[p] = waitedStep[p]! / refusedStep[p]!;
    if (!(share > 0)) continue;
    // The rows anyone joined (`waitingRows`, `aged.rows`), in order: the others hold zeros only.
    if (lists.waitingHeld[p] === 1) {
      for (let g = 0; g < r.groups; g++) {
        if (lists.waitingRows[p * r.groups + g] === 0) continue;
        for (let j = 0, i = (p * r.groups + g) * n; j < n; j++, i++) if (lists.waiting[i]! > 0) moveIn(r, lists.waiting, i, g, j, p, share, correction);
      }
    }
    if (aged.held[p] === 0) continue;
    // Entry i = ((p H + h) R + slot) n + j, visited in that order.
    for (let h = 0, row = p * aged.H * aged.R; h < aged.H; h++) {
      const g = (Math.floor(h / D) * A + A - 1) * D + (h % D);
      for (let row1 = row + aged.R; row < row1; row++) {
        if (aged.rows[row] === 0) continue;
        for (let j = 0, i = row * n; j < n; j++, i++) if (aged.x[i]! > 0) moveIn(r, aged.x, i, g, j, p, share, correction);
      }
    }
  }
  stepOut.fill(0);
  refusedStep.fill(0);
  waitedStep.fill(0);
  for (let need = C; need < model.providers.length; need++) {
    const perDay = model.stepAcrossPerDay[need]!;
    if (!(perDay > 0)) continue;
    const p = sup.first(need);
    const share = (1 - Math.exp(-perDay * dt)) * sup.accepted[p]!;
    if (lists.lookingHeld[need] === 1) for (let i = need * span; i < (need + 1) * span; i++) if (lists.looking[i]! > 0) moveIn(r, lists.looking, i, Math.floor(i / n) % r.groups, i % n, p, share, correction);
  }
}

/** Supply series at output index `i`; the month's flows reset. */
function recordSupply(r: Run, sup: ExpectedSupply, i: number): void {
  const { supplySeries, stock, model, outOfPreference } = r;
  for (let c = 0; c < C; c++) {
    if (sup.limited[c] === 0) continue;
    supplySeries.capacity[c]![i] = sup.capacity(c);
    supplySeries.occupied[c]![i] = stock[c]!;
    supplySeries.vacancies[c]![i] = Math.max(0, sup.capacity(c) - stock[c]!);
    supplySeries.waiting[c]![i] = r.waiting!.total(c);
    if (i > 0) supplySeries.outOfPreference[c]![i] = outOfPreference[c]!;
    if (model.capacityKind[c] !== 2) continue;
    supplySeries.households[c]![i] = sup.households[c]!;
    if (i === 0) continue;
    supplySeries.recruited[c]![i] = sup.recruited[c]!;
    supplySeries.deregistered[c]![i] = sup.deregistered[c]!;
  }
  outOfPreference.fill(0);
  sup.recruited.fill(0);
  sup.deregistered.fill(0);
}

/**
 * After a step's flows: the children the placement rule put elsewhere than the step's matrices did
 * (`correction`, by group) are moved in every vector of the group, in proportion to the vector's
 * children in that category at the step's end.
 */
/**
 * The step's hazard moves placed elsewhere than their first provider (`refused`), taken from every
 * vector of their group in proportion to its share of the group's children in the category they
 * moved from (the vectors that made the moves), not to its children in the provider at the step's end:
 * a vector that has held children in the provider for long (an older birth cohort) would otherwise
 * give up children who never moved, and the provider's children come out too young. A vector gives at
 * most what it holds in the provider; what it cannot give goes to `correction` (in proportion to the
 * provider's children, as before). `groupEnd` follows the children taken.
 */
function takeRefused(r: Run, refused: RefusedMoves, groupEnd: Float64Array, correction: Float64Array): void {
  const { n, K, D, dSettled, settledUsed, settledX, vectorStock } = r;
  refused.finish();
  const { kLo, kHi, bandOld, bandYoung, shareOld } = r.grid;
  for (let u = 0; u < 2; u++) {
    for (let k = kLo; k <= kHi; k++) {
      if (settledUsed[u * K + k] === 0) continue;
      const shareO = shareOld[k]!;
      const base = (u * K + k) * n;
      const gOld = (u * A + bandOld[k]!) * D + dSettled;
      const gYoung = (u * A + bandYoung[k]!) * D + dSettled;
      const old = shareO > 0 && refused.start[gOld] !== refused.start[gOld + 1];
      const young = shareO < 1 && refused.start[gYoung] !== refused.start[gYoung + 1];
      if (!old && !young) continue;
      for (let j = 0; j < n; j++) vectorStock[j] = settledX[base + j]!;
      if (old) takeFromVector(settledX, base, gOld, shareO, refused, vectorStock, groupEnd, n);
      if (young) takeFromVector(settledX, base, gYoung, 1 - shareO, refused, vectorStock, groupEnd, n);
    }
  }
  for (const cohort of r.cohorts) {
    for (let d = 0; d < D - 1; d++) {
      const pool = cohort.pools[d];
      if (!pool) continue;
      for (let b = 0; b < pool.count; b++) {
        const block = pool.list[b]!;
        const g = BLOCK_UA[block]! * D + d;
        if (refused.start[g] === refused.start[g + 1]) continue;
        const base = block * n;
        for (let j = 0; j < n; j++) vectorStock[j] = pool.x[base + j]!;
        takeFromVector(pool.x, base, g, 1, refused, vectorStock, groupEnd, n);
      }
    }
  }
  const { group, provider, placed, mass, taken } = refused;
  for (let e = 0; e < refused.count; e++) {
    const gn = group[e]! * n;
    const m = taken[e]!;
    groupEnd[gn + provider[e]!]! -= m;
    groupEnd[gn + placed[e]!]! += m;
    const rest = mass[e]! - m;
    if (!(rest > 0)) continue;
    addCorrection(r, correction, gn + provider[e]!, placed[e]!, rest);
  }
}

/**
 * The entries of group g taken from one vector (at `base` of `x`, `part` of it in g; `stock` holds it
 * as it stood): each entry's children times the vector's share of the group's children in the
 * category they moved from, at most what it holds in the provider. A module function (hot path).
 */
function takeFromVector(x: Float64Array, base: number, g: number, part: number, refused: RefusedMoves, stock: Float64Array, groupEnd: Float64Array, n: number): void {
  const { from, provider, placed, mass, taken } = refused;
  for (let e = refused.start[g]!; e < refused.start[g + 1]!; e++) {
    const f = from[e]!;
    const s = stock[f]!;
    // Nobody in the category moved from: nothing wanted (min(0, x) is never taken).
    if (s === 0) continue;
    const there = groupEnd[g * n + f]!;
    if (!(there > 0)) continue;
    const want = (mass[e]! * part * s) / there;
    const m = Math.min(want, x[base + provider[e]!]!);
    if (!(m > 0)) continue;
    x[base + provider[e]!]! -= m;
    x[base + placed[e]!]! += m;
    taken[e]! += m;
  }
}

/**
 * The step's supply corrections (`correction`, children by group, category in, category to) as shares
 * of each group's children there at the step's end (`corrections`), applied to the settled vectors.
 * The entry cohorts' blocks take theirs in `crossAgeBands`, each block just before its crossing (one
 * pass over the blocks, the same numbers). False when there are none.
 */
function applyCorrections(r: Run, correction: Float64Array, groupEnd: Float64Array): boolean {
  const { groups, n, corrStart, corrFrom, corrTo, corrShare, corrections, settledUsed, settledX, vectorStock, K, D, dSettled, correctionRows } = r;
  let count = 0;
  for (let g = 0; g < groups; g++) {
    corrStart[g] = count;
    for (let jf = 0; jf < n; jf++) {
      // Rows not written in the step hold zeros (their total is 0).
      if (correctionRows[g * n + jf] === 0) continue;
      const there = groupEnd[g * n + jf]!;
      if (!(there > 0)) continue;
      const row = (g * n + jf) * n;
      let total = 0;
      for (let jt = 0; jt < n; jt++) total += correction[row + jt]!;
      if (!(total > 0)) continue;
      const scale = total > there ? 1 / total : 1 / there;
      for (let jt = 0; jt < n; jt++) {
        const m = correction[row + jt]!;
        if (!(m > 0)) continue;
        corrFrom[count] = jf;
        corrTo[count] = jt;
        corrShare[count++] = m * scale;
      }
    }
  }
  corrStart[groups] = count;
  if (count === 0) return false;
  const { kLo, kHi, bandOld, bandYoung, shareOld } = r.grid;
  for (let u = 0; u < 2; u++) {
    for (let k = kLo; k <= kHi; k++) {
      if (settledUsed[u * K + k] === 0) continue;
      const shareO = shareOld[k]!;
      const gOld = (u * A + bandOld[k]!) * D + dSettled;
      const gYoung = (u * A + bandYoung[k]!) * D + dSettled;
      const old = shareO > 0 && corrStart[gOld] !== corrStart[gOld + 1];
      const young = shareO < 1 && corrStart[gYoung] !== corrStart[gYoung + 1];
      if (!old && !young) continue;
      const base = (u * K + k) * n;
      for (let j = 0; j < n; j++) vectorStock[j] = settledX[base + j]!;
      if (old) correctVector(settledX, base, gOld, shareO, corrections);
      if (young) correctVector(settledX, base, gYoung, 1 - shareO, corrections);
    }
  }
  return true;
}

/**
 * Capacity below expected occupancy (households de-registered, beds closed): the excess is moved out
 * as the simulation's `displace` does (the category's fallbacks, then the last resort), from every
 * group in proportion to its children there.
 */
function displace(r: Run, sup: ExpectedSupply, groupEnd: Float64Array, correction: Float64Array): void {
  const { n, groups, D, stock, moves, position } = r;
  for (let j = 0; j < n; j++) {
    const c = r.active[j]!;
    if (sup.limited[c] === 0) continue;
    const excess = stock[c]! - sup.capacity(c);
    if (!(excess > 1e-9)) continue;
    let there = 0;
    for (let g = 0; g < groups; g++) there += groupEnd[g * n + j]!;
    if (!(there > 0)) continue;
    for (let g = 0; g < groups; g++) {
      const mass = (excess * groupEnd[g * n + j]!) / there;
      if (!(mass > 0)) continue;
      const shares = sup.route(c, -1, Math.floor(g / D) % A < SIXTEEN_PLUS_BAND, c);
      for (let to = 0; to < C; to++) {
        const m = mass * shares[to]!;
        if (!(m > 0) || to === c) continue;
        stock[c]! -= m;
        stock[to]! += m;
        moves[c * C + to]! += m;
        addCorrection(r, correction, g * n + j, position[to]!, m);
        r.caps?.placed(to, Math.floor(g / (D * A)), Math.floor(g / D) % A, m, r.tm);
      }
    }
  }
}

/**
 * Duration cap j's check of `mass` children of (u, a) in its category (`ExpectedCaps.endStep`): they
 * leave care or move by the placement rule, from every duration band's group in proportion to its
 * children there at the step's end (exits through `removal`, moves through `correction`).
 */
function capCheck(r: Run, j: number, u: number, a: number, dKnown: number, mass: number): void {
  const { model, D, n, stock, moves, exits, exitsFrom, stepOut, sup, capShares, targetOf, leavers, position } = r;
  const groupEnd = r.groupEnd!;
  const cap = model.durationCaps[j]!;
  const c = cap.category;
  const jc = position[c]!;
  // Children of a known duration band are in its group, or the settled children's once settled there.
  const dOnly = dKnown;
  let there = 0;
  for (let d = 0; d < D; d++) if (dOnly < 0 || d === dOnly) there += groupEnd[((u * A + a) * D + d) * n + jc]!;
  if (dOnly >= 0 && !(there > 0)) {
    capCheck(r, j, u, a, -1, mass);
    return;
  }
  if (!(there > 0)) return;
  const m = Math.min(mass, there);
  const exit = cap.target >= EXIT_TARGET;
  const need = exit ? -1 : targetNeed(cap.target);
  let shares: Float64Array = capShares;
  if (!exit && sup && sup.affected[need] === 1) shares = sup.route(need, c, a < SIXTEEN_PLUS_BAND);
  else if (!exit) {
    capShares.fill(0);
    capShares[targetOf[cap.target]!] = 1;
  }
  for (let d = 0; d < D; d++) {
    if (dOnly >= 0 && d !== dOnly) continue;
    const g = (u * A + a) * D + d;
    const mg = (m * groupEnd[g * n + jc]!) / there;
    if (!(mg > 0)) continue;
    if (exit) {
      const reason = cap.target - EXIT_TARGET;
      r.removal![g * n + jc]! += mg;
      stock[c]! -= mg;
      exits[reason]! += mg;
      exitsFrom[c]! += mg;
      stepOut[c]! += mg;
      r.caps!.observe(u, a, d, c, 0, mg);
      if (leavers && a === A - 1 && r.capLeaverRates[reason] === 1) leavers.leftCareQualifying(mg, r.tm - 17 * DAYS_PER_YEAR);
      continue;
    }
    if (sup && sup.affected[need] === 1) {
      placedMass[0] = mg;
      placedOutOfPreference(r, need, shares, g, jc);
    }
    for (let to = 0; to < C; to++) {
      const mr = mg * shares[to]!;
      if (to === c || !(mr > 0)) continue;
      stock[c]! -= mr;
      stock[to]! += mr;
      moves[c * C + to]! += mr;
      stepOut[c]! += mr;
      addCorrection(r, r.correction!, g * n + jc, position[to]!, mr);
      r.caps!.observe(u, a, d, c, 0, mr);
      r.caps!.placed(to, u, a, mr, r.tm);
    }
  }
}

/** Children leaving care by a duration cap (`removal`, by group and category) taken out of every vector of the group in proportion to its children there at the step's end. */
function applyRemovals(r: Run, removal: Float64Array, groupEnd: Float64Array): void {
  const { settledUsed, settledX, K, n, D, dSettled } = r;
  let any = false;
  const fraction = removal;
  for (let i = 0; i < fraction.length; i++) {
    if (!(fraction[i]! > 0)) continue;
    const there = groupEnd[i]!;
    fraction[i] = there > 0 ? Math.min(1, fraction[i]! / there) : 0;
    groupEnd[i] = there * (1 - fraction[i]!);
    any = true;
  }
  if (!any) return;
  const { kLo, kHi, bandOld, bandYoung, shareOld } = r.grid;
  for (let u = 0; u < 2; u++) {
    for (let k = kLo; k <= kHi; k++) {
      if (settledUsed[u * K + k] === 0) continue;
      const gOld = ((u * A + bandOld[k]!) * D + dSettled) * n;
      const gYoung = ((u * A + bandYoung[k]!) * D + dSettled) * n;
      const share = shareOld[k]!;
      const base = (u * K + k) * n;
      for (let j = 0; j < n; j++) {
        const f = share * fraction[gOld + j]! + (1 - share) * fraction[gYoung + j]!;
        if (f > 0) settledX[base + j]! *= 1 - f;
      }
    }
  }
  for (const cohort of r.cohorts) {
    for (let d = 0; d < D - 1; d++) {
      const pool = cohort.pools[d];
      if (!pool) continue;
      for (let b = 0; b < pool.count; b++) {
        const block = pool.list[b]!;
        const gn = (Math.floor(block / GROUPS) * D + d) * n;
        for (let j = 0; j < n; j++) {
          const f = fraction[gn + j]!;
          if (f > 0) pool.x[block * n + j]! *= 1 - f;
        }
      }
    }
  }
}

/** Per unit of each category of the 16-17 band's groups: F (occupancy) times its exit rates for qualifying reasons, summed. */
function qualifyingExitRates(r: Run, F: SparseRows, table: HazardTable): Float64Array {
  const { D, n, active, tableBands, targetOf, qualifying } = r;
  const out = new Float64Array(2 * D * n);
  const { rowStart: fStart, column: fColumn, value: fValue } = F;
  const { start, target, rate } = table;
  for (let u = 0; u < 2; u++) {
    for (let d = 0; d < D; d++) {
      const gn = ((u * A + A - 1) * D + d) * n;
      const off = (u * D + d) * n;
      for (let i = 0; i < n; i++) {
        for (let q = fStart[gn + i]!; q < fStart[gn + i + 1]!; q++) {
          const c = active[fColumn[q]!]!;
          const cell = ((u * C + c) * A + A - 1) * tableBands + d;
          for (let h = start[cell]!; h < start[cell + 1]!; h++) {
            const to = targetOf[target[h]!]!;
            if (to >= EXIT_TARGET && qualifying[to - EXIT_TARGET] === 1) out[off + i]! += fValue[q]! * rate[h]!;
          }
        }
      }
    }
  }
  return out;
}

/**
 * Arrivals of the step enter care uniformly over [t0, t1): one entry cohort (or the settled
 * children when hazards do not depend on time in care, births spread over (tm − band end,
 * tm − band start]). A share of each cell's arrivals enters before the step and the rest after it
 * (`arrivalShareBefore` of its total hazard: exact stock and occupancy for one category).
 */
function arrive(r: Run): void {
  const { sup, grid, entryShares, firstPlacement, firstNeed, entryWeights, arrivalBefore, settledFrom, tableBands, dSettled, D, n, tm } = r;
  const { entries, entriesByAge, stock, position } = r;
  const epoch = r.stepEpoch;
  const dt = r.stepDt;
  const hazards = r.stepTable!;
  const atEnd = r.arrivalsAtEnd;
  const arrivals = r.stepArrivals;
  let pool: Pool | null = null;
  if (arrivals) {
    pool = arrivals.pools[0] ?? (arrivals.pools[0] = r.store.create());
    if (!r.cohorts.includes(arrivals)) r.cohorts.push(arrivals);
  }
  for (let u = 0; u < 2; u++) {
    for (let a = 0; a < A; a++) {
      let perDay = 0;
      for (let route = 0; route < ROUTE_COUNT; route++) perDay += epoch.entryPerDay[entryCell(u, a, route)]!;
      const weights = firstPlacement[u]?.[a];
      if (!(perDay > 0) || !weights) continue;
      let k0 = 0;
      let k1 = -1;
      const direct = !pool || settledFrom[u * A + a] === 0;
      if (direct) {
        const lo = tm - bandEndDays(a);
        const hi = tm - BAND_START_DAYS[a]!;
        k0 = grid.cohortOf(lo);
        k1 = grid.cohortOf(hi);
        for (let k = k0; k <= k1; k++) entryShares[k] = 0;
        spreadInto(grid, lo, hi, entryShares);
      }
      const placed = sup ? placedShares(sup, firstNeed[u]![a]!, a < SIXTEEN_PLUS_BAND, entryWeights) : weights;
      if (sup) {
        // Children placed out of preference wait or look again (entry cohort's group).
        const g = (u * A + a) * D + (pool && !direct ? 0 : dSettled);
        const needs = firstNeed[u]![a]!;
        for (let need = 0; need < needs.length; need++) {
          if (!(needs[need]! > 0)) continue;
          placedMass[0] = 0.5 * dt * perDay * needs[need]!;
          placedOutOfPreference(r, need, sup.route(need, -1, a < SIXTEEN_PLUS_BAND), g, -1);
        }
      }
      for (let c = 0; c < C; c++) {
        const w = placed[c]!;
        if (!(w > 0)) continue;
        // The share entering before the step, kept for the arrivals after it.
        const cell = (u * C + c) * A + a;
        if (!atEnd) arrivalBefore[cell] = arrivalShareBefore(hazards.total[cell * tableBands + (pool && !direct ? 0 : dSettled)]! * dt);
        const m = (atEnd ? 1 - arrivalBefore[cell]! : arrivalBefore[cell]!) * dt * perDay * w;
        entries[c]! += m;
        entriesByAge[a]! += m;
        stock[c]! += m;
        r.caps?.placed(c, u, a, m, tm, true);
        const j = position[c]!;
        if (pool && !direct) putInPool(pool, u, a, 0, j, n, m);
        else for (let k = k0; k <= k1; k++) if (entryShares[k]! > 0) putSettled(r, u, k, j, m * entryShares[k]!);
      }
    }
  }
}

/** `grid.spread(lo, hi, 1, (k, share) => (out[k] = share))` without a closure. */
function spreadInto(grid: CohortGrid, lo: number, hi: number, out: Float64Array): void {
  if (!(hi > lo)) {
    out[grid.cohortOf(lo)] = 1;
    return;
  }
  const k0 = grid.cohortOf(lo);
  const k1 = grid.cohortOf(Math.max(lo, hi - 1e-9));
  const density = 1 / (hi - lo);
  for (let k = k0; k <= k1; k++) {
    const a = Math.max(lo, grid.birthStart(k));
    const b = Math.min(hi, grid.birthStart(k + 1));
    if (b > a) out[k] = (b - a) * density;
  }
}

/**
 * The step's flows of every group from its occupancy (the group's summed vectors times F) and its
 * hazards: moves (by the placement rule with supply), exits, stocks, and `occupancy` by category.
 */
function groupFlows(r: Run, F: SparseRows, table: HazardTable): void {
  const { occupancy, o, groups, groupUsed, groupSum, D, n, active, tableBands, targetOf, sup, stock, stepOut, moves, exits, exitsFrom, caps, position, tm } = r;
  const refused = r.refused;
  occupancy.fill(0);
  const { rowStart: fStart, column: fColumn, value: fValue } = F;
  const { start, target, rate } = table;
  for (let g = 0; g < groups; g++) {
    if (groupUsed[g] === 0) continue;
    const d = g % D;
    const a = Math.floor(g / D) % A;
    const u = Math.floor(g / (D * A));
    const gn = g * n;
    zero(o);
    for (let i = 0; i < n; i++) {
      const vi = groupSum[gn + i]!;
      if (vi === 0) continue;
      const qEnd = fStart[gn + i + 1]!;
      for (let q = fStart[gn + i]!; q < qEnd; q++) o[fColumn[q]!]! += vi * fValue[q]!;
    }
    for (let j = 0; j < n; j++) {
      const oj = o[j]!;
      if (oj === 0) continue;
      const c = active[j]!;
      occupancy[c]! += oj;
      const cell = ((u * C + c) * A + a) * tableBands + d;
      const jEnd = start[cell + 1]!;
      let departed = 0;
      for (let q = start[cell]!; q < jEnd; q++) {
        const flow = oj * rate[q]!;
        const to = targetOf[target[q]!]!;
        departed += flow;
        stock[c]! -= flow;
        if (to < EXIT_TARGET && sup && sup.affected[targetNeed(target[q]!)] === 1) {
          // The placement rule: shares by provider; a share staying in `c` is no move.
          const need = targetNeed(target[q]!);
          const shares = sup.route(need, c, a < SIXTEEN_PLUS_BAND);
          stepOut[c]! += flow * (1 - shares[c]!);
          placedMass[0] = flow;
          placedOutOfPreference(r, need, shares, g, j);
          for (let p = 0; p < C; p++) {
            const m = flow * shares[p]!;
            if (!(m > 0)) continue;
            stock[p]! += m;
            if (p !== c) moves[c * C + p]! += m;
            if (p !== to) refused!.add(g, j, position[to]!, position[p]!, m);
            if (p !== c) caps?.placed(p, u, a, m, tm);
            else departed -= m;
          }
        } else if (to < EXIT_TARGET) {
          stock[to]! += flow;
          moves[c * C + to]! += flow;
          stepOut[c]! += flow;
          caps?.placed(to, u, a, flow, tm);
        } else {
          exits[to - EXIT_TARGET]! += flow;
          exitsFrom[c]! += flow;
          stepOut[c]! += flow;
        }
      }
      caps?.observe(u, a, d, c, oj, departed);
    }
  }
}

/**
 * Every vector v moves to v E of its group (settled birth cohorts, then the entry cohorts' blocks),
 * summed by group at the step's start (`groupSum`) and end (`groupEnd`); the 16-17 band's
 * qualifying exits join the care leavers first.
 */
function moveVectors(r: Run, E: SparseRows): void {
  const { grid, settledUsed, settledX, K, n, D, dSettled, groupSum, groupUsed, groupEnd, v, y, leavers, tm } = r;
  for (let u = 0; u < 2; u++) {
    if (leavers) {
      // Qualifying exits of the settled children of the 16-17 band, from their vectors at the step's start.
      for (let k = grid.kLo; k <= grid.kHi; k++) {
        if (settledUsed[u * K + k] === 0) continue;
        for (let part = 0; part < 2; part++) {
          const share = part === 0 ? grid.shareOld[k]! : 1 - grid.shareOld[k]!;
          if (share === 0 || (part === 0 ? grid.bandOld[k]! : grid.bandYoung[k]!) !== A - 1) continue;
          leaversFrom(r, settledX, (u * K + k) * n, share, u, dSettled, grid.birthStart(k) + grid.width / 2);
        }
      }
    }
    moveSettled(settledX, settledUsed, u, K, n, grid, A, D, dSettled, E, groupSum, groupUsed, groupEnd, v, y);
  }
  for (const cohort of r.cohorts) {
    for (let d = 0; d < D - 1; d++) {
      const pool = cohort.pools[d];
      if (!pool) continue;
      if (leavers) {
        // Ages uniform over [lo, hi) as of tm: births over (tm − hi, tm − lo].
        for (let b = 0; b < pool.count; b++) {
          const block = pool.list[b]!;
          const ua = Math.floor(block / GROUPS);
          if (ua % A === A - 1) leaversFrom(r, pool.x, block * n, 1, Math.floor(ua / A), d, tm - (cohort.lo[block]! + cohort.hi[block]!) / 2);
        }
      }
      moveBlocks(pool, d, n, D, E, groupSum, groupUsed, groupEnd, y);
    }
  }
}

/**
 * Settled children whose 18th birthday falls in [t0, t1) (births in [t0 − 18y, t1 − 18y)) gathered in
 * `reaching18`, half of them before the step's move (`first`) and the other half after it (session 17:
 * all after it kept them in care, exposed to its hazards, for the rest of the step after their
 * birthday, which at month steps took care leavers 0.15% low); with `groupEnd`, the second half also
 * taken out of their group's sum at the step's end (the 16-17 band's settled group), so that the
 * step's supply corrections share out over the children left.
 */
function settledReaching18(r: Run, t0: number, t1: number, first: boolean, groupEnd: Float64Array | null): void {
  const { grid, K, W, settledUsed, settledX, n, reaching18, D, dSettled } = r;
  const dt = t1 - t0;
  for (let k = grid.kLo; k <= Math.min(K - 1, grid.kLo + Math.ceil(dt / W) + 1); k++) {
    const half = grid.leavingShare(k, t0, t1) / 2;
    // The second half as a share of what the first left in the cohort.
    const leaving = first ? half : half / (1 - half);
    if (!(leaving > 0)) continue;
    for (let u = 0; u < 2; u++) {
      if (settledUsed[u * K + k] === 0) continue;
      const base = (u * K + k) * n;
      const gn = ((u * A + A - 1) * D + dSettled) * n;
      for (let j = 0; j < n; j++) {
        const m = settledX[base + j]! * leaving;
        if (m === 0) continue;
        settledX[base + j]! -= m;
        reaching18[j]! += m;
        if (groupEnd) groupEnd[gn + j]! -= m;
      }
    }
  }
}

/**
 * A step's sparse matrices (occupancy F, transition E) and, filled when first needed, the care leavers'
 * qualifying exit rates per unit; `leaverRates` is in every object from the start, so they share one
 * shape (session 21).
 */
interface StepMatrices {
  F: SparseRows;
  E: SparseRows;
  leaverRates: Float64Array | undefined;
}

/** The step's occupancy and transition matrices (sparse), computed once per hazard table and length. */
function matricesOf(r: Run, epochHazard: number, table: HazardTable, dt: number): StepMatrices {
  const key = `${epochHazard}|${dt}`;
  let matrices = r.matrixCache.get(key);
  if (!matrices) {
    const { occupancy: F, transition: E } = stepMatrices(table, r.active, r.D, r.tableBands, dt, r.targetOf, r.neededGroups, r.powers);
    matrices = { F: sparseRows(F, r.n), E: sparseRows(E, r.n), leaverRates: undefined };
    r.matrixCache.set(key, matrices);
  }
  return matrices;
}

/** Step s of the projection: arrivals, crossings, every vector moved, flows, supply, records. */
function projectStep(r: Run, s: number): void {
  const { model, steps, sup, D, bounds, advance, S, tilt, windowDays, leavers, caps, stock, capacityEvents, blockPerDay, blockBeds, cost, occupancy } = r;
  const { t0, t1, snapshotAfter } = steps[s]!;
  const dt = t1 - t0;
  const tm = (t0 + t1) / 2;
  r.tm = tm;
  while (r.epochIndex + 1 < model.epochs.length && model.epochs[r.epochIndex + 1]!.day <= t0) r.epochIndex++;
  const epoch = model.epochs[r.epochIndex]!;
  if (sup && s === 0) for (let c = 0; c < C; c++) r.capacityAtStart[c] = sup.capacity(c);
  while (r.nextCapacityEvent < capacityEvents.length && capacityEvents[r.nextCapacityEvent]!.day <= t0) {
    const ev = capacityEvents[r.nextCapacityEvent++]!;
    sup?.changeBeds(ev.category, ev.change);
    blockPerDay[ev.category]! += ev.blockPerDay;
    blockBeds[ev.category]! += ev.blockBeds;
  }
  if (sup) {
    if (leavers) sup.held[INHOUSE_FOSTER] = leavers.placesHeld();
    sup.beginStep(epoch, stock);
  }
  if (r.correction) {
    clearCorrectionRows(r, r.correction);
    r.groupEnd!.fill(0);
  }
  const table = model.hazardTables[epoch.hazard]!;
  const matrices = matricesOf(r, epoch.hazard, table, dt);

  // Arrivals of the step (`arrive`, before and after it).
  r.stepEpoch = epoch;
  r.stepDt = dt;
  r.stepTable = table;
  r.arrivalsAtEnd = false;
  if (D > 1 && s > r.openUntil) {
    // Entry cohort of the arrivals: one for consecutive steps of one epoch within windowDays.
    let last = s;
    while (last + 1 < steps.length && steps[last + 1]!.t1 - t0 <= windowDays && sameEntries(model, t0, steps[last + 1]!.t0)) last++;
    r.openUntil = last;
    r.stepArrivals = newEntryCohort(t0, steps[last]!.t1, D - 1);
  } else if (D === 1) r.stepArrivals = null;
  arrive(r);
  if (D > 1) {
    crossAgeBands(r.cohorts, t0, tm, r.reaching18);
    leaveReaching18(r);
    tilt.table = table;
    r.cohorts = crossBounds(r.cohorts, bounds, advance, t0, tm, S);
  }

  // Every vector v moves to v E of its group; the groups' sums give occupancy and flows below.
  r.grid.update(t0, t1);
  r.groupSum.fill(0);
  r.groupUsed.fill(0);
  if (leavers) r.leaverRates = matrices.leaverRates ?? (matrices.leaverRates = qualifyingExitRates(r, matrices.F, table));

  settledReaching18(r, t0, t1, true, null);
  leaveReaching18(r);
  r.refused?.clear();
  moveVectors(r, matrices.E);
  groupFlows(r, matrices.F, table);
  if (r.refused?.any) takeRefused(r, r.refused, r.groupEnd!, r.correction!);

  // Whether the step has supply corrections: the blocks' part is applied in their second crossing.
  let corrected = false;
  if (caps) {
    r.removal!.fill(0);
    caps.endStep(t0, t1, (j, u, a, d, mass) => capCheck(r, j, u, a, d, mass));
    applyRemovals(r, r.removal!, r.groupEnd!);
    if (!sup) corrected = applyCorrections(r, r.correction!, r.groupEnd!);
  }
  if (sup) {
    const lists = r.waiting!;
    let leavePerDay = r.leaveRatesByTable.get(table);
    if (!leavePerDay) {
      leavePerDay = new Float64Array(r.groups * r.n);
      waitingLeaveRates(leavePerDay, table, r.active, D, r.tableBands);
      r.leaveRatesByTable.set(table, leavePerDay);
    }
    r.leavePerDay = leavePerDay;
    let agedLeave = r.agedLeaveByTable.get(table);
    if (!agedLeave) {
      agedLeave = new Float64Array(2 * D * r.n);
      agedLeaveRates(agedLeave, table, r.active, D, r.tableBands);
      r.agedLeaveByTable.set(table, agedLeave);
    }
    r.agedLeavePerDay = agedLeave;
    // Settled children leaving care at 18 leave before the waiting lists move in, so the places they
    // free are taken in this step, not the next (session 17: a month's lag at month steps).
    settledReaching18(r, t0, t1, false, r.groupEnd);
    leaveReaching18(r);
    sup.advance(dt, r.stepOut);
    // Waiting children leave at their hazards over the step before the freed places are filled: the
    // vectors they are taken from have lost this step's leavers already (`groupFlows`), so a list
    // decayed after filling would move in children who have left, and hold more children than the
    // categories they wait in.
    lists.decay(dt, r.leavePerDay);
    lists.aged!.decay(t0, t1, agedLeave);
    moveInWaiting(r, sup, lists, r.correction!, r.capacityAtStart, dt);
    displace(r, sup, r.groupEnd!, r.correction!);
    corrected = applyCorrections(r, r.correction!, r.groupEnd!);
  }


  // Settled children leaving care at 18 (supply-aware: above, before the lists).
  if (!sup) {
    settledReaching18(r, t0, t1, false, null);
    leaveReaching18(r);
  }

  if (D > 1) {
    crossAgeBands(r.cohorts, tm, t1, r.reaching18, corrected ? r.corrections : null, D);
    leaveReaching18(r);
    r.cohorts = crossBounds(r.cohorts, bounds, advance, tm, t1, S);
  }
  r.arrivalsAtEnd = true;
  arrive(r);

  // Children in block beds pay the block cost only (expected occupancy-days less the block bed-days).
  for (let c = 0; c < C; c++) {
    cost[c]! += accruedCostGbp(Math.max(0, occupancy[c]! - dt * blockBeds[c]!), epoch.costPerDay[c]!, dt * blockPerDay[c]!, epoch.inflation[c]!);
  }

  if (leavers && sup) leavers.setHouseholdLeaving(epoch.deregistrationPerDay[INHOUSE_FOSTER]!);
  leavers?.advance(t0, t1);
  if (snapshotAfter) recordSnapshot(r, t1);
}

/** The month's flows written at the next output index, and its stocks at `t1`; the flows reset. */
function recordSnapshot(r: Run, t1: number): void {
  const { series, entries, entriesByAge, exits, exitsFrom, cost, moves, snapshot } = r;
  if (r.sup) recordSupply(r, r.sup, snapshot);
  r.leavers?.record(snapshot);
  recordStock(r, snapshot, t1);
  for (let a = 0; a < A; a++) series.entriesByAge[a]![snapshot] = entriesByAge[a]!;
  entriesByAge.fill(0);
  for (let c = 0; c < C; c++) {
    series.entries[c]![snapshot] = entries[c]!;
    series.exitsFrom[c]![snapshot] = exitsFrom[c]!;
    series.cost[c]![snapshot] = cost[c]!;
    for (let c2 = 0; c2 < C; c2++) series.moves[c * C + c2]![snapshot] = moves[c * C + c2]!;
  }
  for (let e = 0; e < EXITS; e++) series.exits[e]![snapshot] = exits[e]!;
  entries.fill(0);
  exits.fill(0);
  exitsFrom.fill(0);
  moves.fill(0);
  cost.fill(0);
  r.snapshot = snapshot + 1;
}

/**
 * Settled children of uasc `u`: every birth cohort's vector v (at `(u K + k) n` of `x`) moves to v E of
 * its group (its age band, or both bands in proportion when it straddles a boundary: `grid`), and is
 * added at its start to the group's sum (`groupSum`, `groupUsed`) and at its end to `groupEnd`. A
 * module function: optimised on its own, early in a first call, with no closure context to load.
 */
function moveSettled(
  x: Float64Array,
  used: Uint8Array,
  u: number,
  K: number,
  n: number,
  grid: CohortGrid,
  A: number,
  D: number,
  dSettled: number,
  E: SparseRows,
  groupSum: Float64Array,
  groupUsed: Uint8Array,
  groupEnd: Float64Array | null,
  v: Float64Array,
  y: Float64Array,
): void {
  const { kLo, kHi, bandOld, bandYoung, shareOld } = grid;
  const { rowStart, column, value } = E;
  for (let k = kLo; k <= kHi; k++) {
    if (used[u * K + k] === 0) continue;
    const base = (u * K + k) * n;
    let any = false;
    for (let i = 0; i < n; i++) {
      v[i] = x[base + i]!;
      if (v[i] !== 0) any = true;
    }
    if (!any) continue;
    zero(y);
    for (let part = 0; part < 2; part++) {
      const share = part === 0 ? shareOld[k]! : 1 - shareOld[k]!;
      if (share === 0) continue;
      const a = part === 0 ? bandOld[k]! : bandYoung[k]!;
      const g = (u * A + a) * D + dSettled;
      groupUsed[g] = 1;
      const gn = g * n;
      for (let i = 0; i < n; i++) {
        const vi = v[i]! * share;
        if (vi === 0) continue;
        groupSum[gn + i]! += vi;
        const qEnd = rowStart[gn + i + 1]!;
        for (let q = rowStart[gn + i]!; q < qEnd; q++) y[column[q]!]! += vi * value[q]!;
      }
    }
    // The vector's end, and its share of each band's group sum at the step's end, in one pass.
    const shareO = shareOld[k]!;
    const shareY = 1 - shareO;
    if (groupEnd && shareY !== 0) {
      const gnO = ((u * A + bandOld[k]!) * D + dSettled) * n;
      const gnY = ((u * A + bandYoung[k]!) * D + dSettled) * n;
      for (let j = 0; j < n; j++) {
        const yj = y[j]!;
        x[base + j] = yj;
        if (shareO !== 0) groupEnd[gnO + j]! += yj * shareO;
        groupEnd[gnY + j]! += yj * shareY;
      }
    } else if (groupEnd) {
      const gnO = ((u * A + bandOld[k]!) * D + dSettled) * n;
      for (let j = 0; j < n; j++) {
        const yj = y[j]!;
        x[base + j] = yj;
        groupEnd[gnO + j]! += yj * shareO;
      }
    } else for (let j = 0; j < n; j++) x[base + j] = y[j]!;
  }
}

/** The blocks of one pool of duration band `d` of an entry cohort, moved as `moveSettled` moves settled vectors. */
function moveBlocks(
  pool: Pool,
  d: number,
  n: number,
  D: number,
  E: SparseRows,
  groupSum: Float64Array,
  groupUsed: Uint8Array,
  groupEnd: Float64Array | null,
  y: Float64Array,
): void {
  const { x, list } = pool;
  const { rowStart, column, value } = E;
  for (let b = 0; b < pool.count; b++) {
    const block = list[b]!;
    const base = block * n;
    const g = BLOCK_UA[block]! * D + d;
    const gn = g * n;
    let any = false;
    zero(y);
    for (let i = 0; i < n; i++) {
      const vi = x[base + i]!;
      if (vi === 0) continue;
      any = true;
      groupSum[gn + i]! += vi;
      const qEnd = rowStart[gn + i + 1]!;
      for (let q = rowStart[gn + i]!; q < qEnd; q++) y[column[q]!]! += vi * value[q]!;
    }
    if (!any) continue;
    groupUsed[g] = 1;
    if (groupEnd) {
      for (let j = 0; j < n; j++) {
        const yj = y[j]!;
        x[base + j] = yj;
        groupEnd[gn + j]! += yj;
      }
    } else for (let j = 0; j < n; j++) x[base + j] = y[j]!;
  }
}

/**
 * Children of band d of an entry cohort reaching band d + 1 (`crossBounds`): settled there (by birth
 * cohort, births spread over each block's ages), or moved to the pool of band d + 1. A class rather
 * than a closure of the projection, so that `crossBounds`'s optimised code meets one call target
 * from call to call (a new closure per call threw that code away on the second call).
 */
class DurationAdvance {
  private readonly settleMass: Float64Array;
  private readonly K: number;

  constructor(
    private readonly settledX: Float64Array,
    private readonly settledUsed: Uint8Array,
    private readonly grid: CohortGrid,
    private readonly n: number,
    private readonly store: PoolStore,
    /** Per (uasc, age band): the duration band from which its children are settled. */
    private readonly settledFrom: Int32Array,
    /** The earliest entrants' share of a crossing (`tiltDays` > 0). */
    private readonly tilt: EntryTilt,
  ) {
    this.settleMass = new Float64Array(n);
    this.byCategory = new Float64Array(n);
    this.K = grid.count;
  }

  private readonly byCategory: Float64Array;
  /**
   * The day `settleBlock` settles on, set by its caller (session 20): a number passed to a call V8
   * does not inline is boxed in a heap number of its own, about 75 kB a projection of Anytown.
   */
  private readonly settleDay = new Float64Array(1);

  advance(cohort: EntryCohort, d: number, fraction: number, day: number, tiltDays: number): void {
    const from = cohort.pools[d]!;
    const next = d + 1;
    // The share of each category that moves: the fraction itself unless tilted (one path for both, so
    // the optimised code of the moves does not meet the other on its first tilted crossing).
    const { byCategory } = this;
    const tilted = tiltDays > 0;
    if (!tilted) for (let j = 0; j < byCategory.length; j++) byCategory[j] = fraction;
    for (let b = 0; b < from.count; b++) {
      const block = from.list[b]!;
      if (tilted) this.tilt.fractions(from.x, block, d, fraction, tiltDays, byCategory);
      if (this.settledFrom[Math.floor(block / GROUPS)]! <= next) {
        this.settleDay[0] = day;
        this.settleBlock(from, block, cohort, byCategory);
      }
      else moveBlock(from, cohort.pools[next] ?? (cohort.pools[next] = this.store.create()), block, byCategory);
    }
    if (fraction >= 1) this.store.release(from);
  }

  /** Moves `byCategory[j]` of category j of a block of `from` to the settled children on `settleDay[0]`, births spread over its ages. */
  private settleBlock(from: Pool, block: number, cohort: EntryCohort, byCategory: Float64Array): void {
    const day = this.settleDay[0]!;
    const { x } = from;
    const { n, K, grid, settleMass, settledX, settledUsed } = this;
    const u = block >= POOL_BLOCKS / 2 ? 1 : 0;
    const base = block * n;
    let any = false;
    for (let j = 0; j < n; j++) {
      const m = x[base + j]! * byCategory[j]!;
      settleMass[j] = m;
      x[base + j]! -= m;
      if (m !== 0) any = true;
    }
    if (!any) return;
    const hi = cohort.hi[block]!;
    const lo = Math.min(hi, cohort.lo[block]!);
    // Births uniform over (day − hi, day − lo] (grid.spread inlined: this is a hot path).
    const b0 = day - hi;
    const b1 = day - lo;
    const k0 = grid.cohortOf(b0);
    const k1 = b1 > b0 ? grid.cohortOf(Math.max(b0, b1 - 1e-9)) : k0;
    for (let k = k0; k <= k1; k++) settledUsed[u * K + k] = 1;
    for (let k = k0; k <= k1; k++) {
      const share = b1 > b0 ? Math.max(0, Math.min(b1, grid.birthStart(k + 1)) - Math.max(b0, grid.birthStart(k))) / (b1 - b0) : 1;
      if (!(share > 0)) continue;
      const base = (u * K + k) * n;
      for (let j = 0; j < n; j++) settledX[base + j]! += settleMass[j]! * share;
    }
  }
}

/**
 * Per (group g, active category j), at g n + j of `out`: the rate per day at which a waiting child
 * leaves the list, its cell's total hazard in `table` (and at 18 from 16-17). A module function: a loop
 * in the projection's own body would have V8 compile that body on the stack (OSR) against one call's
 * closures and throw the code away in the next call.
 */
function waitingLeaveRates(out: Float64Array, table: HazardTable, active: Int32Array, D: number, tableBands: number): void {
  const n = active.length;
  const groups = out.length / n;
  for (let g = 0; g < groups; g++) {
    const a = Math.floor(g / D) % A;
    for (let j = 0; j < n; j++) {
      const cell = ((Math.floor(g / (D * A)) * C + active[j]!) * A + a) * tableBands + (g % D);
      out[g * n + j] = table.total[cell]! + (a === A - 1 ? LAST_BAND_LEAVE_PER_DAY : 0);
    }
  }
}

/**
 * Per (last-band group h = u D + d, active category j), at h n + j of `out`: the total hazard per day
 * of its cell in `table`, at which a child of the 16-17 band waiting leaves the list (besides at 18).
 */
function agedLeaveRates(out: Float64Array, table: HazardTable, active: Int32Array, D: number, tableBands: number): void {
  const n = active.length;
  for (let h = 0; h < out.length / n; h++) {
    for (let j = 0; j < n; j++) out[h * n + j] = table.total[((Math.floor(h / D) * C + active[j]!) * A + A - 1) * tableBands + (h % D)]!;
  }
}

/** Supply series by category (null rows: categories without capacity). */
interface SupplySeries {
  capacity: Float64Array[];
  occupied: Float64Array[];
  vacancies: Float64Array[];
  waiting: Float64Array[];
  outOfPreference: Float64Array[];
  households: Float64Array[];
  recruited: Float64Array[];
  deregistered: Float64Array[];
}

function newSupplySeries(n: number): SupplySeries {
  const list = (): Float64Array[] => Array.from({ length: C }, () => new Float64Array(n));
  return { capacity: list(), occupied: list(), vacancies: list(), waiting: list(), outOfPreference: list(), households: list(), recruited: list(), deregistered: list() };
}

/** Supply series keyed as the simulation writes them: capacity-limited categories (households: household categories), with totals where it has them. */
function supplySeriesRecord(s: SupplySeries, sup: ExpectedSupply, model: CompiledModel): Record<string, Float64Array> {
  const record: Record<string, Float64Array> = {};
  const n = model.dates.length;
  const put = (metric: Exclude<Metric, 'moves'>, list: Float64Array[], which: (c: number) => boolean, withTotal: boolean): void => {
    const total = new Float64Array(n);
    let any = false;
    for (let c = 0; c < C; c++) {
      if (!which(c)) continue;
      any = true;
      record[seriesKey(metric, PLACEMENT_CATEGORIES[c]!)] = list[c]!;
      for (let t = 0; t < n; t++) total[t]! += list[c]![t]!;
    }
    if (withTotal && (any || metric !== 'households')) record[seriesKey(metric, TOTAL)] = total;
  };
  const limited = (c: number): boolean => sup.limited[c] === 1;
  const households = (c: number): boolean => model.capacityKind[c] === 2;
  put('capacity', s.capacity, limited, false);
  put('occupied', s.occupied, limited, false);
  put('vacancies', s.vacancies, limited, true);
  if (model.capacityKind.some((k) => k === 2)) {
    put('households', s.households, households, true);
    put('households_recruited', s.recruited, households, true);
    put('households_deregistered', s.deregistered, households, true);
  }
  put('placed_out_of_preference', s.outOfPreference, limited, true);
  put('waiting', s.waiting, limited, true);
  return record;
}

/**
 * The largest total hazard h (per day) a child can have before settling, in any hazard table: an
 * entry cohort's arrivals of consecutive steps share one cohort while h × window ≤ ENTRY_WINDOW_EVENTS,
 * and the steps are as long as `stepDays` allows for h; a window is at least one step.
 */
function fastestUnsettledHazard(model: CompiledModel, D: number, settledFrom: Int32Array): number {
  const tb = model.durationBandCount;
  let h = 0;
  for (const table of model.hazardTables) {
    for (let u = 0; u < 2; u++) {
      for (let c = 0; c < C; c++) {
        for (let a = 0; a < A; a++) {
          for (let d = 0; d < Math.min(D - 1, settledFrom[u * A + a]!); d++) h = Math.max(h, table.total[((u * C + c) * A + a) * tb + d]!);
        }
      }
    }
  }
  return h;
}
/**
 * Largest expected number of events (moves and exits) of one child before settling over an entry
 * window, h × window: children entering up to that many days apart share one category distribution,
 * tilted by entry time to second order in h × window when they cross a bound (`EntryTilt`). 0.25
 * until session 17; 0.5 since (Anytown: 2.5 a year, 73 days, two month steps a cohort): the agreement
 * figures barely move (README, "Speed"), while 1 moved totals by −0.2% and the time-in-care case by
 * 0.41% (its bound is 0.1%).
 */
const ENTRY_WINDOW_EVENTS = 0.5;

/** True when the entry rates and hazards of days t0 and t1 are the same (epochs between them change costs only). */
function sameEntries(model: CompiledModel, t0: number, t1: number): boolean {
  const at = (t: number): CompiledModel['epochs'][number] => {
    let i = 0;
    while (i + 1 < model.epochs.length && model.epochs[i + 1]!.day <= t) i++;
    return model.epochs[i]!;
  };
  const a = at(t0);
  const b = at(t1);
  if (a === b) return true;
  if (a.hazard !== b.hazard || a.entryPerDay.length !== b.entryPerDay.length) return false;
  for (let i = 0; i < a.entryPerDay.length; i++) if (a.entryPerDay[i] !== b.entryPerDay[i]) return false;
  return true;
}

/** Options of `projectCompiledModel`. */
export interface ProjectionOptions {
  /** true: capacity, fallbacks and matching act (the supply-aware projection); default false: every child in its preferred category. */
  supply?: boolean;
}

/** Shares by category of a first placement with needs weighted `needWeights` (normalised), by the placement rule. */
function placedShares(sup: ExpectedSupply, needWeights: Float64Array, under16: boolean, out: Float64Array): Float64Array {
  out.fill(0);
  for (let need = 0; need < needWeights.length; need++) {
    const w = needWeights[need]!;
    if (!(w > 0)) continue;
    const shares = sup.route(need, -1, under16);
    for (let c = 0; c < C; c++) out[c]! += w * shares[c]!;
  }
  return out;
}

/**
 * Categories that can hold a child when capacity acts: those reachable without it, every outcome
 * of a move the placement rules can produce (`moveKeys`), the providers and fallbacks of first
 * placements, and the last resort.
 */
function supplyReachableCategories(model: CompiledModel, base: readonly number[]): number[] {
  const reach = new Uint8Array(C);
  for (const c of base) reach[c] = 1;
  for (const [from, to] of model.moveKeys) reach[from] = reach[to] = 1;
  reach[model.lastResort] = 1;
  // Each need placed first once, then its categories: itself and every epoch's fallbacks, or its providers.
  const needed: boolean[] = [];
  for (const byBand of model.firstNeed) {
    for (const weights of byBand) {
      for (let need = 0; need < weights.length; need++) if (weights[need]! > 0) needed[need] = true;
    }
  }
  for (let need = 0; need < needed.length; need++) {
    if (!needed[need]) continue;
    if (need < C) {
      reach[need] = 1;
      for (const e of model.epochs) for (const c of e.fallback[need]!) reach[c] = 1;
    } else for (const c of model.providers[need]!) reach[c] = 1;
  }
  const out: number[] = [];
  for (let c = 0; c < C; c++) if (reach[c]) out.push(c);
  return out;
}

/** Row-major n × n matrices, one after another, with only their non-zero entries (CSR over all rows). */
interface SparseRows {
  rowStart: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

/** The occupancy matrices without their zeros: about 40% of Anytown's entries are non-zero. */
function sparseRows(dense: Float64Array, n: number): SparseRows {
  const rows = dense.length / n;
  const rowStart = new Int32Array(rows + 1);
  let count = 0;
  for (let i = 0; i < dense.length; i++) if (dense[i] !== 0) count++;
  const column = new Int32Array(count);
  const value = new Float64Array(count);
  let q = 0;
  for (let r = 0; r < rows; r++) {
    rowStart[r] = q;
    for (let j = 0; j < n; j++) {
      const f = dense[r * n + j]!;
      if (f !== 0) {
        column[q] = j;
        value[q++] = f;
      }
    }
  }
  rowStart[rows] = q;
  return { rowStart, column, value };
}

/**
 * `weights` scaled to sum to 1 (negative weights as 0), as a Float64Array: one elements kind whatever the
 * values (an array of them held small integers or doubles by the weights, and the projection's reads
 * of them were compiled for both; session 21).
 */
function normalised(weights: readonly number[]): Float64Array {
  let sum = 0;
  for (const w of weights) sum += w > 0 ? w : 0;
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = sum > 0 && weights[i]! > 0 ? weights[i]! / sum : 0;
  return out;
}

/** The projection's series by category, age band, exit reason or move, over `n` output dates (a class: see `Run`). */
class ProjectedSeries {
  declare readonly inCare: Float64Array[];
  declare readonly inCareByAge: Float64Array[];
  declare readonly entries: Float64Array[];
  declare readonly entriesByAge: Float64Array[];
  declare readonly exits: Float64Array[];
  declare readonly exitsFrom: Float64Array[];
  declare readonly moves: Float64Array[];
  declare readonly cost: Float64Array[];
  declare readonly outOfArea: Float64Array;

  constructor(n: number) {
    const list = (length: number): Float64Array[] => Array.from({ length }, () => new Float64Array(n));
    this.inCare = list(C);
    this.inCareByAge = list(A);
    this.entries = list(C);
    this.entriesByAge = list(A);
    this.exits = list(EXITS);
    this.exitsFrom = list(C);
    this.moves = list(C * C);
    this.cost = list(C);
    this.outOfArea = new Float64Array(n);
  }
}

/** Series keys as the simulation writes them; a category appears when it is ever non-zero. */
function seriesRecord(out: ProjectedSeries, n: number): Record<string, Float64Array> {
  const record: Record<string, Float64Array> = {};
  const perCategory = (metric: Exclude<Metric, 'moves'>, list: Float64Array[]): void => {
    const ids = SERIES_CATEGORIES[metric];
    const total = new Float64Array(n);
    list.forEach((s, i) => {
      if (nonZero(s)) record[seriesKey(metric, ids[i]!)] = s;
      for (let t = 0; t < n; t++) total[t]! += s[t]!;
    });
    record[seriesKey(metric, TOTAL)] = total;
  };
  perCategory('in_care', out.inCare);
  perCategory('in_care_by_age', out.inCareByAge);
  perCategory('entries', out.entries);
  perCategory('entries_by_age', out.entriesByAge);
  perCategory('exits', out.exits);
  perCategory('exits_from', out.exitsFrom);
  out.moves.forEach((s, i) => {
    if (nonZero(s)) record[seriesKey('moves', moveCategory(Math.floor(i / C), i % C))] = s;
  });
  record[seriesKey('out_of_area', TOTAL)] = out.outOfArea;
  perCategory('cost', out.cost);
  return record;
}

/**
 * True when any value of `s` is not 0. A loop (session 20): `Float64Array#some` passes each value to
 * its callback as a heap number of its own, about 70 kB a projection of Anytown.
 */
function nonZero(s: Float64Array): boolean {
  for (let t = 0; t < s.length; t++) if (s[t] !== 0) return true;
  return false;
}
