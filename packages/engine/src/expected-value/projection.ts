import { CareLeaverProjection } from './care-leavers.js';
import type { ReplicationSeries } from '../montecarlo/assemble.js';
import type { CompiledModel } from '../model/compiled-model.js';
import { AGE_BAND_COUNT } from '../model/domain/age-bands.js';
import { CATEGORY_COUNT, EXIT_TARGET_OFFSET, ROUTE_COUNT, entryCell } from '../model/domain/cells.js';
import { accruedCostGbp } from '../model/domain/costs.js';
import { expectedLeverCosts } from '../model/domain/expected-lever-costs.js';
import { EXIT_REASONS } from '../model/domain/ids.js';
import { INITIAL_TIME_IN_CARE_SPREAD_DAYS, unknownTimeInCareSpanDays } from '../model/domain/initial-time-in-care.js';
import { SERIES_CATEGORIES, TOTAL, moveCategory, seriesKey } from '../model/domain/series-keys.js';
import type { Metric } from '../results/types.js';
import { BAND_START_DAYS, COHORT_DAYS, CohortGrid, ENTRY_COHORT_BIRTH_FACTOR, LEAVING_AGE_DAYS, bandEndDays } from './cohorts.js';
import { occupancyMatrices } from './occupancy.js';
import { PoolStore, crossBounds, movePool, type EntryCohort, type Pool } from './entry-cohorts.js';
import { MAX_STEP_DAYS, projectionSteps } from './steps.js';
import { hazardsDependOnDuration } from './tables.js';
import { expectedTargets, reachableCategories } from '../model/compile/reachability.js';

// Module constants copied to locals: the hot loops below must not go through import bindings.
const C = CATEGORY_COUNT;
const A = AGE_BAND_COUNT;
const EXIT_TARGET = EXIT_TARGET_OFFSET;
const EXITS = EXIT_REASONS.length;

/**
 * Expected numbers of a compiled model by a Markov cohort projection without capacity: every child is
 * in its preferred category. State: pools over (uasc, birth cohort, category), one settled pool for
 * children past the last duration bound and, when hazards depend on time in care, one pool per
 * duration band of each entry cohort (`entry-cohorts.ts`), so a child crosses a duration bound exactly
 * that many days after entering care, as in the simulation. Time advances in steps of at most half a
 * month that end on every month end and rate change. In a step, the expected days each cohort spends
 * in each category come from the exact occupancy matrix ∫ exp(Q s) ds of its band's competing hazards,
 * and every move and exit is that occupancy times its hazard, so flows, stocks and occupancy-days
 * (costs) agree exactly. Half of a step's expected arrivals enter before it and half after, and the
 * duration crossings of the step's first half are made before it and those of its second half after
 * (both second-order accurate for events spread over the step); children whose 18th birthday falls in
 * the step leave by the age-out split at its end. Duration caps, capacity, fallbacks and waiting are
 * not modelled.
 */
