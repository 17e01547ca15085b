import { anniversaryDay } from '../calendar.js';
import { dayToIso } from '../dates.js';
import { AGE_BAND_COUNT, AGE_BAND_END_YEARS, AGE_BANDS, ageBandOn, CARE_LEAVING_AGE_YEARS } from '../domain/age-bands.js';
import { CATEGORY_COUNT } from '../domain/cells.js';
import { SUPPORTED, SUPPORTED_FROM_AGE_YEARS } from '../domain/eligibility.js';
import { PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { checkCareLeaverInvariants } from './care-leavers.js';
import { syncDuration } from './child-events.js';
import type { ReplicationState } from './state.js';

// Invariants checked at each month end when `checkInvariants` is set (tests only).

/** Throws when the model's state breaks an invariant (tests only). */
export function checkInvariants(st: ReplicationState): void {
  const now = st.sim.now;
  const fail = (what: string): never => {
    throw new Error(`invariant broken on ${dayToIso(now - 1)}: ${what}`);
  };
  let total = 0;
  const byAge = new Float64Array(AGE_BAND_COUNT);
  const waiting = new Float64Array(CATEGORY_COUNT);
  let ooa = 0;
  const uasc = new Float64Array(CATEGORY_COUNT);
  for (let s = 0; s < st.used; s++) {
    if (st.alive[s] !== 1) continue;
    total++;
    const c = st.category[s]!;
    if (st.members[c]!.items[st.pos[s]!] !== s) fail(`child ${st.id[s]} is not listed in its category`);
    if (anniversaryDay(st.birth[s]!, CARE_LEAVING_AGE_YEARS) < now) fail(`child ${st.id[s]} is in care after turning 18`);
    if (st.band[s] !== ageBandOn(st.birth[s]!, now - 1)) fail(`child ${st.id[s]} has a stale age band`);
    byAge[st.band[s]!]!++;
    // The band's end is the stored birth day's birthday (birth days are whole days, held in an Int32Array
    // since session 22: a fractional birth would be cut there and no longer give the end kept in `nextAge`).
    if (st.nextAge[s] !== anniversaryDay(st.birth[s]!, AGE_BAND_END_YEARS[st.band[s]!]!)) fail(`child ${st.id[s]}'s age band ends on day ${st.nextAge[s]}, not its birthday`);
    // The duration band brought up to date from the stored one (`syncDuration`, which the run calls
    // before every read) is the one counted from the first band; the stored band is put back after.
    let d = 0;
    while (d < st.nDur - 1 && now >= st.entered[s]! + st.durBounds[d]!) d++;
    const stored = st.dur[s]!;
    const synced = syncDuration(st, s);
    st.dur[s] = stored;
    if (synced !== d || stored > d) fail(`child ${st.id[s]} has duration band ${synced} (stored ${stored}) after ${now - st.entered[s]!} days in care, not ${d}`);
    if (c === SUPPORTED && anniversaryDay(st.birth[s]!, SUPPORTED_FROM_AGE_YEARS) > now - 1) fail(`child ${st.id[s]} is in supported under 16`);
    if (st.waitFor[s]! >= 0) {
      waiting[st.waitFor[s]!]!++;
      if (st.waitFor[s] === c) fail(`child ${st.id[s]} waits for the category it is in`);
    }
    ooa += st.ooa[s]!;
    uasc[c] = uasc[c]! + st.uasc[s]!;
  }
  let listed = 0;
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    listed += st.members[c]!.size;
    if (uasc[c] !== st.inCareUasc[c]) fail(`UASC in ${PLACEMENT_CATEGORIES[c]} is ${st.inCareUasc[c]}, children ${uasc[c]}`);
    if (waiting[c] !== st.waitCount[c]) fail(`waiting count of ${PLACEMENT_CATEGORIES[c]} is ${st.waitCount[c]}, children waiting ${waiting[c]}`);
    if (st.limited[c] === 1 && c !== st.m.lastResort && st.members[c]!.size > st.capacity[c]!) {
      fail(`${PLACEMENT_CATEGORIES[c]} holds ${st.members[c]!.size} children for ${st.capacity[c]} places`);
    }
  }
  if (total !== st.inCareTotal || listed !== total) fail(`in care ${st.inCareTotal}, alive ${total}, listed ${listed}`);
  for (let b = 0; b < AGE_BAND_COUNT; b++) {
    if (byAge[b] !== st.inCareByAge[b]) fail(`in care aged ${AGE_BANDS[b]} is ${st.inCareByAge[b]}, children ${byAge[b]}`);
  }
  if (ooa !== st.outOfAreaCount) fail(`out of area count ${st.outOfAreaCount}, children ${ooa}`);
  checkCareLeaverInvariants(st, fail);
}
