import { hasParameterUncertainty, type ModelParameters, type PlacementCategory, type Results } from '@carecast/engine';
import type { CapacityAssumption, ScenarioAssumptions } from './assumptions.js';

/** A scenario's assumptions for results.json `assumptions`: unit costs, inflation, capacity at the start (before levers act) and its levers in words. */
export function scenarioAssumptions(scenario: string, params: ModelParameters, levers: readonly string[]): ScenarioAssumptions {
  const capacity = Object.entries(params.supply.capacity).map(([category, spec]): CapacityAssumption => {
    const c = category as PlacementCategory;
    if (spec !== undefined && 'households' in spec) {
      return {
        category: c,
        households: spec.households,
        placesPerHousehold: spec.placesPerHousehold,
        recruitmentPerYear: spec.recruitmentPerYear ?? 0,
        deregistrationPerHouseholdYear: spec.deregistrationPerHouseholdYear ?? 0,
        matchProbability: spec.matchProbability ?? 1,
      };
    }
    return { category: c, beds: spec?.beds ?? 0, matchProbability: spec?.matchProbability ?? 1 };
  });
  return {
    scenario,
    priceBase: params.start,
    inflationPerYear: params.costs.inflationPerYear ?? 0,
    weeklyCostGbp: { ...params.costs.weeklyCost },
    capacity,
    levers: [...levers],
    uncertainty: hasParameterUncertainty(params) ? 'children-paths-and-rates' : 'children-paths',
  };
}

/** results.json with `assumptions` and `byLever` (when given) after its head and before its rows, so a reader meets them near the top. */
export function withResultsFields(results: Results, fields: { readonly assumptions?: readonly ScenarioAssumptions[]; readonly byLever?: readonly unknown[] }): Results {
  const { series, ...head } = results;
  const extra = {
    ...(fields.assumptions && fields.assumptions.length > 0 ? { assumptions: fields.assumptions } : {}),
    ...(fields.byLever && fields.byLever.length > 0 ? { byLever: fields.byLever } : {}),
  };
  return { ...head, ...extra, series } as Results;
}
