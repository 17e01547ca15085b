// Results fixtures with the shapes the engine writes (docs/contract.md): 10 placement categories, month ends
// over 5 years from 2025-04-01, every metric. Numbers are plausible for a mid-size authority, not simulated.
import {
  AGE_BANDS,
  dayToIso,
  EXIT_REASONS,
  isoToDay,
  monthEnds,
  PLACEMENT_CATEGORIES,
  type Metric,
  type Results,
  type SeriesRow,
} from '@carecast/engine';

const START = '2025-04-01';
const END = '2030-03-31';

const INITIAL: Record<string, number> = {
  kinship_foster: 75,
  inhouse_foster: 135,
  ifa_foster: 120,
  inhouse_residential: 12,
  external_residential: 40,
  supported: 45,
  secure: 1,
  placed_with_parents: 28,
  adoption_placement: 14,
  other: 10,
};
const DRIFT_PER_MONTH: Record<string, number> = {
  kinship_foster: 0.002,
  inhouse_foster: -0.001,
  ifa_foster: 0.004,
  inhouse_residential: 0,
  external_residential: 0.005,
  supported: 0.006,
  secure: 0,
  placed_with_parents: -0.002,
  adoption_placement: 0,
  other: 0.001,
};
const WEEKLY_COST_GBP: Record<string, number> = {
  kinship_foster: 300,
  inhouse_foster: 650,
  ifa_foster: 820,
  inhouse_residential: 4500,
  external_residential: 6100,
  supported: 1000,
  secure: 8000,
  placed_with_parents: 100,
  adoption_placement: 200,
  other: 2500,
};
const EXIT_SHARE: Record<string, number> = {
  reunification: 0.3,
  adoption: 0.12,
  special_guardianship: 0.13,
  child_arrangements: 0.04,
  independent_living: 0.16,
  staying_put: 0.08,
  adult_care: 0.02,
  transfer: 0.03,
  other: 0.12,
};
const AGE_SHARE = [0.16, 0.15, 0.15, 0.26, 0.28];
// Shares of children in care by age band, near England's (DfE, 31 March).
const AGE_STOCK_SHARE = [0.05, 0.14, 0.17, 0.38, 0.26];
const CAPACITY: Record<string, number> = { inhouse_foster: 140, inhouse_residential: 14, supported: 40 };

/** Options of a fixture run. */
export interface FixtureOptions {
  readonly name?: string;
  /** Multiplier on entries and on growth: below 1 is a lever that keeps children out of care. */
  readonly entryFactor?: number;
  /** Rows of `in_care_by_age` and `entries_by_age`. */
  readonly withAgeBands?: boolean;
  /** Age bands inside `entries` (categories `<1` … `16-17`), as results before `entries_by_age` had them. */
  readonly ageBandsInEntries?: boolean;
  readonly replications?: number;
  /** Leave out `capacity_gap`, as results written before the engine recorded it. */
  readonly withoutGap?: boolean;
  /** Rows of `lever_cost`: GBP per month for each lever label (and their `total`), as the engine writes once levers are priced. */
  readonly leverCostsPerMonth?: Readonly<Record<string, number>>;
}

// A row whose percentiles come from a normal approximation with standard deviation `sd`, floored at `floor` (0: counts).
function row(date: string, metric: Metric, category: string, mean: number, sd: number, n: number, floor = 0): SeriesRow {
  const q = (z: number) => Math.max(floor, mean + z * sd);
  const half = (2.0 * sd) / Math.sqrt(n);
  return {
    date,
    metric,
    category,
    mean,
    p05: q(-1.645),
    p25: q(-0.674),
    p50: q(0),
    p75: q(0.674),
    p95: q(1.645),
    ci95_low: mean - half,
    ci95_high: mean + half,
  };
}

