// Number formatting for the report's text, independent of the machine's locale so output is byte-stable.

/** A number with `digits` decimals and thousands separated by commas (en-GB style). */
export function formatNumber(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return 'n/a';
  const fixed = Math.abs(x).toFixed(digits);
  const [whole, frac] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** A signed number, `+` for increases, so differences read as changes. */
export function formatSigned(x: number, digits = 0): string {
  const s = formatNumber(x, digits);
  return x > 0 && s !== formatNumber(0, digits) ? `+${s}` : s;
}

/** A fraction as a percentage with `digits` decimals. */
export function formatPercent(fraction: number, digits = 1): string {
  return `${formatNumber(fraction * 100, digits)}%`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO date as `31 Mar 2026`. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? '?'} ${y}`;
}
