import type { Results, SeriesRow } from '@carecast/engine';
import { buildReport } from 'carecast-report-build';

/** report.html as the command line builds it for the same results (the charts as files are left out). */
export async function reportHtml(input: {
  results: Results;
  baseline?: Results;
  compare?: readonly SeriesRow[];
  leversInWords: readonly string[];
}): Promise<string> {
  const files = await buildReport({ ...input, images: false });
  return files.get('report.html') as string;
}
