import {
  ACCOMMODATIONS,
  AGE_BANDS,
  CARE_LEAVER_AGES,
  DEFAULT_ACCOMMODATION_MIX,
  RandomStream,
  defaultCareLeaversPerAge,
  type Accommodation,
  type CareLeaverAge,
  type ModelParameters,
} from '@carecast/engine';
import { dayToDmy, parseSsdaDate } from '../read/dates.js';

// A synthetic OC3 table (care leavers' accommodation around their 18th to 21st birthdays) drawn from an
// accommodation mix by age, for demos and for testing calibrate's OC3 reader: no real young person.

/** OC3 ACCOM code written for each state (suitable accommodation, digit 1). */
const CODE: Readonly<Record<Accommodation, string>> = {
  staying_put_inhouse: 'Z1',
  staying_put_ifa: 'Z1',
  supported_lodgings: 'E1',
  supported_accommodation: 'D1',
  independent: 'U1',
  parents_or_relatives: 'B1',
  custody: 'X2',
  other: 'Y1',
};

/** The accommodation mix by age a scenario gives its care leavers (ages it leaves out take the default): what synthetic OC3 rows are drawn from. */
export function scenarioAccommodationMix(params: ModelParameters): Record<CareLeaverAge, Record<Accommodation, number>> {
  const given = params.careLeavers?.accommodationByAge ?? {};
  return Object.fromEntries(
    CARE_LEAVER_AGES.map((age) => {
      const g = given[age];
      return [age, Object.fromEntries(ACCOMMODATIONS.map((a) => [a, g ? (g[a] ?? 0) : DEFAULT_ACCOMMODATION_MIX[age][a]]))];
    }),
  ) as Record<CareLeaverAge, Record<Accommodation, number>>;
}

/** Young people per age group in a synthetic OC3 table: the scenario's initial care leavers per age (mean), else the engine's default rule from the 16-17 stock. */
export function scenarioCareLeaversPerAge(params: ModelParameters): number {
  const given = Object.values(params.careLeavers?.initialPopulation ?? {}).filter((n): n is number => typeof n === 'number');
  if (given.length > 0) return Math.max(1, Math.round(given.reduce((s, n) => s + n, 0) / given.length));
  const older = AGE_BANDS[AGE_BANDS.length - 1];
  const stock = (params.initialPopulation.counts ?? []).filter((c) => c.ageBand === older).reduce((s, c) => s + c.count, 0);
  return Math.max(1, defaultCareLeaversPerAge(stock));
}

/**
 * OC3 CSV text for collection year `year` (ending 31 March): `perAge` young people at each age group
 * (ages 18, 19, 20, 21 on that 31 March), accommodation drawn independently from `mix` (stream `oc3`,
 * `seed`, replication `stream`: one per year). Ids (`L000001`...) are run-local and match no Header row.
 */
export function synthesizeOc3(mix: Record<CareLeaverAge, Partial<Record<Accommodation, number>>>, year: number, perAge: number, seed: number, stream = 0): string {
  const rng = RandomStream.derive(seed, 'oc3', stream);
  const yearEnd = parseSsdaDate(`${year}-03-31`);
  const lines = ['CHILD,DOB,IN_TOUCH,ACTIV,ACCOM'];
  let id = 1;
  CARE_LEAVER_AGES.forEach((age, g) => {
    const shares = ACCOMMODATIONS.map((a) => mix[age][a] ?? 0);
    const total = shares.reduce((a, b) => a + b, 0);
    for (let i = 0; i < perAge; i++) {
      // Birthday within the collection year: age 18 + g on 31 March.
      const dob = yearEnd - Math.floor((18 + g + rng.random()) * 365.25);
      let u = rng.random() * total;
      let s = 0;
      while (s < shares.length - 1 && u >= shares[s]!) u -= shares[s++]!;
      lines.push(`L${String(id++).padStart(6, '0')},${dayToDmy(dob)},YES,F2,${CODE[ACCOMMODATIONS[s]!]}`);
    }
  });
  return `${lines.join('\n')}\n`;
}
