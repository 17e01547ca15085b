import { PLACEMENT_CATEGORIES, type PlacementCategory, type SupplyParameters } from '@carecast/engine';
import { DataError } from '../read/errors.js';
import { TEMPLATE_DEREGISTRATION_PER_HOUSEHOLD_YEAR, TEMPLATE_RECRUITMENT_PER_HOUSEHOLD_YEAR } from './template.js';

/**
 * The authority's capacity at the start of the reference window, from a small CSV (its own records or
 * its Ofsted fostering return): a `measure,value` header, then one row per measure.
 *
 * | measure | value |
 * |---|---|
 * | `inhouse_foster_households` | approved in-house fostering households (required) |
 * | `inhouse_foster_places` | their approved places (required) |
 * | `inhouse_foster_approvals_per_year` | households approved a year (optional) |
 * | `inhouse_foster_deregistrations_per_year` | households de-registered a year (optional) |
 * | `CATEGORY_beds` | beds of a capacity-limited category, e.g. `inhouse_residential_beds`, `supported_beds` |
 *
 * Blank lines and lines starting with `#` are ignored.
 */
export interface SupplyFile {
  households: number;
  places: number;
  /** Households approved per year (optional; template rate per household otherwise). */
  approvalsPerYear?: number;
  /** Households de-registered per year (optional; template rate per household otherwise). */
  deregistrationsPerYear?: number;
  beds: Partial<Record<PlacementCategory, number>>;
}

const BED_CATEGORIES = PLACEMENT_CATEGORIES.filter((c) => c !== 'inhouse_foster' && c !== 'ifa_foster');

/** Reads a supply CSV; any problem is a DataError at `file:line:col` saying what is expected. */
export function parseSupplyFile(text: string, file: string): SupplyFile {
  const lines = text.split(/\r?\n/);
  let header = false;
  const seen = new Map<string, number>();
  const out: SupplyFile = { households: NaN, places: NaN, beds: {} };
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const cells = raw.split(',');
    if (!header) {
      if (cells.length !== 2 || cells[0]!.trim().toLowerCase() !== 'measure' || cells[1]!.trim().toLowerCase() !== 'value') {
        throw new DataError(file, line, 1, `header ${JSON.stringify(raw)}; expected "measure,value"`);
      }
      header = true;
      return;
    }
    if (cells.length !== 2) throw new DataError(file, line, 1, `${cells.length} fields; expected 2 (measure,value)`);
    const measure = cells[0]!.trim();
    const valueText = cells[1]!.trim();
    const col = cells[0]!.length + 2;
    const earlier = seen.get(measure);
    if (earlier !== undefined) throw new DataError(file, line, 1, `${measure} given again (first on line ${earlier}); expected each measure once`);
    const value = Number(valueText);
    if (valueText === '' || !Number.isInteger(value) || value < 0) throw new DataError(file, line, col, `${measure} = ${JSON.stringify(valueText)}; expected a whole number >= 0`);
    if (measure === 'inhouse_foster_households') out.households = value;
    else if (measure === 'inhouse_foster_places') out.places = value;
    else if (measure === 'inhouse_foster_approvals_per_year') out.approvalsPerYear = value;
    else if (measure === 'inhouse_foster_deregistrations_per_year') out.deregistrationsPerYear = value;
    else {
      const category = measure.endsWith('_beds') ? measure.slice(0, -'_beds'.length) : '';
      if (!(BED_CATEGORIES as readonly string[]).includes(category)) {
        throw new DataError(file, line, 1, `unknown measure ${JSON.stringify(measure)}; expected inhouse_foster_households, inhouse_foster_places, inhouse_foster_approvals_per_year, inhouse_foster_deregistrations_per_year or CATEGORY_beds with CATEGORY one of ${BED_CATEGORIES.join(', ')}`);
      }
      out.beds[category as PlacementCategory] = value;
    }
    seen.set(measure, line);
  });
  if (!header) throw new DataError(file, 1, 1, 'no header; expected "measure,value" then one row per measure');
  for (const m of ['inhouse_foster_households', 'inhouse_foster_places'] as const) {
    if (!seen.has(m)) throw new DataError(file, lines.length, 1, `no ${m} row; expected one`);
  }
  if (out.households === 0 ? out.places !== 0 : out.places < out.households) {
    throw new DataError(file, seen.get('inhouse_foster_places')!, 1, `${out.places} places for ${out.households} households; expected at least one place per household`);
  }
  return out;
}

/**
 * Supply from the file: in-house fostering households with their places (places per household rounded
 * to a whole number, as the model needs), template recruitment and de-registration per household, beds
 * as given (approvals and de-registrations a year when the file has them); fallbacks as in `template`, and the given match probability for in-house foster care.
 */
export function supplyFromFile(file: SupplyFile, template: SupplyParameters, matchProbability: number): SupplyParameters {
  const households = file.households;
  const placesPerHousehold = households > 0 ? Math.max(1, Math.round(file.places / households)) : 1;
  const capacity: SupplyParameters['capacity'] = {
    inhouse_foster: {
      households,
      placesPerHousehold,
      recruitmentPerYear: file.approvalsPerYear ?? Math.round(households * TEMPLATE_RECRUITMENT_PER_HOUSEHOLD_YEAR * 100) / 100,
      deregistrationPerHouseholdYear:
        file.deregistrationsPerYear !== undefined
          ? households > 0
            ? Math.round((file.deregistrationsPerYear / households) * 10000) / 10000
            : 0
          : Math.round(TEMPLATE_DEREGISTRATION_PER_HOUSEHOLD_YEAR * 10000) / 10000,
      matchProbability,
    },
  };
  for (const [c, beds] of Object.entries(file.beds)) capacity[c as PlacementCategory] = { beds: beds! };
  const fallback: SupplyParameters['fallback'] = {};
  for (const c of Object.keys(capacity) as PlacementCategory[]) fallback[c] = template.fallback[c] ?? [];
  return { ...template, capacity, fallback };
}
