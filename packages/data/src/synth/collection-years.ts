/** Collection years (to 31 March) that a run from `start` to `end` touches. */
export function collectionYears(start: string, end: string): number[] {
  const yearOf = (iso: string): number => {
    const y = Number(iso.slice(0, 4));
    return iso.slice(5) <= '03-31' ? y : y + 1;
  };
  const out: number[] = [];
  for (let y = yearOf(start); y <= yearOf(end); y++) out.push(y);
  return out;
}
