import type { ModelParameters } from './parameters.js';

/** Whether the parameters state any parameter uncertainty (a posterior on a hazard, an entry rate or shares). */
export function hasParameterUncertainty(params: ModelParameters): boolean {
  return params.uncertainty !== undefined || params.transitions.rates.some((r) => r.uncertainty !== undefined);
}

/** The parameters with every posterior left out: the rates are then taken as known (each replication uses them as written). */
export function withoutParameterUncertainty(params: ModelParameters): ModelParameters {
  if (!hasParameterUncertainty(params)) return params;
  const { uncertainty: _left, ...rest } = params;
  return {
    ...rest,
    transitions: {
      ...params.transitions,
      rates: params.transitions.rates.map((r) => {
        const { uncertainty: _u, ...row } = r;
        return row;
      }),
    },
  };
}