/** A results document shaped as the engine writes it, with every metric of docs/contract.md. */
export function makeResults(options: FixtureOptions = {}): Results {
  const f = options.entryFactor ?? 1;
  const n = options.replications ?? 50;
  const ends = monthEnds(isoToDay(START), isoToDay(END)).map(dayToIso);
  const series: SeriesRow[] = [];
  const stockDates = [START, ...ends];
  const inCare = (c: string, t: number) => INITIAL[c]! * (1 + (DRIFT_PER_MONTH[c]! + 0.003 * (f - 1)) * t);
  stockDates.forEach((date, t) => {
    let total = 0;
    for (const c of PLACEMENT_CATEGORIES) {
      const m = inCare(c, t);
      total += m;
      series.push(row(date, 'in_care', c, m, 0.03 * m * Math.sqrt(t + 1), n));
    }
    series.push(row(date, 'in_care', 'total', total, 0.01 * total * Math.sqrt(t + 1), n));
    if (options.withAgeBands) {
      AGE_BANDS.forEach((b, k) => series.push(row(date, 'in_care_by_age', b, total * AGE_STOCK_SHARE[k]!, 0.03 * total * AGE_STOCK_SHARE[k]!, n)));
      series.push(row(date, 'in_care_by_age', 'total', total, 0.01 * total * Math.sqrt(t + 1), n));
    }
    let waitingTotal = 0;
    for (const [c, cap] of Object.entries(CAPACITY)) {
      const want = inCare(c, t) * 1.05;
      const occupied = Math.min(want, cap);
      const waiting = want - occupied;
      waitingTotal += waiting;
      series.push(row(date, 'capacity', c, cap, 0, n));
      series.push(row(date, 'occupied', c, occupied, 0.02 * occupied, n));
      series.push(row(date, 'waiting', c, waiting, 0.3 * waiting + 0.5, n));
      series.push(row(date, 'vacancies', c, cap - occupied, 0.2 * (cap - occupied) + 0.5, n));
      // Places minus demand in each run: signed, its spread that of occupied and waiting together.
      if (!options.withoutGap) series.push(row(date, 'capacity_gap', c, cap - want, Math.hypot(0.02 * occupied, 0.3 * waiting + 0.5), n, -Infinity));
    }
    series.push(row(date, 'waiting', 'total', waitingTotal, 0.3 * waitingTotal + 0.5, n));
    series.push(row(date, 'out_of_area', 'total', total * (0.38 + 0.0005 * t), 0.02 * total, n));
  });
  ends.forEach((date, i) => {
    const t = i + 1;
    const days = Number(date.slice(8, 10));
    const entries = 20 * f;
    series.push(row(date, 'entries', 'total', entries, 4, n));
    PLACEMENT_CATEGORIES.forEach((c) => series.push(row(date, 'entries', c, (entries * INITIAL[c]!) / 480, 1, n)));
    if (options.ageBandsInEntries) AGE_BANDS.forEach((b, k) => series.push(row(date, 'entries', b, entries * AGE_SHARE[k]!, 1, n)));
    if (options.withAgeBands) {
      AGE_BANDS.forEach((b, k) => series.push(row(date, 'entries_by_age', b, entries * AGE_SHARE[k]!, 1, n)));
      series.push(row(date, 'entries_by_age', 'total', entries, 4, n));
    }
    const exits = 19.5;
    series.push(row(date, 'exits', 'total', exits, 4, n));
    EXIT_REASONS.forEach((r) => series.push(row(date, 'exits', r, exits * EXIT_SHARE[r]!, 1, n)));
    series.push(row(date, 'exits_from', 'total', exits, 4, n));
    PLACEMENT_CATEGORIES.forEach((c) => series.push(row(date, 'exits_from', c, (exits * INITIAL[c]!) / 480, 1, n)));
    series.push(row(date, 'moves', 'ifa_foster->inhouse_foster', 0.8, 0.5, n));
    series.push(row(date, 'moves', 'external_residential->ifa_foster', 0.3, 0.3, n));
    let placedTotal = 0;
    for (const c of Object.keys(CAPACITY)) {
      const placed = Math.max(0, inCare(c, t) * 1.05 - CAPACITY[c]!) * 0.1 + 0.2;
      placedTotal += placed;
      series.push(row(date, 'placed_out_of_preference', c, placed, 0.5, n));
    }
    series.push(row(date, 'placed_out_of_preference', 'total', placedTotal, 1, n));
    let costTotal = 0;
    for (const c of PLACEMENT_CATEGORIES) {
      const cost = inCare(c, t) * WEEKLY_COST_GBP[c]! * (days / 7);
      costTotal += cost;
      series.push(row(date, 'cost', c, cost, 0.03 * cost, n));
    }
    series.push(row(date, 'cost', 'total', costTotal, 0.02 * costTotal, n));
    const levers = Object.entries(options.leverCostsPerMonth ?? {});
    for (const [label, perMonth] of levers) series.push(row(date, 'lever_cost' as Metric, label, perMonth, 0, n));
    if (levers.length > 0) series.push(row(date, 'lever_cost' as Metric, 'total', levers.reduce((a, [, x]) => a + x, 0), 0, n));
  });
  const name = options.name ?? 'Baseline';
  return {
    schemaVersion: 1,
    tool: { name: 'carecast', version: '0.1.0' },
    scenario: { name, source: `scenarios/${name.toLowerCase().replace(/\W+/g, '-')}.yaml` },
    seed: 42,
    replications: n,
    start: START,
    end: END,
    mode: 'monte-carlo',
    series,
  };
}

/** Compare rows as `carecast compare` writes them: each run's rows with `scenario`, and paired differences with `delta: true`. */
export function makeCompare(baseline: Results, scenarios: readonly Results[]): SeriesRow[] {
  const key = (r: SeriesRow) => `${r.metric}|${r.category}|${r.date}`;
  const base = new Map(baseline.series.map((r) => [key(r), r]));
  const out: SeriesRow[] = baseline.series.map((r) => ({ ...r, scenario: baseline.scenario.name }));
  for (const s of scenarios) {
    for (const r of s.series) {
      out.push({ ...r, scenario: s.scenario.name });
      // The engine pairs a key the baseline lacks with zeros (a baseline without levers costs nothing).
      const b = base.get(key(r)) ?? (r.metric === ('lever_cost' as Metric) ? { ...r, mean: 0, p05: 0, p95: 0 } : undefined);
      if (!b) continue;
      const mean = r.mean - b.mean;
      // Paired by replication, so the spread of the difference is smaller than either run's.
      const sd = 0.4 * (r.p95 - r.p05) / 3.29;
      const z = (k: number) => mean + k * sd;
      out.push({
        date: r.date,
        metric: r.metric,
        category: r.category,
        mean,
        p05: z(-1.645),
        p25: z(-0.674),
        p50: mean,
        p75: z(0.674),
        p95: z(1.645),
        ci95_low: mean - sd / 3,
        ci95_high: mean + sd / 3,
        scenario: s.scenario.name,
        delta: true,
      });
    }
  }
  return out;
}
