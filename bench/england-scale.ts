// The baseline scaled to England (about 84,000 in care, 33,000 starts a year), as model.bench.ts and
// model-cache-study.ts run it. Written once here.
import { projectExpected, type ModelParameters } from '@carecast/engine';

export const ENGLAND_IN_CARE = 84_000;
export const ENGLAND_STARTS_PER_YEAR = 33_000;

const sum = (xs: Iterable<number>): number => [...xs].reduce((a, b) => a + b, 0);
/** Children in care at the start. */
export const inCareTotal = (p: ModelParameters): number => sum((p.initialPopulation.counts ?? []).map((c) => c.count));
/** Starts per year, UASC included. */
export const startsPerYear = (p: ModelParameters): number => sum(Object.values(p.entries.perYear)) + (p.uasc?.perYear ?? 0);

/**
 * The baseline scaled up: initial counts and supply (beds, households, recruitment) multiplied by
 * `stockFactor`, arrivals per year by `startsFactor`, and exit hazards per child-year by `exitFactor`.
 */
export function atScale(p: ModelParameters, stockFactor: number, startsFactor: number, exitFactor: number): ModelParameters {
  const s = structuredClone(p);
  for (const cell of s.initialPopulation.counts ?? []) cell.count = Math.round(cell.count * stockFactor);
  for (const band of Object.keys(s.entries.perYear) as (keyof typeof s.entries.perYear)[]) {
    s.entries.perYear[band] = s.entries.perYear[band]! * startsFactor;
  }
  if (s.uasc) s.uasc.perYear *= startsFactor;
  for (const spec of Object.values(s.supply.capacity)) {
    if ('beds' in spec) spec.beds = Math.round(spec.beds * stockFactor);
    else {
      spec.households = Math.round(spec.households * stockFactor);
      spec.recruitmentPerYear = (spec.recruitmentPerYear ?? 0) * stockFactor;
    }
  }
  for (const rate of s.transitions.rates) if ('exit' in rate.to) rate.perYear *= exitFactor;
  return s;
}

/** Expected children in care at the end over at the start. */
export function endOverStart(p: ModelParameters): number {
  const rows = projectExpected(p).filter((r) => r.metric === 'in_care' && r.category === 'total');
  return rows.at(-1)!.mean / rows[0]!.mean;
}

/**
 * England scale of `baseline`. England has more children in care per start than Anytown (stays are
 * longer), so scaling counts and arrivals alone makes the stock fall: exit hazards are scaled so that the
 * expected-value projection keeps the stock where Anytown's keeps its own (bisection: fewer exits, more
 * children at the end), unless `exitFactor` is given.
 */
export function englandScale(baseline: ModelParameters, exitFactor?: number): { params: ModelParameters; exitFactor: number } {
  const stockFactor = ENGLAND_IN_CARE / inCareTotal(baseline);
  const startsFactor = ENGLAND_STARTS_PER_YEAR / startsPerYear(baseline);
  if (exitFactor === undefined) {
    const balance = endOverStart(baseline);
    let [low, high] = [0.5, 1.5];
    for (let i = 0; i < 12; i++) {
      const mid = (low + high) / 2;
      if (endOverStart(atScale(baseline, stockFactor, startsFactor, mid)) > balance) low = mid;
      else high = mid;
    }
    exitFactor = (low + high) / 2;
  }
  return { params: atScale(baseline, stockFactor, startsFactor, exitFactor), exitFactor };
}
