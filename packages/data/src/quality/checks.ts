import { dayToIso } from '@carecast/engine';
import type { CareSpell } from '../clean/spells.js';
import { SpellTally, type SpellRange } from './return-summary.js';
import { DROP_REASONS, droppedRows, type DataQualitySummary } from '../read/quality.js';

/** Share of Episodes rows that may be dropped before calibration refuses the data. __Default value:__ 0.1 */
export const MAX_DROPPED_SHARE = 0.1;

/**
 * Reasons the data cannot support a calibration or backtest, each a sentence naming the problem: every
 * row dropped, more than `maxDroppedShare` of the rows dropped, no care in the reference window. Takes
 * the spells, or a SpellTally made for the window while they streamed past. Empty when the data will do.
 */
export function dataProblems(
  quality: DataQualitySummary,
  spells: readonly CareSpell[] | SpellRange,
  window: { referenceStart: string; referenceEnd: string },
  maxDroppedShare = MAX_DROPPED_SHARE,
): string[] {
  let range: SpellRange;
  if (Array.isArray(spells)) {
    const tally = new SpellTally({ returns: [] }, new Map(), window);
    for (const s of spells as readonly CareSpell[]) tally.add(s);
    range = tally;
  } else range = spells as SpellRange;
  const problems: string[] = [];
  const read = quality.rows.episodes;
  const dropped = droppedRows(quality);
  const byReason = DROP_REASONS.filter((r) => quality.dropped[r]).map((r) => `${r} ${quality.dropped[r]}`).join(', ');
  if (read === 0) problems.push('no Episodes rows were read');
  else if (range.count === 0) problems.push(`none of the ${read} Episodes rows gave a care spell (dropped: ${byReason || 'none'}; see the warnings)`);
  else if (dropped / read > maxDroppedShare) {
    problems.push(
      `${dropped} of ${read} Episodes rows (${((100 * dropped) / read).toFixed(1)}%) were dropped (${byReason}), more than the ${(100 * maxDroppedShare).toFixed(0)}% allowed`,
    );
  }
  if (range.count > 0 && !range.inWindow) {
    problems.push(
      `the reference window ${window.referenceStart} to ${window.referenceEnd} holds no care in the data, which run from ${dayToIso(range.first)} to ${dayToIso(range.last - 1)}`,
    );
  }
  return problems;
}
