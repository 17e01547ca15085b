/**
 * The report's own text and tables (in brief, the levers, key numbers, financial years) for the page:
 * the sections of report.html as `reportPage` writes it for the run, so the page shows the same tables
 * as the report it downloads (issue 14: "the same charts and tables as report.html"). Parsed, not run:
 * a parsed document runs no script, and only these sections are taken from it.
 */
export const REPORT_TABLE_SECTIONS = ['summary', 'levers', 'key-numbers', 'financial-years'] as const;

/** The sections of `reportHtml` shown on the page, as nodes of this document. */
export function reportTableSections(reportHtml: string): Node[] {
  const parsed = new DOMParser().parseFromString(reportHtml, 'text/html');
  return REPORT_TABLE_SECTIONS.flatMap((id) => {
    const section = parsed.getElementById(id);
    return section ? [document.importNode(section, true)] : [];
  });
}
