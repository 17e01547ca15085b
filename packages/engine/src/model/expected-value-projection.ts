import type { ReplicationSeries } from '../montecarlo/assemble.js';
import { AGE_BAND_COUNT, CATEGORY_COUNT, EXIT_TARGET_OFFSET, ROUTE_COUNT, type CompiledModel } from './compiled-model.js';
import { BAND_START_DAYS, COHORT_DAYS, CohortGrid, LEAVING_AGE_DAYS, bandEndDays, bandOfAge } from './expected-value-cohorts.js';
import { entryCell } from './compile.js';
import { dailyProbabilities, hazardsDependOnDuration, reachableCategories, type DailyProbabilities } from './expected-value-tables.js';
import { EXIT_REASONS, PLACEMENT_CATEGORIES } from './ids.js';

// Module constants copied to locals: the hot loops below must not go through import bindings.
const C = CATEGORY_COUNT;
const A = AGE_BAND_COUNT;
const EXIT_TARGET = EXIT_TARGET_OFFSET;
const EXITS = EXIT_REASONS.length;
/** Days in care of the last duration band's spread for initial children, as the model draws them. */
const UNKNOWN_DURATION_SPAN_DAYS = 730;

/**
 * Expected numbers of a compiled model by a daily Markov cohort projection without capacity: every
 * child is in its preferred category. State: (uasc, duration band, birth cohort, category). Each day:
 * half the day's expected arrivals enter, every cohort takes one day of competing-risk transitions,
 * time in care progresses, children reaching 18 leave by the age-out split, then the other half
 * arrives (splitting arrivals makes the day step second-order accurate). Duration bands, when hazards
 * depend on them, progress exponentially: a child leaves band d for d + 1 at rate 1 / (band width) per
 * day, which keeps the mean time to reach each band but not its spread. Duration caps, capacity,
 * fallbacks and waiting are not modelled.
 */
