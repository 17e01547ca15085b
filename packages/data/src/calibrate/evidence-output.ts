import type { CalibrationEvidence } from './calibrate.js';
import { shownCount, type Shown } from '../disclose/suppress.js';

/**
 * The evidence as plain JSON for a file, with every count from 1 to `suppressBelow - 1` written as
 * `"<N"` (suppressBelow 0: all counts as they are). Holds aggregates only.
 */
export function evidenceForOutput(ev: CalibrationEvidence, suppressBelow = 0): unknown {
  const count = (n: number): Shown => shownCount(n, suppressBelow);
  const sex = (s: { male: number; female: number; unknown: number }) => ({ male: count(s.male), female: count(s.female), unknown: count(s.unknown) });
  return {
    ...ev,
    entries: ev.entries.map((e) => ({ ...e, count: count(e.count) })),
    entriesBySex: sex(ev.entriesBySex),
    uascEntriesBySex: sex(ev.uascEntriesBySex),
    stock: ev.stock.map((c) => ({ ...c, count: count(c.count) })),
    transitions: ev.transitions.map((t) => ({ ...t, events: count(t.events), rawPerYear: Number.isNaN(t.rawPerYear) ? null : t.rawPerYear })),
    priors: ev.priors.map((p) => ({
      ...p,
      events: count(p.events),
      ageShape: Number.isFinite(p.ageShape) ? p.ageShape : 'no age effect',
      durationShape: Number.isFinite(p.durationShape) ? p.durationShape : 'no duration effect',
      alpha: Number.isFinite(p.alpha) ? p.alpha : 'no spread beyond the main effects',
    })),
    unrated: ev.unrated.map((u) => ({ ...u, events: count(u.events) })),
    ageOut: Object.fromEntries(Object.entries(ev.ageOut).map(([k, v]) => [k, count(v ?? 0)])),
    censoredBeforeEnd: count(ev.censoredBeforeEnd),
  };
}
