/**
 * The cost accrual formula, in GBP: placement-days at the placement cost (GBP per placement-day,
 * inflation included), plus block-contract GBP at the prices they were bought at times the inflation
 * factor. The simulation calls it with the children placed and a block cost per day (a rate, then
 * multiplied by the days elapsed); the expected-value projection with occupancy-days and block GBP
 * of a step.
 */
export function accruedCostGbp(placementDays: number, gbpPerPlacementDay: number, blockGbp: number, inflationFactor: number): number {
  return placementDays * gbpPerPlacementDay + blockGbp * inflationFactor;
}

/** GBP per placement-day from a weekly cost (GBP per week) and the month's inflation factor. */
export function gbpPerPlacementDay(weeklyGbp: number, inflationFactor: number): number {
  return (weeklyGbp / 7) * inflationFactor;
}
