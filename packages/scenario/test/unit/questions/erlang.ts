// A loss system the questions are checked on: children arrive (Poisson, `lambda` per year) needing one
// capacity-limited category and stay an exponential time (`mu` per child-year); a child finding it full
// goes elsewhere and does not wait. The long-run share placed elsewhere is Erlang B(c, lambda/mu).

/** Erlang B by its recursion B(0) = 1, B(c) = a B(c-1) / (c + a B(c-1)): independent of the engine. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** The scenario: `baseBeds` in-house residential beds, and an add-capacity lever (label `Beds`) to vary. */
export function lossScenario(o: { lambda: number; mu: number; baseBeds: number; extraBeds?: number; horizon?: string; questions?: string }): string {
  return `name: Loss system
start: 2025-04-01
horizon: ${o.horizon ?? '2 years'}
replications: 100
seed: 3
model:
  initialPopulation: { counts: [] }
  entries:
    perYear: { '<1': ${o.lambda} per year }
    routeShares: { care_proceedings: 100% }
    firstPlacement: { '<1': { inhouse_residential: 100% } }
  transitions:
    rates:
      - { from: inhouse_residential, to: { exit: reunification }, perYear: ${o.mu} }
      - { from: external_residential, to: { exit: reunification }, perYear: ${o.mu} }
  ageOut: { independent_living: 100% }
  supply:
    capacity:
      inhouse_residential: { beds: ${o.baseBeds} }
    fallback:
      inhouse_residential: [external_residential]
    waitForPreferred: false
  costs:
    weeklyCost: { inhouse_residential: £4000 per week, external_residential: £5000 per week }
levers:
  - lever: add-capacity
    label: Beds
    category: inhouse_residential
    beds: ${o.extraBeds ?? 1}
    from: 2025-04-01
${o.questions ?? ''}`;
}