export function projectCompiledModel(model: CompiledModel): ReplicationSeries {
  const S = model.startDay;
  const E = model.endDay;
  const D = hazardsDependOnDuration(model) ? model.durationBandCount : 1;
  // Hazard tables always have the model's duration bands; band 0 stands for all when D collapses to 1.
  const tableBands = model.durationBandCount;
  const grid = new CohortGrid(S, E);
  const K = grid.count;
  const W = COHORT_DAYS;
  const x = new Float64Array(2 * D * K * C);
  const at = (u: number, d: number, k: number): number => ((u * D + d) * K + k) * C;
  // 1 once a (uasc, duration band, cohort) block has held anyone: the day loops skip the others.
  const used = new Uint8Array(2 * D * K);
  const active = Int32Array.from(reachableCategories(model));
  const nActive = active.length;
  const put = (u: number, d: number, k: number, c: number, mass: number): void => {
    x[at(u, d, k) + c]! += mass;
    used[(u * D + d) * K + k] = 1;
  };
  const bounds = [0, ...model.durationBoundsDays];
  const durationOf = (days: number): number => {
    let d = 0;
    while (d + 1 < D && days >= bounds[d + 1]!) d++;
    return d;
  };

  // Initial population.
  for (const cell of model.initialCells) {
    const u = cell.uasc ? 1 : 0;
    const lo = BAND_START_DAYS[cell.ageBand]!;
    const hi = bandEndDays(cell.ageBand);
    grid.spread(S - hi, S - lo, cell.count, (k, share) => {
      if (D === 1) put(u, 0, k, cell.category, share);
      else if (cell.durationBand >= 0) put(u, Math.min(cell.durationBand, D - 1), k, cell.category, share);
      else {
        const age = Math.min(hi, Math.max(lo, S - (grid.birthStart(k) + W / 2)));
        const span = Math.min(age, UNKNOWN_DURATION_SPAN_DAYS);
        for (let d = 0; d < D; d++) {
          const a = bounds[d]!;
          const b = d + 1 < D ? bounds[d + 1]! : Infinity;
          const overlap = span > 0 ? Math.max(0, Math.min(b, span) - a) / span : d === 0 ? 1 : 0;
          if (overlap > 0) put(u, d, k, cell.category, share * overlap);
        }
      }
    });
  }
  for (const child of model.initialChildren) {
    const u = child.uasc ? 1 : 0;
    put(u, durationOf(child.daysInCare), grid.cohortOf(S - child.ageDays), child.category, 1);
  }

  const stock = new Float64Array(C);
  for (let i = 0; i < x.length; i++) if (x[i]! !== 0) stock[i % C]! += x[i]!;

  const n = model.dates.length;
  const out = {
    inCare: Array.from({ length: C }, () => new Float64Array(n)),
    entries: Array.from({ length: C }, () => new Float64Array(n)),
    exits: Array.from({ length: EXITS }, () => new Float64Array(n)),
    exitsFrom: Array.from({ length: C }, () => new Float64Array(n)),
    moves: Array.from({ length: C * C }, () => new Float64Array(n)),
    cost: Array.from({ length: C }, () => new Float64Array(n)),
    outOfArea: new Float64Array(n),
  };
  const recordStock = (i: number): void => {
    let ooa = 0;
    for (let c = 0; c < C; c++) {
      out.inCare[c]![i] = stock[c]!;
      ooa += stock[c]! * (model.outOfAreaProbability[c] ?? 0);
    }
    out.outOfArea[i] = ooa;
  };
  recordStock(0);

  // Flows of the current month, and the day's change of each category's stock.
  const entries = new Float64Array(C);
  const exits = new Float64Array(EXITS);
  const exitsFrom = new Float64Array(C);
  const moves = new Float64Array(C * C);
  const cost = new Float64Array(C);
  const dayDelta = new Float64Array(C);
  const y = new Float64Array(C);

  const ageOutWeights = normalised(model.ageOutWeights);
  const firstPlacement = model.firstPlacement.map((byBand) => byBand.map(normalised));
  const progression = bounds.slice(0, D - 1).map((lo, d) => -Math.expm1(-1 / (bounds[d + 1]! - lo)));
  const probabilityCache = new Map<number, DailyProbabilities>();
  const entryShares = new Float64Array(K);
  const bandOld = new Int8Array(K);
  const bandYoung = new Int8Array(K);
  const shareOld = new Float64Array(K);
  const blockPerDay = Float64Array.from(model.initialBlockPerDay.map((v) => v ?? 0));
  let nextCapacityEvent = 0;
  const capacityEvents = [...model.capacityEvents].sort((a, b) => a.day - b.day);

  let epochIndex = 0;
  let snapshot = 1;
  for (let t = S; t <= E; t++) {
    while (epochIndex + 1 < model.epochs.length && model.epochs[epochIndex + 1]!.day <= t) epochIndex++;
    const epoch = model.epochs[epochIndex]!;
    while (nextCapacityEvent < capacityEvents.length && capacityEvents[nextCapacityEvent]!.day <= t) {
      const ev = capacityEvents[nextCapacityEvent++]!;
      blockPerDay[ev.category]! += ev.blockPerDay;
    }
    let probs = probabilityCache.get(epoch.hazard);
    if (!probs) {
      probs = dailyProbabilities(model.hazardTables[epoch.hazard]!);
      probabilityCache.set(epoch.hazard, probs);
    }
    const stockAtStart = Float64Array.from(stock);

    // Arrivals: births of the day's entrants of band a spread over (t + 1/2 − band end, t + 1/2 − band start].
    const arrive = (half: number): void => {
      for (let u = 0; u < 2; u++) {
        for (let a = 0; a < A; a++) {
          let perDay = 0;
          for (let r = 0; r < ROUTE_COUNT; r++) perDay += epoch.entryPerDay[entryCell(u, a, r)]!;
          const weights = firstPlacement[u]?.[a];
          if (!(perDay > 0) || !weights) continue;
          const mass = half * perDay;
          const lo = t + 0.5 - bandEndDays(a);
          const hi = t + 0.5 - BAND_START_DAYS[a]!;
          const k0 = grid.cohortOf(lo);
          const k1 = grid.cohortOf(hi);
          entryShares.fill(0, k0, k1 + 1);
          grid.spread(lo, hi, 1, (k, share) => {
            entryShares[k] = share;
          });
          for (let c = 0; c < C; c++) {
            const w = weights[c]!;
            if (!(w > 0)) continue;
            const m = mass * w;
            entries[c]! += m;
            dayDelta[c]! += m;
            for (let k = k0; k <= k1; k++) if (entryShares[k]! > 0) put(u, 0, k, c, m * entryShares[k]!);
          }
        }
      }
    };
    arrive(0.5);

    // One day of competing hazards for every cohort alive.
    const kLo = Math.max(0, Math.floor((t - LEAVING_AGE_DAYS - grid.origin) / W));
    const kHi = Math.min(K - 1, Math.floor((t + 1 - grid.origin) / W));
    for (let k = kLo; k <= kHi; k++) {
      const oldest = t + 0.5 - grid.birthStart(k);
      const youngest = Math.max(0, oldest - W);
      const aOld = bandOfAge(Math.max(0, oldest));
      const aYoung = bandOfAge(youngest);
      bandOld[k] = aOld;
      bandYoung[k] = aYoung;
      // Share of the cohort past the boundary between its youngest and oldest members' bands.
      shareOld[k] = aOld === aYoung ? 1 : Math.min(1, (oldest - BAND_START_DAYS[aOld]!) / W);
    }
    const { stay, start, target, probability } = probs;
    for (let u = 0; u < 2; u++) {
      for (let d = 0; d < D; d++) {
        const block = at(u, d, 0);
        // Hazard cell of (u, c, a, d) is ((u C + c) A + a) TB + d, as compile.ts lays tables out.
        const cellBase = u * C * A * tableBands + d;
        const usedBase = (u * D + d) * K;
        for (let k = kLo; k <= kHi; k++) {
          if (used[usedBase + k] === 0) continue;
          const base = block + k * C;
          let any = false;
          for (let i = 0; i < nActive; i++) {
            const c = active[i]!;
            const m = x[base + c]!;
            if (m === 0) continue;
            any = true;
            const f = shareOld[k]!;
            for (let part = 0; part < 2; part++) {
              const mass = part === 0 ? m * f : m * (1 - f);
              if (mass === 0) continue;
              const cell = cellBase + (c * A + (part === 0 ? bandOld[k]! : bandYoung[k]!)) * tableBands;
              y[c]! += mass * stay[cell]!;
              const jEnd = start[cell + 1]!;
              for (let j = start[cell]!; j < jEnd; j++) {
                const flow = mass * probability[j]!;
                const to = target[j]!;
                dayDelta[c]! -= flow;
                if (to < EXIT_TARGET) {
                  y[to]! += flow;
                  moves[c * C + to]! += flow;
                  dayDelta[to]! += flow;
                } else {
                  exits[to - EXIT_TARGET]! += flow;
                  exitsFrom[c]! += flow;
                }
              }
            }
          }
          if (!any) continue;
          for (let i = 0; i < nActive; i++) {
            const c = active[i]!;
            x[base + c] = y[c]!;
            y[c] = 0;
          }
        }
      }
    }

    // Time in care: downwards, so nobody skips a band in one day.
    if (D > 1) {
      for (let u = 0; u < 2; u++) {
        for (let k = kLo; k <= kHi; k++) {
          for (let d = D - 2; d >= 0; d--) {
            if (used[(u * D + d) * K + k] === 0) continue;
            used[(u * D + d + 1) * K + k] = 1;
            const q = progression[d]!;
            const from = at(u, d, k);
            const to = at(u, d + 1, k);
            for (let i = 0; i < nActive; i++) {
              const c = active[i]!;
              const moved = x[from + c]! * q;
              x[from + c]! -= moved;
              x[to + c]! += moved;
            }
          }
        }
      }
    }

    // Leaving care at 18: births in [t − 18y, t + 1 − 18y) have their birthday today.
    for (let k = kLo; k <= Math.min(K - 1, kLo + 2); k++) {
      const end = grid.birthStart(k) + W;
      const before = Math.min(1, Math.max(0, (end - (t - LEAVING_AGE_DAYS)) / W));
      const after = Math.min(1, Math.max(0, (end - (t + 1 - LEAVING_AGE_DAYS)) / W));
      if (!(before > 0) || after >= before) continue;
      const leaving = 1 - after / before;
      for (let u = 0; u < 2; u++) {
        for (let d = 0; d < D; d++) {
          const base = at(u, d, k);
          for (let c = 0; c < C; c++) {
            const m = x[base + c]! * leaving;
            if (m === 0) continue;
            x[base + c]! -= m;
            exitsFrom[c]! += m;
            dayDelta[c]! -= m;
            for (let r = 0; r < EXITS; r++) exits[r]! += m * ageOutWeights[r]!;
          }
        }
      }
    }

    arrive(0.5);

    for (let c = 0; c < C; c++) {
      stock[c]! += dayDelta[c]!;
      dayDelta[c] = 0;
      const occupancyDays = (stockAtStart[c]! + stock[c]!) / 2;
      cost[c]! += occupancyDays * epoch.costPerDay[c]! + blockPerDay[c]! * epoch.inflation[c]!;
    }

    if (snapshot < n && t === model.snapshotDays[snapshot - 1]) {
      recordStock(snapshot);
      for (let c = 0; c < C; c++) {
        out.entries[c]![snapshot] = entries[c]!;
        out.exitsFrom[c]![snapshot] = exitsFrom[c]!;
        out.cost[c]![snapshot] = cost[c]!;
        for (let c2 = 0; c2 < C; c2++) out.moves[c * C + c2]![snapshot] = moves[c * C + c2]!;
      }
      for (let r = 0; r < EXITS; r++) out.exits[r]![snapshot] = exits[r]!;
      entries.fill(0);
      exits.fill(0);
      exitsFrom.fill(0);
      moves.fill(0);
      cost.fill(0);
      snapshot++;
    }
  }

  return { dates: [...model.dates], series: seriesOf(out, n), eventsFired: 0 };
}

