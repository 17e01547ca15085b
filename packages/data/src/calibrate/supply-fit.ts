import { PLACEMENT_CATEGORIES, type ModelParameters, type PlacementCategory, type SupplyParameters } from '@carecast/engine';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import type { CalibrationResult } from './calibrate.js';
import { supplyFromFile, type SupplyFile } from './supply-file.js';
import { supplyTemplate } from './template.js';

/**
 * The calibrated model run over its own reference window: from the stock at the window's start to its
 * end, with the given supply (the expected-value projection ignores capacity and matching, so fits and
 * checks that depend on supply simulate).
 */
export function windowParameters(result: CalibrationResult, supply: SupplyParameters): ModelParameters {
  const p = result.parameters;
  return { ...p, start: result.evidence.referenceStart, end: result.evidence.referenceEnd, initialPopulation: { counts: result.startStock }, supply };
}

const FAMILY = ['inhouse_foster', 'ifa_foster'] as const;

/** New family foster placements (first placements and moves from outside in-house and IFA foster care) by provider, summed over replications. */
export function simulatedFosterPlacements(params: ModelParameters, replications: number, seed: number): { inhouse_foster: number; ifa_foster: number } {
  const model = compileModel(params);
  const out = { inhouse_foster: 0, ifa_foster: 0 };
  for (let r = 0; r < replications; r++) {
    const run = runReplication(model, seed, r);
    for (const to of FAMILY) {
      const sources = [`entries|${to}`, ...PLACEMENT_CATEGORIES.filter((c) => !(FAMILY as readonly string[]).includes(c)).map((c) => `moves|${c}->${to}`)];
      for (const key of sources) {
        const s = run.series[key];
        if (s) for (let i = 1; i < s.length; i++) out[to] += s[i]!;
      }
    }
  }
  return out;
}

/** How well the fitted match probability reproduces the observed in-house share of new foster placements. */
export interface SupplyFit {
  /** In-house share of new family foster placements in the data (0-1). */
  observedShare: number;
  /** New family foster placements in the data (the share's denominator). */
  observedPlacements: number;
  /** The simulated share with the fitted match probability (0-1). */
  fittedShare: number;
  /** The fitted chance (0-1) that one vacant in-house place suits a given child. */
  matchProbability: number;
  /** Simulated share with every place suiting every child (q = 1): the most in-house the supply allows. */
  shareAtOne: number;
  /** Simulated share with q = 0 (in-house takes no new child). */
  shareAtZero: number;
  /** The observed share lies outside what any q gives: q is at the nearer bound. */
  atBound: boolean;
  replications: number;
  /** The supply with the fitted match probability, as written to the scenario. */
  supply: SupplyParameters;
}

export interface FitOptions {
  /** Replications per evaluation (common random numbers across q). __Default value:__ 20 */
  replications?: number;
  seed?: number;
}

/**
 * Fits `matchProbability` of in-house foster care by bisection (common random numbers, so the simulated
 * share is monotone in q up to noise) so that the window run reproduces the observed in-house share of
 * new family foster placements.
 */
export function fitMatchProbability(result: CalibrationResult, file: SupplyFile, options: FitOptions = {}): SupplyFit {
  const replications = options.replications ?? 20;
  const seed = options.seed ?? 1;
  const template = supplyTemplate({});
  const base = { ...result.parameters.supply, fallback: { ...template.fallback, ...result.parameters.supply.fallback } };
  const supplyAt = (q: number) => supplyFromFile(file, base, q);
  const share = (q: number) => {
    const n = simulatedFosterPlacements(windowParameters(result, supplyAt(q)), replications, seed);
    const total = n.inhouse_foster + n.ifa_foster;
    return total > 0 ? n.inhouse_foster / total : 0;
  };
  const obs = result.newFosterPlacements;
  const observedPlacements = obs.inhouse_foster + obs.ifa_foster;
  const observedShare = observedPlacements > 0 ? obs.inhouse_foster / observedPlacements : 0;
  const shareAtZero = share(0);
  const shareAtOne = share(1);
  let q: number;
  let fittedShare: number;
  let atBound = false;
  if (observedShare >= shareAtOne) [q, fittedShare, atBound] = [1, shareAtOne, observedShare > shareAtOne];
  else if (observedShare <= shareAtZero) [q, fittedShare, atBound] = [0, shareAtZero, observedShare < shareAtZero];
  else {
    // Bisection on log q: shares change fastest at small q (a match needs 1 - (1 - q)^v).
    let lo = -12;
    let hi = 0;
    for (let i = 0; i < 16; i++) {
      const mid = (lo + hi) / 2;
      if (share(Math.exp(mid)) < observedShare) lo = mid;
      else hi = mid;
    }
    q = Number(Math.exp((lo + hi) / 2).toPrecision(3));
    fittedShare = share(q);
  }
  return { observedShare, observedPlacements, fittedShare, matchProbability: q, shareAtOne, shareAtZero, atBound, replications, supply: supplyAt(q) };
}

/** One row of the reproduction check: children in care at the end of the window, observed and simulated. */
export interface ReproductionRow {
  category: PlacementCategory | 'total';
  observed: number;
  mean: number;
  p05: number;
  p95: number;
  /** Whether the observed count lies in the simulated 5-95% range. */
  within90: boolean;
}

export interface Reproduction {
  /** ISO date compared: the window's last day. */
  date: string;
  replications: number;
  rows: ReproductionRow[];
}

/**
 * Runs the calibrated scenario from the window's start stock to its end and compares the simulated stock
 * (total and by category) with the observed one: mean and 5-95% range over the replications.
 */
export function reproduceWindow(result: CalibrationResult, supply: SupplyParameters, options: { replications?: number; seed?: number } = {}): Reproduction {
  const replications = options.replications ?? 50;
  const model = compileModel(windowParameters(result, supply));
  const draws = new Map<string, number[]>();
  for (let r = 0; r < replications; r++) {
    const run = runReplication(model, options.seed ?? 1, r);
    let total = 0;
    for (const c of PLACEMENT_CATEGORIES) {
      const s = run.series[`in_care|${c}`];
      const v = s ? s[s.length - 1]! : 0;
      total += v;
      draws.set(c, [...(draws.get(c) ?? []), v]);
    }
    draws.set('total', [...(draws.get('total') ?? []), total]);
  }
  const observed = new Map<string, number>();
  for (const cell of result.parameters.initialPopulation.counts ?? []) {
    observed.set(cell.category, (observed.get(cell.category) ?? 0) + cell.count);
    observed.set('total', (observed.get('total') ?? 0) + cell.count);
  }
  const rows: ReproductionRow[] = [];
  for (const category of [...PLACEMENT_CATEGORIES, 'total'] as const) {
    const row = reproductionRow(category, observed.get(category) ?? 0, draws.get(category)!);
    if (row) rows.push(row);
  }
  return { date: result.evidence.referenceEnd, replications, rows };
}

/**
 * One category's observed stock against its simulated draws (children, one a replication): the mean, the
 * 5-95% range and whether the observed count lies in it; undefined when data and model both have none.
 */
export function reproductionRow(category: ReproductionRow['category'], observed: number, draws: readonly number[]): ReproductionRow | undefined {
  const xs = [...draws].sort((a, b) => a - b);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  if (observed === 0 && mean === 0) return undefined;
  const p05 = quantile(xs, 0.05);
  const p95 = quantile(xs, 0.95);
  return { category, observed, mean, p05, p95, within90: observed >= p05 && observed <= p95 };
}

/** Quantile of sorted values, linear between order statistics (type 7). */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
