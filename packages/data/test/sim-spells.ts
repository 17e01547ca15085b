import { isoToDay } from '@carecast/engine';
import type { CareSpell } from '../src/index.js';
import type { SimRecords } from '../src/synth/records.js';

/** Care spells straight from simulated records (no CSV round trip): one spell per child, observed to the run's end. */
export function spellsFromRecords(rec: SimRecords): CareSpell[] {
  const byChild = new Map<number, SimRecords['episodes']>();
  for (const e of rec.episodes) byChild.set(e.child, [...(byChild.get(e.child) ?? []), e]);
  const end = isoToDay(rec.end) + 1;
  const spells: CareSpell[] = [];
  for (const c of rec.children) {
    const eps = byChild.get(c.child);
    if (!eps || eps.length === 0) continue;
    const last = eps[eps.length - 1]!;
    spells.push({
      child: c.child,
      la: '',
      sex: c.sex,
      dob: isoToDay(c.birth),
      uasc: c.uasc,
      route: c.route,
      start: isoToDay(c.entered),
      startObserved: true,
      end: last.end === null ? null : isoToDay(last.end),
      observedUntil: end,
      vanished: false,
      exit: last.exit,
      periods: eps.map((e, i) => ({ category: e.category, start: i === 0 ? isoToDay(c.entered) : isoToDay(e.start), end: e.end === null ? null : isoToDay(e.end) })),
    });
  }
  return spells;
}
