import { shownCount, type ReproductionCheck } from '@carecast/data';

/**
 * The reproduction check for the terminal: at every 31 March of the reference window, the observed
 * children in care (total and by category) against the simulated mean and 90% band; misses flagged.
 * Observed counts under `suppressBelow` are shown `<N`.
 */
export function reproductionText(rep: ReproductionCheck, suppressBelow: number, fitted: boolean): string {
  const shown = (n: number): string => shownCount(n, suppressBelow);
  const dates = [...new Set(rep.cells.map((c) => c.date))];
  const lines = [
    `reproduction check: the scenario re-run from the stock on ${rep.start} (${rep.replications} replications, ` +
      `${fitted ? 'fitted supply' : 'TEMPLATE supply'}); children in care on every 31 March of the window (${dates.join(', ') || 'none'}):`,
    `  ${'date'.padEnd(12)}${'category'.padEnd(22)}${'observed'.padStart(9)}${'simulated'.padStart(11)}   90% band`,
  ];
  for (const r of rep.cells) {
    const line =
      `  ${r.date.padEnd(12)}${r.category.padEnd(22)}${shown(r.observed).padStart(9)}${r.mean.toFixed(1).padStart(11)}   ` +
      `${`${r.p05.toFixed(0)}-${r.p95.toFixed(0)}`.padEnd(9)}${r.within90 ? '' : '  MISS'}`;
    lines.push(line.trimEnd());
  }
  const n = rep.cells.length;
  lines.push(
    rep.inside === n
      ? `  all ${n} stocks (${dates.length} dates x total and categories) within their 90% band`
      : `  ${rep.inside} of ${n} stocks (${dates.length} dates x total and categories) within their 90% band, ${n - rep.inside} MISS ` +
          `(about ${Math.round(0.1 * n)} expected by chance): check supply and the hazards of those categories`,
  );
  if (rep.unobserved.length > 0) lines.push(`  not compared (the data stop before): ${rep.unobserved.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
