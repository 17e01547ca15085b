import { ageBandOn } from '../domain/age-bands.js';
import { drawInitialDaysInCare } from '../domain/initial-time-in-care.js';
import { scheduleChild } from './child-events.js';
import { addToCategory, drawOutOfArea, newChild, seedFrom } from './children.js';
import { drawBirthDay, drawBirthDayInYear, drawnBandEnd } from './entries.js';
import type { ReplicationState } from './state.js';

// The initial population: children in care on the start day, from counts by cell or an explicit list.

/** Places the initial population: counts by cell (ages and days in care drawn), then explicit children. */
export function placeInitialPopulation(st: ReplicationState): void {
  const m = st.m;
  const rng = st.rngInitial;
  const S = m.startDay;
  for (const cell of m.initialCells) {
    const b = cell.ageBand;
    const u = cell.uasc ? 1 : 0;
    const maleShare = u === 1 ? m.uascMaleShare : m.maleShare;
    const routeWeights = m.routeWeights[b]!;
    const routeTotal = st.routeTotal[b]!;
    for (let i = 0; i < cell.count; i++) {
      const birth = cell.ageYears < 0 ? drawBirthDay(rng, b, S) : drawBirthDayInYear(rng, b, cell.ageYears, S);
      const bandEnd = drawnBandEnd;
      const inCare = drawInitialDaysInCare(rng, cell.durationBand, st.durBounds, S - birth);
      const route = rng.categorical(routeWeights, routeTotal);
      const sex = rng.random() < maleShare ? 0 : 1;
      placeInitial(st, birth, S - inCare, S - inCare, u, sex, Math.max(route, 0), cell.category, -1, b, bandEnd);
    }
  }
  for (const c of m.initialChildren) {
    const birth = S - Math.floor(c.ageDays);
    const u = c.uasc ? 1 : 0;
    const sex = c.sex >= 0 ? c.sex : rng.random() < (u === 1 ? m.uascMaleShare : m.maleShare) ? 0 : 1;
    let route = c.route;
    if (route < 0) {
      const s = ageBandOn(birth, S);
      route = Math.max(0, rng.categorical(m.routeWeights[s]!, st.routeTotal[s]!));
    }
    placeInitial(st, birth, S - c.daysInCare, S - c.daysInPlacement, u, sex, route, c.category, c.outOfArea, -1, -1);
  }
}

/** Puts one initial child in category `c` on the start day (`band` and `bandEnd` as for `newChild`). */
export function placeInitial(st: ReplicationState, birth: number, entered: number, placeStart: number, u: number, sex: number, route: number, c: number, outOfArea: number, band: number, bandEnd: number): void {
  const s = newChild(st, birth, entered, u, sex, route, seedFrom(st.rngInitial), band, bandEnd);
  st.placeStart[s] = placeStart;
  const ooa = outOfArea >= 0 ? outOfArea : drawOutOfArea(st, s, c);
  addToCategory(st, s, c, ooa, 'initial');
  scheduleChild(st, s);
}
