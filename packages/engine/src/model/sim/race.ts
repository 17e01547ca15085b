import { log } from '../../random/exact-math.js';

// The race between an exponential transition and a known time (a birthday, a duration band's end):
// the logarithm is taken only when the transition can win.

/** Relative margin for rounding, of |t| + |now| (days); see `transitionBefore`. */
const ROUNDING_MARGIN = 2 ** -40;

/**
 * The time `now - ln(1 - u) / h` (days) of a transition at `h` per day drawn from the uniform `u`,
 * exactly as computed in full, when it is earlier than `t`; otherwise a time at or after `t`
 * (Infinity when the logarithm was skipped). So `transitionBefore(...) < t` decides the race as the
 * full computation does, and the caller's draws do not change.
 *
 * Since -ln(1 - u) >= u, when u / h exceeds t - now by more than the margin the transition comes at
 * or after `t` whatever the logarithm returns: with p = fl(u / h), D = fl(t - now) and
 * S = |t| + |now|, p > D + S·2^-40 gives now + fl(-ln(1 - u) / h) > t + S·2^-41 (the logarithm is
 * within an ulp, each operation within half of one), and rounding is monotone, so the computed time
 * is at least `t`. A uniform below that bound takes the logarithm as before. `h` must be above 0.
 */
export function transitionBefore(now: number, u: number, h: number, t: number): number {
  if (u / h > t - now + (Math.abs(t) + Math.abs(now)) * ROUNDING_MARGIN) return Infinity;
  return now - log(1 - u) / h;
}
