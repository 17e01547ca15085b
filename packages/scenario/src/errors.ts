/** A path into a scenario document: keys and array indices from the root. */
export type DocPath = readonly (string | number)[];

/** One problem found in a scenario, with where it is and what is expected. */
export interface Issue {
  /** The file the problem is in, as the user named it; absent for scenarios built in code. */
  file?: string;
  /** 1-based line and column of the offending node, when known. */
  line?: number;
  col?: number;
  /** Path of the offending value, e.g. `["levers", 1, "by"]`. */
  path: DocPath;
  /** What is wrong and what is expected, e.g. `125% is more than 100%`. */
  message: string;
}

/** `levers[1].by`, `model.entries.perYear.1-4`: a path written the way users read it. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    // Keys a reader could mistake for punctuation (spaces, dots, empty) are quoted.
    else if (!/^[\w$<>+-]+$/.test(seg)) out += `[${JSON.stringify(seg)}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** A line break or other control character inside a message (a file name or value quoted from the
 * user's text) written as its escape, so that every issue stays on one line beginning with its place. */
const oneLine = (text: string): string => {
  let out = '';
  for (const c of text) {
    out += c.charCodeAt(0) < 0x20 ? JSON.stringify(c).slice(1, -1) : c;
  }
  return out;
};

/** `file:line:col: path: message` on one line, leaving out the parts that are not known. */
export function formatIssue(issue: Issue): string {
  let where = issue.file === undefined ? '' : oneLine(issue.file);
  if (issue.file !== undefined && issue.line !== undefined) where += `:${issue.line}:${issue.col ?? 1}`;
  const path = formatPath(issue.path);
  const head = [where, path].filter((s) => s !== '').join(': ');
  const message = oneLine(issue.message);
  return head === '' ? message : `${head}: ${message}`;
}

/** Bad user input in a scenario: one or more issues, each naming the place and the fix. */
export class ScenarioError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** Collects issues so a user sees every problem in one pass. */
export class IssueList {
  readonly issues: Issue[] = [];
  add(path: DocPath, message: string): void {
    this.issues.push({ path: [...path], message });
  }
  get ok(): boolean {
    return this.issues.length === 0;
  }
  /** Throws a ScenarioError when any issue was added. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new ScenarioError(this.issues);
  }
}
