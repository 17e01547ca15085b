import { ACCOMMODATIONS, CARE_LEAVER_AGES, RandomStream, type Accommodation, type CareLeaverAge } from '@carecast/engine';
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

/**
 * OC3 CSV text for collection year `year` (ending 31 March): `perAge` young people at each age group
 * (ages 18, 19, 20, 21), accommodation drawn from `mix` (stream `oc3`, `seed`). Child ids are run-local.
 */
export function synthesizeOc3(mix: Record<CareLeaverAge, Partial<Record<Accommodation, number>>>, year: number, perAge: number, seed: number): string {
  const rng = RandomStream.derive(seed, 'oc3', 0);
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
      lines.push(`${id++},${dayToDmy(dob)},YES,F2,${CODE[ACCOMMODATIONS[s]!]}`);
    }
  });
  return `${lines.join('\n')}\n`;
}