export function projectCompiledModel(model: CompiledModel): ReplicationSeries {
  const S = model.startDay;
  const D = hazardsDependOnDuration(model) ? model.durationBandCount : 1;
  // Hazard tables always have the model's duration bands; band 0 stands for all when D collapses to 1.
  const tableBands = model.durationBandCount;
  // Settled children on the fine birth grid; entry cohorts (short-lived, many) on a coarse one.
  const grids = [new CohortGrid(S, model.endDay), new CohortGrid(S, model.endDay, COHORT_DAYS * ENTRY_COHORT_BIRTH_FACTOR)];
  const grid = grids[0]!;
  const coarse = grids[1]!;
  const K = grid.count;
  const W = COHORT_DAYS;
  const settled = new PoolStore(2 * K, C, 0).create(D - 1);
  const store = new PoolStore(2 * coarse.count, C, 1);
  let cohorts: EntryCohort[] = [];
  const put = (pool: Pool, u: number, k: number, c: number, mass: number): void => {
    const block = u * grids[pool.grid]!.count + k;
    pool.x[block * C + c]! += mass;
    pool.used[block] = 1;
  };
  /**
   * Moves `fraction` of `from` to `to` on `day`; from a coarse pool to a fine one, births spread
   * uniformly over the coarse cohort's births still under 18.
   */
  const move = (from: Pool, to: Pool, fraction: number, day: number): void => {
    if (from.grid === to.grid) {
      movePool(from, to, fraction);
      return;
    }
    const gFrom = grids[from.grid]!;
    const gTo = grids[to.grid]!;
    for (let u = 0; u < 2; u++) {
      for (let k = 0; k < gFrom.count; k++) {
        const block = u * gFrom.count + k;
        if (from.used[block] === 0) continue;
        const base = block * C;
        const b1 = gFrom.birthStart(k) + gFrom.width;
        gTo.spread(Math.min(b1, Math.max(b1 - gFrom.width, day - LEAVING_AGE_DAYS)), b1, 1, (kTo, share) => {
          for (let c = 0; c < C; c++) {
            const m = from.x[base + c]! * fraction * share;
            if (m !== 0) put(to, u, kTo, c, m);
          }
        });
        for (let c = 0; c < C; c++) from.x[base + c]! -= from.x[base + c]! * fraction;
      }
    }
  };
  const active = Int32Array.from(reachableCategories(model));
  const n = active.length;
  const bounds = [0, ...model.durationBoundsDays.slice(0, D - 1)];
  const lastBound = bounds[D - 1]!;
  const stock = new Float64Array(C);

  // Initial population. Children with time in care before the last bound go to entry cohorts whose
  // windows end on S minus every bound and are at most MAX_STEP_DAYS wide (as the entry cohorts of steps).
  const initialCohorts: EntryCohort[] = [];
  if (D > 1) {
    const edges = new Set<number>([S - lastBound, S]);
    for (const b of bounds) edges.add(S - b);
    const sorted = [...edges].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const pieces = Math.ceil((sorted[i + 1]! - sorted[i]!) / MAX_STEP_DAYS);
      for (let p = 0; p < pieces; p++) {
        const e0 = sorted[i]! + ((sorted[i + 1]! - sorted[i]!) * p) / pieces;
        const e1 = sorted[i]! + ((sorted[i + 1]! - sorted[i]!) * (p + 1)) / pieces;
        initialCohorts.push({ e0, e1, pools: new Array<Pool | null>(D - 1).fill(null) });
      }
    }
  }
  /**
   * Children of fine birth cohort k entered care uniformly over days [lo, hi): the settled pool or the
   * initial entry cohorts (their births spread over the coarse grid).
   */
  const placeInitial = (u: number, k: number, c: number, mass: number, lo: number, hi: number): void => {
    stock[c]! += mass;
    // Entered on the start day itself: in the last window (entries are in [e0, e1)).
    if (hi <= lo && lo >= S) hi = lo = S - 1e-9;
    if (D === 1 || hi <= S - lastBound) {
      put(settled, u, k, c, mass);
      return;
    }
    const width = hi - lo;
    if (lo < S - lastBound) put(settled, u, k, c, (mass * (S - lastBound - lo)) / width);
    for (const cohort of initialCohorts) {
      const overlap = width > 0 ? Math.min(hi, cohort.e1) - Math.max(lo, cohort.e0) : lo >= cohort.e0 && lo < cohort.e1 ? 1 : 0;
      if (!(overlap > 0)) continue;
      const d = durationBand(S - (cohort.e0 + cohort.e1) / 2);
      let pool = cohort.pools[d];
      if (!pool) pool = cohort.pools[d] = store.create(d);
      const b0 = grid.birthStart(k);
      coarse.spread(b0, b0 + W, width > 0 ? (mass * overlap) / width : mass, (kc, share) => put(pool, u, kc, c, share));
    }
  };
  const durationBand = (days: number): number => {
    let d = 0;
    while (d + 1 < D && days >= bounds[d + 1]!) d++;
    return d;
  };
  for (const cell of model.initialCells) {
    const u = cell.uasc ? 1 : 0;
    const lo = BAND_START_DAYS[cell.ageBand]!;
    const hi = bandEndDays(cell.ageBand);
    grid.spread(S - hi, S - lo, cell.count, (k, share) => {
      const age = Math.min(hi, Math.max(lo, S - (grid.birthStart(k) + W / 2)));
      if (D === 1) placeInitial(u, k, cell.category, share, S, S);
      else if (cell.durationBand < 0) {
        const span = unknownTimeInCareSpanDays(age);
        placeInitial(u, k, cell.category, share, S - span, S);
      } else {
        // Uniform in the band (the last spans 730 days), never more than the child's age.
        const a = cell.durationBand === 0 ? 0 : model.durationBoundsDays[cell.durationBand - 1]!;
        const b = cell.durationBand < model.durationBoundsDays.length ? model.durationBoundsDays[cell.durationBand]! : a + INITIAL_TIME_IN_CARE_SPREAD_DAYS;
        if (age >= b) placeInitial(u, k, cell.category, share, S - b, S - a);
        else if (age <= a) placeInitial(u, k, cell.category, share, S - age, S - age);
        else {
          placeInitial(u, k, cell.category, (share * (age - a)) / (b - a), S - age, S - a);
          placeInitial(u, k, cell.category, (share * (b - age)) / (b - a), S - age, S - age);
        }
      }
    });
  }
  for (const child of model.initialChildren) {
    const e = S - child.daysInCare;
    placeInitial(child.uasc ? 1 : 0, grid.cohortOf(S - child.ageDays), child.category, 1, e, e);
  }
  for (const cohort of initialCohorts) if (cohort.pools.some((p) => p)) cohorts.push(cohort);
  const pools = (): Pool[] => {
    const list = [settled];
    for (const cohort of cohorts) for (const pool of cohort.pools) if (pool) list.push(pool);
    return list;
  };

  const dates = model.dates.length;
  const series = newSeries(dates);
  // Children by age band at time `t`: each cohort's births are uniform over its W days, so its share
  // in a band is the overlap of its ages (t − birthStart − W, t − birthStart] with the band's ages.
  const massOfCohort = grids.map((g) => new Float64Array(g.count));
  const recordByAge = (i: number, t: number): void => {
    for (const m of massOfCohort) m.fill(0);
    for (const { x, used, grid: gi } of pools()) {
      const Kg = grids[gi]!.count;
      const mass = massOfCohort[gi]!;
      for (let u = 0; u < 2; u++) {
        for (let k = 0; k < Kg; k++) {
          if (used[u * Kg + k] === 0) continue;
          const base = (u * Kg + k) * C;
          for (let c = 0; c < C; c++) mass[k]! += x[base + c]!;
        }
      }
    }
    grids.forEach((g, gi) => {
      for (let k = 0; k < g.count; k++) {
        const mass = massOfCohort[gi]![k]!;
        if (mass === 0) continue;
        const oldest = t - g.birthStart(k);
        const youngest = oldest - g.width;
        for (let a = 0; a < A; a++) {
          const lo = a === 0 ? -Infinity : BAND_START_DAYS[a]!;
          const hi = a + 1 < A ? BAND_START_DAYS[a + 1]! : Infinity;
          const overlap = Math.min(hi, oldest) - Math.max(lo, youngest);
          if (overlap > 0) series.inCareByAge[a]![i]! += (mass * overlap) / g.width;
        }
      }
    });
  };
  const recordStock = (i: number, t: number): void => {
    let ooa = 0;
    for (let c = 0; c < C; c++) {
      series.inCare[c]![i] = stock[c]!;
      ooa += stock[c]! * (model.outOfAreaProbability[c] ?? 0);
    }
    series.outOfArea[i] = ooa;
    recordByAge(i, t);
  };
  recordStock(0, S);

  // Flows of the current month.
  const entries = new Float64Array(C);
  const entriesByAge = new Float64Array(A);
  const exits = new Float64Array(EXITS);
  const exitsFrom = new Float64Array(C);
  const moves = new Float64Array(C * C);
  const cost = new Float64Array(C);
  const occupancy = new Float64Array(C);
  const v = new Float64Array(n);
  const o = new Float64Array(n);

  const ageOutWeights = normalised(model.ageOutWeights);
  const firstPlacement = model.firstPlacement.map((byBand) => byBand.map(normalised));
  const matrixCache = new Map<string, SparseRows>();
  const entryShares = new Float64Array(K);
  const blockPerDay = Float64Array.from(model.initialBlockPerDay.map((b) => b ?? 0));
  const blockBeds = Float64Array.from(model.initialBlockBeds);
  // A move to a type of care goes to its first provider.
  const targetOf = expectedTargets(model);
  const capacityEvents = [...model.capacityEvents].sort((a, b) => a.day - b.day);
  let nextCapacityEvent = 0;
  let epochIndex = 0;
  let snapshot = 1;
  const leavers = model.careLeavers ? new CareLeaverProjection(model, model.careLeavers) : null;

  for (const { t0, t1, snapshotAfter } of projectionSteps(model)) {
    const dt = t1 - t0;
    const tm = (t0 + t1) / 2;
    while (epochIndex + 1 < model.epochs.length && model.epochs[epochIndex + 1]!.day <= t0) epochIndex++;
    const epoch = model.epochs[epochIndex]!;
    while (nextCapacityEvent < capacityEvents.length && capacityEvents[nextCapacityEvent]!.day <= t0) {
      const ev = capacityEvents[nextCapacityEvent++]!;
      blockPerDay[ev.category]! += ev.blockPerDay;
      blockBeds[ev.category]! += ev.blockBeds;
    }
    const table = model.hazardTables[epoch.hazard]!;
    const key = `${epoch.hazard}|${dt}`;
    let F = matrixCache.get(key);
    if (!F) {
      F = sparseRows(occupancyMatrices(table, active, D, tableBands, dt, targetOf), n);
      matrixCache.set(key, F);
    }
    const { rowStart, column, value } = F;

    // Arrivals of the step enter care uniformly over [t0, t1): one entry cohort (or the settled pool
    // when hazards do not depend on time in care). Births of entrants of band a spread over
    // (tm − band end, tm − band start].
    const arrivals: EntryCohort | null = D > 1 ? { e0: t0, e1: t1, pools: new Array<Pool | null>(D - 1).fill(null) } : null;
    const arrive = (): void => {
      let pool = settled;
      const g = D > 1 ? coarse : grid;
      if (arrivals) {
        pool = arrivals.pools[0] ?? (arrivals.pools[0] = store.create(0));
        if (!cohorts.includes(arrivals)) cohorts.push(arrivals);
      }
      for (let u = 0; u < 2; u++) {
        for (let a = 0; a < A; a++) {
          let perDay = 0;
          for (let r = 0; r < ROUTE_COUNT; r++) perDay += epoch.entryPerDay[entryCell(u, a, r)]!;
          const weights = firstPlacement[u]?.[a];
          if (!(perDay > 0) || !weights) continue;
          const lo = tm - bandEndDays(a);
          const hi = tm - BAND_START_DAYS[a]!;
          const k0 = g.cohortOf(lo);
          const k1 = g.cohortOf(hi);
          entryShares.fill(0, k0, k1 + 1);
          g.spread(lo, hi, 1, (k, share) => {
            entryShares[k] = share;
          });
          for (let c = 0; c < C; c++) {
            const w = weights[c]!;
            if (!(w > 0)) continue;
            const m = 0.5 * dt * perDay * w;
            entries[c]! += m;
            entriesByAge[a]! += m;
            stock[c]! += m;
            for (let k = k0; k <= k1; k++) if (entryShares[k]! > 0) put(pool, u, k, c, m * entryShares[k]!);
          }
        }
      }
    };
    arrive();
    if (D > 1) cohorts = crossBounds(cohorts, bounds, settled, store, move, t0, tm);

    for (const g of grids) g.update(t0, t1);
    const { start, target, rate } = table;
    occupancy.fill(0);
    for (const { x, used, band: d, grid: gi } of pools()) {
      const { count: Kg, kLo, kHi, bandOld, bandYoung, shareOld } = grids[gi]!;
      for (let u = 0; u < 2; u++) {
        for (let k = kLo; k <= kHi; k++) {
          if (used[u * Kg + k] === 0) continue;
          const base = (u * Kg + k) * C;
          let any = false;
          for (let i = 0; i < n; i++) {
            v[i] = x[base + active[i]!]!;
            if (v[i] !== 0) any = true;
          }
          if (!any) continue;
          for (let part = 0; part < 2; part++) {
            const share = part === 0 ? shareOld[k]! : 1 - shareOld[k]!;
            if (share === 0) continue;
            const a = part === 0 ? bandOld[k]! : bandYoung[k]!;
            const g = ((u * A + a) * D + d) * n;
            o.fill(0);
            for (let i = 0; i < n; i++) {
              const vi = v[i]! * share;
              if (vi === 0) continue;
              const qEnd = rowStart[g + i + 1]!;
              for (let q = rowStart[g + i]!; q < qEnd; q++) o[column[q]!]! += vi * value[q]!;
            }
            for (let j = 0; j < n; j++) {
              const oj = o[j]!;
              if (oj === 0) continue;
              const c = active[j]!;
              occupancy[c]! += oj;
              const cell = ((u * C + c) * A + a) * tableBands + d;
              const jEnd = start[cell + 1]!;
              for (let q = start[cell]!; q < jEnd; q++) {
                const flow = oj * rate[q]!;
                const to = targetOf[target[q]!]!;
                x[base + c]! -= flow;
                stock[c]! -= flow;
                if (to < EXIT_TARGET) {
                  x[base + to]! += flow;
                  stock[to]! += flow;
                  moves[c * C + to]! += flow;
                } else {
                  exits[to - EXIT_TARGET]! += flow;
                  exitsFrom[c]! += flow;
                  if (leavers && a === A - 1) leavers.leftCare(to - EXIT_TARGET, flow, grids[gi]!.birthStart(k) + grids[gi]!.width / 2);
                }
              }
            }
          }
        }
      }
    }

    // Leaving care at 18: births in [t0 − 18y, t1 − 18y) have their birthday in this step.
    for (const { x, used, grid: gi } of pools()) {
      const g = grids[gi]!;
      const Wg = g.width;
      for (let k = g.kLo; k <= Math.min(g.count - 1, g.kLo + Math.ceil(dt / Wg) + 1); k++) {
        const end = g.birthStart(k) + Wg;
        const before = Math.min(1, Math.max(0, (end - (t0 - LEAVING_AGE_DAYS)) / Wg));
        const after = Math.min(1, Math.max(0, (end - (t1 - LEAVING_AGE_DAYS)) / Wg));
        if (!(before > 0) || after >= before) continue;
        const leaving = 1 - after / before;
        for (let u = 0; u < 2; u++) {
          if (used[u * g.count + k] === 0) continue;
          const base = (u * g.count + k) * C;
          for (let c = 0; c < C; c++) {
            const m = x[base + c]! * leaving;
            if (m === 0) continue;
            x[base + c]! -= m;
            stock[c]! -= m;
            exitsFrom[c]! += m;
            for (let r = 0; r < EXITS; r++) exits[r]! += m * ageOutWeights[r]!;
            leavers?.agedOut(c, m, tm);
          }
        }
      }
    }

    if (D > 1) cohorts = crossBounds(cohorts, bounds, settled, store, move, tm, t1);
    arrive();

    // Children in block beds pay the block cost only (expected occupancy-days less the block bed-days).
    for (let c = 0; c < C; c++) {
      cost[c]! += accruedCostGbp(Math.max(0, occupancy[c]! - dt * blockBeds[c]!), epoch.costPerDay[c]!, dt * blockPerDay[c]!, epoch.inflation[c]!);
    }

    leavers?.advance(t0, t1);
    if (snapshotAfter) {
      leavers?.record(snapshot, t1);
      recordStock(snapshot, t1);
      for (let a = 0; a < A; a++) series.entriesByAge[a]![snapshot] = entriesByAge[a]!;
      entriesByAge.fill(0);
      for (let c = 0; c < C; c++) {
        series.entries[c]![snapshot] = entries[c]!;
        series.exitsFrom[c]![snapshot] = exitsFrom[c]!;
        series.cost[c]![snapshot] = cost[c]!;
        for (let c2 = 0; c2 < C; c2++) series.moves[c * C + c2]![snapshot] = moves[c * C + c2]!;
      }
      for (let r = 0; r < EXITS; r++) series.exits[r]![snapshot] = exits[r]!;
      entries.fill(0);
      exits.fill(0);
      exitsFrom.fill(0);
      moves.fill(0);
      cost.fill(0);
      snapshot++;
    }
  }

  return { dates: [...model.dates], series: { ...seriesRecord(series, dates), ...expectedLeverCosts(model), ...leavers?.series }, eventsFired: 0 };
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

function normalised(weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w > 0 ? w : 0;
  return weights.map((w) => (sum > 0 && w > 0 ? w / sum : 0));
}

interface ProjectedSeries {
  inCare: Float64Array[];
  inCareByAge: Float64Array[];
  entries: Float64Array[];
  entriesByAge: Float64Array[];
  exits: Float64Array[];
  exitsFrom: Float64Array[];
  moves: Float64Array[];
  cost: Float64Array[];
  outOfArea: Float64Array;
}

function newSeries(n: number): ProjectedSeries {
  const list = (length: number): Float64Array[] => Array.from({ length }, () => new Float64Array(n));
  return {
    inCare: list(C),
    inCareByAge: list(A),
    entries: list(C),
    entriesByAge: list(A),
    exits: list(EXITS),
    exitsFrom: list(C),
    moves: list(C * C),
    cost: list(C),
    outOfArea: new Float64Array(n),
  };
}

/** Series keys as the simulation writes them; a category appears when it is ever non-zero. */
function seriesRecord(out: ProjectedSeries, n: number): Record<string, Float64Array> {
  const record: Record<string, Float64Array> = {};
  const nonZero = (s: Float64Array): boolean => s.some((v) => v !== 0);
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
