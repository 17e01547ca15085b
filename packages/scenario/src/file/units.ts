/**
 * Value types a scenario file may write with units. Each is a plain number in the engine's own unit, or
 * a string that names its unit; the JSON Schema carries the patterns so editors flag a wrong unit early.
 */

/**
 * An ISO calendar date `YYYY-MM-DD`.
 * @pattern ^\d{4}-\d{2}-\d{2}$
 */
export type IsoDate = string;

/**
 * A percentage written `25%`, or a fraction between 0 and 1 (0.25). Used for shares, probabilities and
 * proportional changes.
 * @pattern ^[+-]?\d+(\.\d+)?\s*%$
 */
export type Percentage = number | string;

/**
 * A rate per year: a plain number (per year), or `200 per year`, `17 per month`, `4 per week`.
 * @pattern ^[+-]?\d+(\.\d+)?\s+per\s+(year|month|week|day)$
 */
export type RatePerYear = number | string;

/**
 * A hazard per child-year: a plain number (per child-year), or `0.3 per child-year`, `0.3 per year`,
 * `0.02 per child-month`.
 * @pattern ^[+-]?\d+(\.\d+)?\s+per\s+(child-)?(year|month|week|day)$
 */
export type HazardPerYear = number | string;

/**
 * Money per placement: a plain number (GBP per week), or `£820 per week`, `£42,640 per year`,
 * `£117 per day` (converted to GBP per week).
 * @pattern ^[+-]?£?\d{1,3}(,?\d{3})*(\.\d+)?(\s+per\s+(week|year|day|month))?$
 */
export type MoneyPerWeek = number | string;

/**
 * A lever's cost per household approved (recruitment and assessment), with its unit:
 * `£8,000 per household`.
 * @pattern ^\s*£?\s*\d{1,3}(,?\d{3})*(\.\d+)?\s+per\s+household\s*$
 */
export type MoneyPerHousehold = string;

/**
 * A lever's cost per approved household per unit of time, with its unit: `£1,500 per household-year`
 * (also `per household-month`, `per household-week`, or `per household per year`).
 * @pattern ^\s*£?\s*\d{1,3}(,?\d{3})*(\.\d+)?\s+per\s+household(-|\s+per\s+)(year|month|week)\s*$
 */
export type MoneyPerHouseholdYear = string;

/**
 * A lever's running cost with its unit: `£450,000 per year` (also `per month`, `per week`).
 * @pattern ^\s*£?\s*\d{1,3}(,?\d{3})*(\.\d+)?\s+per\s+(year|month|week)\s*$
 */
export type MoneyPerYear = string;

/**
 * A length of time: `5 years`, `60 months`, `12 weeks`, `90 days`.
 * @pattern ^\d+(\.\d+)?\s+(year|month|week|day)s?$
 */
export type Duration = string;

/**
 * A length of time in days: a plain number (days) or a duration such as `2 years`, `6 months`, `750 days`.
 * @pattern ^\d+(\.\d+)?\s+(year|month|week|day)s?$
 */
export type Days = number | string;

/**
 * A length of time in months: a plain number (months) or a duration such as `1 year`, `12 months`.
 * @pattern ^\d+(\.\d+)?\s+(year|month|week|day)s?$
 */
export type Months = number | string;
