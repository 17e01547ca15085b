import { ACCOMMODATIONS } from '@carecast/engine';
import { fitYears, type CareLeaverFit } from './care-leaver-fit.js';
import { shownCount } from './scenario-yaml.js';

/** The fitted care-leaver mix for the terminal: per age group the young people and the shares (%), counts under `suppressBelow` shown `<N`. */
export function careLeaverText(fit: CareLeaverFit | undefined, suppressBelow: number): string {
  if (!fit) {
    return 'care leavers: ILLUSTRATIVE DEFAULT accommodation mix and start population (no OC3 table: give --oc3 FILE or put oc3.csv beside the returns)\n';
  }
  const shown = (n: number): string => shownCount(n, suppressBelow);
  const short: Record<string, string> = {
    staying_put_inhouse: 'SP in-h',
    staying_put_ifa: 'SP IFA',
    supported_lodgings: 'lodgings',
    supported_accommodation: 'supp acc',
    independent: 'indep',
    parents_or_relatives: 'family',
    custody: 'custody',
    other: 'other',
  };
  const lines = [
    `care leavers: accommodation mix by age fitted from OC3 (${fit.files.length} file(s), years ${fitYears(fit).join(', ')}): ` +
      `${shown(fit.used)} young people used, ${shown(fit.unusable)} rows unusable, ${shown(fit.atSeventeen)} aged 17 left out; ` +
      `staying put split ${(100 * fit.inhouseShare).toFixed(1)}% in-house`,
    `  ${'age'.padEnd(5)}${'young people'.padStart(13)}${ACCOMMODATIONS.map((a) => short[a]!.padStart(9)).join('')}`,
  ];
  for (const e of fit.evidence) {
    const mix = fit.accommodationByAge[e.age];
    lines.push(
      `  ${e.age.padEnd(5)}${shown(e.youngPeople).padStart(13)}${ACCOMMODATIONS.map((a) => `${(100 * mix[a]).toFixed(1)}%`.padStart(9)).join('')}` +
        (e.fitted ? '' : '   ILLUSTRATIVE DEFAULT (too few young people)'),
    );
  }
  for (const m of fit.messages) lines.push(`  unusable: ${m}`);
  lines.push(
    fit.initialByAge
      ? `  care leavers on the start date from OC3: ${Object.entries(fit.initialByAge).map(([age, n]) => `${shown(n)} aged ${age}`).join(', ')}`
      : '  care leavers on the start date: ILLUSTRATIVE DEFAULT (no OC3 for the year ending on the window\'s end)',
  );
  return `${lines.join('\n')}\n`;
}
