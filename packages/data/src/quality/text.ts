import { DROP_REASONS } from '../read/quality.js';
import { shownText, type Shown } from '../disclose/suppress.js';
import { shareableReturns } from './shareable.js';
import type { ReturnSummary } from './return-summary.js';

const text = (s: Shown | null): string => (s === null ? '-' : s === 'withheld' ? '.' : shownText(s));

/**
 * The per-return table for a terminal, with the same suppression as the shared page: rows read, used,
 * merged, excluded and dropped (reasons after the table), and the children in care on each 31 March,
 * entries, exits and vanished open episodes.
 */
export function qualityTable(returns: readonly ReturnSummary[], suppressBelow: number): string {
  const rows = shareableReturns(returns, suppressBelow);
  const multi = rows.some((r) => r.la !== '');
  const head = [...(multi ? ['LA'] : []), 'return to', 'rows', 'used', 'merged', 'excluded', 'dropped', 'in care', 'entries', 'exits', 'vanished'];
  const body = rows.map((r) => [
    ...(multi ? [r.la] : []),
    r.year > 0 ? `31/03/${r.year}` : 'unknown',
    ...[r.rowsRead, r.used, r.merged, r.excluded, r.droppedTotal, r.inCare, r.entries, r.exits, r.vanished].map(text),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < (multi ? 2 : 1) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(head), ...body.map(line)];
  for (const r of rows) {
    const reasons = DROP_REASONS.filter((k) => r.dropped[k] !== undefined).map((k) => `${k} ${text(r.dropped[k]!)}`);
    if (reasons.length > 0) out.push(`dropped${r.la ? ` (LA ${r.la})` : ''} from the return to 31/03/${r.year}: ${reasons.join(', ')}`);
  }
  if (suppressBelow > 1) out.push(`counts under ${suppressBelow} shown as <${suppressBelow}; "." withheld (it would give one back); "-" the data stop before that 31 March`);
  return `${out.join('\n')}\n`;
}
