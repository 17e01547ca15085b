/** The measures a sweep reports when none are named. */
export const DEFAULT_SWEEP_MEASURES: readonly string[] = [
  'in_care[total]',
  'in_care[inhouse_foster]',
  'in_care[ifa_foster]',
  'in_care[external_residential]',
  'out_of_area_share',
  'placed_out_of_preference[total] per year',
  'cost[total] per year',
  'net_cost per year',
];