function normalised(weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w > 0 ? w : 0;
  return weights.map((w) => (sum > 0 && w > 0 ? w / sum : 0));
}

const anyNonZero = (s: Float64Array): boolean => s.some((v) => v !== 0);

function sumOf(list: Float64Array[], n: number): Float64Array {
  const total = new Float64Array(n);
  for (const s of list) for (let i = 0; i < n; i++) total[i]! += s[i]!;
  return total;
}

/** Series keys as the simulation writes them; a category appears when it is ever non-zero. */
function seriesOf(
  out: {
    inCare: Float64Array[];
    entries: Float64Array[];
    exits: Float64Array[];
    exitsFrom: Float64Array[];
    moves: Float64Array[];
    cost: Float64Array[];
    outOfArea: Float64Array;
  },
  n: number,
): Record<string, Float64Array> {
  const series: Record<string, Float64Array> = {};
  const perCategory = (metric: string, list: Float64Array[], ids: readonly string[]): void => {
    list.forEach((s, i) => {
      if (anyNonZero(s)) series[`${metric}|${ids[i]}`] = s;
    });
    series[`${metric}|total`] = sumOf(list, n);
  };
  perCategory('in_care', out.inCare, PLACEMENT_CATEGORIES);
  perCategory('entries', out.entries, PLACEMENT_CATEGORIES);
  perCategory('exits', out.exits, EXIT_REASONS);
  perCategory('exits_from', out.exitsFrom, PLACEMENT_CATEGORIES);
  out.moves.forEach((s, i) => {
    if (anyNonZero(s)) series[`moves|${PLACEMENT_CATEGORIES[Math.floor(i / C)]}->${PLACEMENT_CATEGORIES[i % C]}`] = s;
  });
  series['out_of_area|total'] = out.outOfArea;
  perCategory('cost', out.cost, PLACEMENT_CATEGORIES);
  return series;
}
