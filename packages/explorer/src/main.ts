import './style.css';
import { prepareWorkers, projectExpected, RunColumns, simulateInto, type ModelParameters, type Results, type SeriesRow } from '@carecast/engine';
import { compileModel, type CompiledModel } from '@carecast/engine/advanced';
import { formatIssue, type CompiledScenarioFile, type Issue } from '@carecast/scenario/browser';
import { CALIBRATED_FILE, setUpCalibration } from './calibrate-panel.js';
import { chartsSettled, drawCharts, drawChartsAhead, hasCharts } from './charts.js';
import { forPreview, PREVIEW_CHARTS } from './preview-rows.js';
import { projectInWorker, warmProjectionWorkers, type ProjectionTimes } from './projection.js';
import { download } from './download.js';
import { droppedFiles } from './dropped-files.js';
import { LEVER_NAMES, newLever, renderLeverForm, showLeverIssues } from './lever-form.js';
import { reportHtml, summaryWorkbook, type ReportSource } from './report-html.js';
import { reportTableSections } from './report-tables.js';
import { resultsJsonText, resultsOf, summaryCsvText } from './results.js';
import { comparisonRows } from './run-summaries.js';
import { compileText, isCompiled, localFile, shippedFile, shippedName, type OpenFile } from './scenario-files.js';
import { SHIPPED } from './shipped.js';
import { addLever, docText, docValue, leversOf, moveLever, parseScenarioDoc, removeLever, setLeverValue, type ScenarioDoc } from './yaml-doc.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const ui = {
  shipped: $<HTMLSelectElement>('shipped'),
  openFile: $<HTMLInputElement>('open-file'),
  fileName: $('file-name'),
  levers: $('levers'),
  scenarioErrors: $('scenario-errors'),
  newLever: $<HTMLSelectElement>('new-lever'),
  addLever: $<HTMLButtonElement>('add-lever'),
  replications: $<HTMLInputElement>('replications'),
  seed: $<HTMLInputElement>('seed'),
  run: $<HTMLButtonElement>('run'),
  cancel: $<HTMLButtonElement>('cancel'),
  progress: $<HTMLProgressElement>('progress'),
  runStatus: $('run-status'),
  seeResults: $<HTMLAnchorElement>('see-results'),
  downloadYaml: $<HTMLButtonElement>('download-yaml'),
  downloadResults: $<HTMLButtonElement>('download-results'),
  downloadCsv: $<HTMLButtonElement>('download-csv'),
  downloadReport: $<HTMLButtonElement>('download-report'),
  downloadXlsx: $<HTMLButtonElement>('download-xlsx'),
  yaml: $<HTMLTextAreaElement>('yaml'),
  yamlErrors: $('yaml-errors'),
  preview: $('preview'),
  previewStatus: $('preview-status'),
  results: $('results'),
  reportTables: $<HTMLDetailsElement>('report-tables'),
  reportTablesBody: $('report-tables-body'),
  resultsStatus: $('results-status'),
};

/** What is open: the file, its text now, the last text that compiled, and the baseline it is compared with. */
const state: {
  file: OpenFile;
  doc: ScenarioDoc | undefined;
  edited: CompiledScenarioFile | undefined;
  baseline: CompiledScenarioFile | undefined;
  /** The baseline's projection, its results and its parameters as JSON (to tell an unchanged scenario). */
  baselineProjection: { of: CompiledScenarioFile; rows: SeriesRow[]; results: Results; params: string } | undefined;
  compileSeq: number;
  /** The newest change whose compile has ended (its scenario is `edited`, or its issues are shown); `refused` when it did not compile. */
  settledSeq: number;
  refused: boolean;
  /** Files being opened (their baseline compiling before their text counts as a change). */
  opening: number;
  /** The run settings shown when the file began to open (a value typed since is kept, not replaced by the file's). */
  settingsAtOpen: { replications: string; seed: string };
  downloads: { results: Results; name: string; report: ReportSource } | undefined;
  running: AbortController | undefined;
} = {
  file: shippedFile('baseline.yaml'),
  doc: undefined,
  edited: undefined,
  baseline: undefined,
  baselineProjection: undefined,
  compileSeq: 0,
  settledSeq: 0,
  refused: false,
  opening: 0,
  settingsAtOpen: { replications: '', seed: '' },
  downloads: undefined,
  running: undefined,
};

/** Name of the edited scenario in comparisons: its own, or "(edited)" when it shares the baseline's. */
function editedName(): string {
  const name = state.edited!.name;
  return name === state.baseline?.name ? `${name} (edited)` : name;
}

function showIssues(issues: readonly Issue[]): void {
  ui.yamlErrors.replaceChildren(
    ...issues.map((issue) => {
      const line = document.createElement('button');
      line.type = 'button';
      line.className = 'issue';
      line.textContent = formatIssue(issue);
      if (issue.line !== undefined && issue.file === state.file.shown) line.addEventListener('click', () => selectLine(issue.line!, issue.col ?? 1));
      return line;
    }),
  );
  showLeverIssues(ui.levers, ui.scenarioErrors, issues);
  ui.yaml.classList.toggle('invalid', issues.length > 0);
}

/** Puts the caret at line:col of the YAML view. */
function selectLine(line: number, col: number): void {
  const lines = ui.yaml.value.split('\n');
  let at = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) at += lines[i]!.length + 1;
  at += col - 1;
  ui.yaml.focus();
  ui.yaml.setSelectionRange(at, at + Math.max(1, (lines[line - 1]?.length ?? 1) - col + 1));
}

/**
 * Whether the lever form can be used: not while the YAML view holds a text that does not parse (the form
 * shows the levers of the last text that did, greyed out, as an edit there would have no document to go into).
 */
function formUsable(usable: boolean): void {
  for (const lever of ui.levers.querySelectorAll('fieldset')) lever.disabled = !usable;
  ui.newLever.disabled = !usable;
  ui.addLever.disabled = !usable;
  ui.levers.title = usable ? '' : 'The scenario file does not parse as YAML: fix it there (see its error) to edit the levers here';
}

function renderForm(): void {
  renderLeverForm(ui.levers, state.doc ? leversOf(state.doc) : [], {
    set(index, key, value) {
      if (!state.doc) return;
      const changedAt = performance.now();
      writePendingText();
      setLeverValue(state.doc, index, key, value);
      void textChanged(lazyText(state.doc), 'form', changedAt);
    },
    move(index, step) {
      if (!state.doc) return;
      writePendingText();
      moveLever(state.doc, index, step);
      void textChanged(docText(state.doc), 'structure');
    },
    remove(index) {
      if (!state.doc) return;
      writePendingText();
      removeLever(state.doc, index);
      void textChanged(docText(state.doc), 'structure');
    },
  });
  formUsable(state.doc !== undefined);
}

/**
 * The text of the document as it is now, written when first asked for (docText, the `yaml` library's
 * writer, some 13 ms for a shipped scenario in Chromium): a change from the form compiles from the
 * document's value, and its text is written for the YAML view while the preview's worker projects,
 * not before (see compileAndPreview). The document must not change before it is written
 * (writePendingText).
 */
function lazyText(doc: ScenarioDoc): () => string {
  let text: string | undefined;
  const written = (): string => (text ??= docText(doc));
  pendingText = written;
  return written;
}

/** The text of the last change made in place, if not written yet. */
let pendingText: (() => string) | undefined;

/** Writes the last change's text before the document changes again in place (a change's compile and view normally write it first, in the same task). */
function writePendingText(): void {
  pendingText?.();
  pendingText = undefined;
}

/** The text of a change: itself, or written now (lazyText). */
const textOf = (text: string | (() => string)): string => (typeof text === 'string' ? text : text());

/**
 * The scenario text changed (from the form, a structural edit, the YAML view or opening a file): the YAML
 * view and the form follow, the text compiles as the command line would, and the preview is redrawn.
 * A text that does not compile shows its issues and leaves the previous preview and results in place.
 * A change from the form gives its text as a function (lazyText): it compiles from the document's
 * value, and the YAML view gets the text once the projection has started.
 */
async function textChanged(text: string | (() => string), from: 'form' | 'structure' | 'yaml' | 'open', changedAt = performance.now()): Promise<void> {
  // The scenario is not resting: its models are built once it does (prepareRun), not during this change's preview.
  clearTimeout(prepareTimer);
  if (from !== 'yaml' && typeof text === 'string') ui.yaml.value = text;
  if (from !== 'form' && typeof text === 'string') {
    const doc = parseScenarioDoc(text);
    if (doc) {
      state.doc = doc;
      renderForm();
    } else if (from === 'yaml') {
      state.doc = undefined;
      formUsable(false);
    }
  }
  const seq = ++state.compileSeq;
  // The newest change, and (drawnChange, set by preview) the change the preview shows: equal once it shows this one.
  ui.preview.dataset['change'] = String(seq);
  try {
    await compileAndPreview(seq, text, from, changedAt);
  } catch (error) {
    // Not a scenario error (those show beside the controls): the preview failed. A run waiting for
    // this change is told the scenario did not compile rather than left waiting.
    if (seq !== state.compileSeq) return;
    ui.previewStatus.textContent = `The preview failed: ${error instanceof Error ? error.message : String(error)}`;
    if (state.settledSeq !== seq) settle(seq, true);
  }
}

/**
 * Compiles change `seq` (the text now shown) and redraws the preview, unless a newer change takes its
 * place. No pause for typing: a form control's change compiles at once (the compile takes a few
 * milliseconds; keystrokes queued meanwhile each replace the change before).
 */
async function compileAndPreview(seq: number, text: string | (() => string), from: 'form' | 'structure' | 'yaml' | 'open', changedAt: number): Promise<void> {
  const t0 = performance.now();
  const cached = typeof text === 'string' && isCompiled(state.file, text, false);
  // The model is compiled once, by the projection: the scenario without the engine's checks, which the
  // projection makes (a ParameterError), and only then the checked compile that places the error.
  // A text the page wrote from its document (the form, a lever added, moved or removed) compiles from
  // the document's value, not parsed again (the same parameters: test/scenario-value.spec.ts).
  const value = (from === 'form' || from === 'structure') && state.doc ? docValue(state.doc) : undefined;
  const compiled = await compileText(state.file, text, false, value);
  // A text written lazily is shown now, once its projection has been posted (below), unless a newer change is shown.
  const showText = (): void => {
    if (typeof text !== 'string' && seq === state.compileSeq) ui.yaml.value = textOf(text);
  };
  if (seq !== state.compileSeq) return;
  const tCompiled = performance.now();
  const projecting = compiled.ok ? projectOrError(compiled.scenario) : undefined;
  // The worker projects while this thread writes the document's text for the YAML view.
  showText();
  const projected = projecting ? await projecting : 'refused';
  if (seq !== state.compileSeq || projected === undefined) return;
  const tProjected = performance.now();
  if (!compiled.ok || projected === 'refused') {
    const checked = compiled.ok ? await compileText(state.file, text) : compiled;
    if (seq !== state.compileSeq) return;
    if (checked.ok) throw new Error('the projection refused parameters the engine check accepts');
    showIssues(checked.issues);
    ui.previewStatus.textContent = 'the scenario has errors: the preview shows the last scenario that compiled';
    settle(seq, true);
    return;
  }
  showIssues([]);
  state.edited = compiled.scenario;
  settle(seq, false);
  // A file that did not compile as opened is compared with its first version that does.
  if (!state.baseline) {
    state.baseline = compiled.scenario;
  }
  if (from === 'open') {
    // The file's replications and seed, unless the user typed others while it opened or is in the field
    // now: a value set under the caret would be typed into (select all, the file's 200 set, "20" typed:
    // 20020 replications).
    const untouched = (input: HTMLInputElement, atOpen: string): boolean => input.value === atOpen && document.activeElement !== input;
    if (untouched(ui.replications, state.settingsAtOpen.replications)) ui.replications.value = String(compiled.scenario.replications);
    if (untouched(ui.seed, state.settingsAtOpen.seed)) ui.seed.value = String(compiled.scenario.seed);
  }
  await preview(projected, { changedAt, t0, tCompiled, tProjected, cached, fromDoc: value !== undefined }, seq);
}

/**
 * The preview's rows of a scenario's expected-value projection (which makes the engine's parameter
 * checks), run in the preview's worker: 'refused' when the engine refuses the parameters, undefined when
 * a newer change took its place. The baseline's projection is kept and reused while the parameters are
 * the baseline's.
 */
async function projectOrError(scenario: CompiledScenarioFile): Promise<SeriesRow[] | 'refused' | undefined> {
  // Synchronous up to the request posted to the worker (the caller writes the YAML view's text meanwhile).
  const base = state.baseline && baselineProjection(state.baseline);
  lastTimes = undefined;
  if (base && JSON.stringify(scenario.params) === base.params) return base.rows;
  const projected = await projectInWorker(scenario.params);
  if (projected && 'rows' in projected) lastTimes = projected.times;
  return projected && ('refused' in projected ? 'refused' : projected.rows);
}

/** Where the last projection's time went (its messages and the worker's own time); undefined when none ran. */
let lastTimes: ProjectionTimes | undefined;

const PREVIEW_MODE = { seed: 0, replications: 1, mode: 'expected-value' as const };

/** The baseline's projection, computed once per baseline: an unchanged scenario (or one whose edits cancel out) reuses it. */
function baselineProjection(baseline: CompiledScenarioFile): NonNullable<typeof state.baselineProjection> {
  if (!state.baselineProjection || state.baselineProjection.of !== baseline) {
    // Not through the worker's queue (a newer edit must not replace it): on this thread, once per baseline.
    const rows = forPreview(projectExpected(baseline.params));
    state.baselineProjection = { of: baseline, rows, results: resultsOf(baseline, rows, PREVIEW_MODE), params: JSON.stringify(baseline.params) };
  }
  return state.baselineProjection;
}

/** Moments of one preview (performance.now()): the change, the edit made (compile starting), compiled, projected; and whether the compile was the one already made. */
interface PreviewTimes {
  changedAt: number;
  t0: number;
  tCompiled: number;
  tProjected: number;
  cached: boolean;
  /** Whether the scenario was compiled from the edited document's value (its text not parsed again). */
  fromDoc: boolean;
}

/** The expected-value projection of the edited scenario against its baseline's, redrawn. */
async function preview(rows: SeriesRow[], times: PreviewTimes, seq: number): Promise<void> {
  const { changedAt, t0, tCompiled } = times;
  const edited = state.edited!;
  const baseline = state.baseline!;
  const base = baselineProjection(baseline);
  const tProjected = times.tProjected;
  const name = editedName();
  const compare = rows.map((r) => ({ ...r, scenario: name }));
  const data = { results: resultsOf(baseline, [...base.rows, ...compare], PREVIEW_MODE, [baseline, edited]), baseline: base.results, compare };
  if (seq !== state.compileSeq) return;
  await drawCharts(ui.preview, data, PREVIEW_CHARTS);
  const tDrawn = performance.now();
  const end = inCareAtEnd(rows);
  const baseEnd = inCareAtEnd(base.rows);
  // Where the time goes, for the bench: the edit (YAML document updated, the view refilled),
  // compile (YAML parsed, checked against the schema, scenario compiled), projection
  // (and the rows for the charts: its messages and the worker's own time), the charts' views updated.
  const ms = (a: number, b: number): number => Math.round(b - a);
  Object.assign(ui.preview.dataset, {
    ms: String(ms(changedAt, tDrawn)),
    waitMs: String(ms(changedAt, t0)),
    compileMs: String(ms(t0, tCompiled)),
    projectMs: String(ms(tCompiled, tProjected)),
    drawMs: String(ms(tProjected, tDrawn)),
    workerMs: lastTimes === undefined ? '' : String(Math.round(lastTimes.workerMs)),
    toWorkerMs: lastTimes === undefined ? '' : String(Math.round(lastTimes.toWorkerMs)),
    backMs: lastTimes === undefined ? '' : String(Math.round(lastTimes.backMs)),
  });
  ui.preview.dataset['inCareEnd'] = end.toFixed(1);
  ui.preview.dataset['drawnChange'] = String(seq);
  prepareRun();
  ui.preview.dataset['baselineInCareEnd'] = baseEnd.toFixed(1);
  const diff = end - baseEnd;
  const compiled =
    times.cached ? 'the scenario as compiled when opened'
    : times.fromDoc ? `the edited document checked and compiled in ${ms(t0, tCompiled)} ms`
    : `YAML parsed, checked and compiled in ${ms(t0, tCompiled)} ms`;
  const projection = rows === base.rows ? "the baseline's projection (unchanged parameters)" : `projected in ${ms(tCompiled, tProjected)} ms${lastTimes === undefined ? '' : ` (${Math.round(lastTimes.workerMs)} ms of it in the worker, its messages ${Math.round(lastTimes.toWorkerMs)} ms there and ${Math.round(lastTimes.backMs)} ms back)`}`;
  ui.previewStatus.textContent =
    `children in care on ${edited.params.end}: ${end.toFixed(0)} against ${baseEnd.toFixed(0)} in ${baseline.name} (${diff >= 0 ? '+' : ''}${diff.toFixed(1)}); ` +
    `${ms(changedAt, tDrawn)} ms from the change to the charts: ${ms(changedAt, t0) > 0 ? `${ms(changedAt, t0)} ms edit, ` : ''}${compiled}, ${projection}, charts updated in ${ms(tProjected, tDrawn)} ms`;
}

/** Mean children in care at the last month end of a run's rows. */
function inCareAtEnd(rows: readonly SeriesRow[]): number {
  const total = rows.filter((r) => r.metric === 'in_care' && r.category === 'total' && r.scenario === undefined);
  return total.reduce((last, r) => (r.date > last.date ? r : last), total[0]!).mean;
}

/** Runs waiting for the scenario as shown to compile (see shownScenarioCompiled). */
const settleWaiters: ((compiled: boolean) => void)[] = [];

/** Change `seq` has compiled (or was refused): a run waiting for the scenario as shown may go on. */
function settle(seq: number, refused: boolean): void {
  state.settledSeq = seq;
  state.refused = refused;
  wakeSettleWaiters();
}

/** Whether the scenario as shown has compiled or been refused: no file still opening, the newest change settled. */
const shownSettled = (): boolean => state.opening === 0 && state.settledSeq === state.compileSeq;

function wakeSettleWaiters(): void {
  if (!shownSettled()) return;
  for (const wake of settleWaiters.splice(0)) wake(!state.refused);
}

/**
 * Resolves once the scenario as shown has compiled: no file still opening and the newest change settled
 * (a run started while a file opens or a change compiles runs what the page shows, not the
 * scenario before). False when it does not compile.
 */
function shownScenarioCompiled(): Promise<boolean> {
  if (shownSettled()) return Promise.resolve(!state.refused);
  return new Promise((resolve) => settleWaiters.push(resolve));
}

/** Opens a scenario: its text, and its baseline (the file it extends, else the file as opened). */
async function open(file: OpenFile, text: string): Promise<void> {
  state.opening++;
  state.settingsAtOpen = { replications: ui.replications.value, seed: ui.seed.value };
  try {
    await openFile(file, text);
  } finally {
    state.opening--;
    wakeSettleWaiters();
  }
}

async function openFile(file: OpenFile, text: string): Promise<void> {
  state.running?.abort();
  state.file = file;
  ui.fileName.textContent = file.shown;
  // The list shows the shipped scenario open, else its placeholder: choosing a shipped file after opening
  // another (even the one chosen before, which would otherwise still be selected) is a change that opens it.
  ui.shipped.value = shippedName(file) ?? '';
  const doc = parseScenarioDoc(text);
  const parent = doc?.get('extends');
  let baseline;
  if (typeof parent === 'string') {
    const name = parent.slice(parent.lastIndexOf('/') + 1);
    const shipped = SHIPPED.get(name);
    baseline = shipped !== undefined ? await compileText(shippedFile(name), shipped) : undefined;
  }
  baseline ??= await compileText(file, text);
  state.baseline = baseline.ok ? baseline.scenario : undefined;
  state.downloads = undefined;
  ui.downloadResults.disabled = true;
  ui.downloadCsv.disabled = true;
  ui.downloadReport.disabled = true;
  ui.downloadXlsx.disabled = true;
  ui.seeResults.hidden = true;
  ui.reportTables.hidden = true;
  ui.reportTablesBody.replaceChildren();
  ui.results.replaceChildren();
  ui.runStatus.textContent = '';
  ui.resultsStatus.textContent = 'run to see the charts of the report';
  if (!baseline.ok) {
    // The file does not compile as opened: show where, and compare with it once it does.
    ui.yaml.value = text;
    state.doc = doc;
    renderForm();
    showIssues(baseline.issues);
    state.baseline = undefined;
    // Nothing of the file compiles yet: a run waits for a version that does (earlier changes dropped).
    settle(++state.compileSeq, true);
    return;
  }
  await textChanged(text, 'open');
}

function runSettings(): { seed: number; replications: number } | string {
  const replications = Number(ui.replications.value);
  const seed = Number(ui.seed.value);
  if (!Number.isInteger(replications) || replications < 2 || replications > 100_000) return 'Replications: expected a whole number from 2 to 100000';
  if (!Number.isInteger(seed) || seed < 0 || seed > 4_294_967_295) return 'Seed: expected a whole number from 0 to 4294967295';
  return { seed, replications };
}

/** Web Workers of a run: the machine's logical processors, at least 2. */
const WORKERS = Math.max(2, navigator.hardwareConcurrency || 2);

/** Milliseconds the scenario must rest before its model is built ahead of a run. */
const PREPARE_PAUSE_MS = 1000;
let prepareTimer: ReturnType<typeof setTimeout> | undefined;

/** Models compiled on this page ahead of a run, by parameters object: `simulate` takes them instead of compiling when Run is pressed. */
const models = new WeakMap<ModelParameters, CompiledModel>();

/** The run's `model` option for `params`, when compiled ahead. */
const modelOptions = (params: ModelParameters): { model?: CompiledModel } => {
  const model = models.get(params);
  return model ? { model } : {};
};

function compileAhead(params: ModelParameters): void {
  if (models.has(params)) return;
  try {
    models.set(params, compileModel(params));
  } catch {
    // Parameters the engine refuses: the run compiles them itself and reports the refusal.
  }
}

/**
 * Once the scenario rests, the models of it and its baseline are built ahead of a run, on this page
 * and in each kept worker, so a run starts at once (and the compiles do not compete with the preview
 * while a control moves). An edited scenario with its baseline's parameters runs on the baseline's.
 */
function prepareRun(): void {
  clearTimeout(prepareTimer);
  prepareTimer = setTimeout(() => {
    if (state.running) return;
    const { baseline, edited } = state;
    if (baseline) {
      compileAhead(baseline.params);
      prepareWorkers(WORKERS, baseline.params);
    }
    if (edited && edited.params !== baseline?.params && JSON.stringify(edited.params) !== JSON.stringify(baseline?.params)) {
      compileAhead(edited.params);
      prepareWorkers(WORKERS, edited.params);
    }
    void drawResultsAhead();
  }, PREPARE_PAUSE_MS);
}

/**
 * What a run shows and downloads: `edited`'s results as `carecast run` writes them, and the comparison
 * with `baseline` (its data for the charts and report.html) as `carecast compare` makes it.
 */
function runReport(
  baseline: CompiledScenarioFile,
  edited: CompiledScenarioFile,
  baseRun: RunColumns,
  editedRun: RunColumns,
  settings: { seed: number; replications: number },
  baseRunRows?: SeriesRow[],
): { results: Results; report: ReportSource } {
  const mc = { ...settings, mode: 'monte-carlo' as const };
  const name = editedName();
  const { editedRows, baseRows, compare } = comparisonRows(editedRun, baseRun, name, baseRunRows);
  // The report compares, as `carecast compare` does: levers prefixed with their scenario's name.
  const leversInWords = [...baseline.leversInWords.map((l) => `${baseline.name}: ${l}`), ...edited.leversInWords.map((l) => `${name}: ${l}`)];
  return {
    results: resultsOf(edited, editedRows, mc),
    report: { results: resultsOf(baseline, [...baseRows, ...compare], mc, [baseline, edited]), baseline: resultsOf(baseline, baseRows, mc), compare, leversInWords },
  };
}

/** Replications of the small run that gives the results' charts drawn ahead their shape. */
const AHEAD_REPLICATIONS = 2;

/**
 * The results' charts drawn ahead, off the page, for the run the page would make now (the same
 * scenarios, replications setting and series): their values come from a small run of AHEAD_REPLICATIONS
 * replications on one Web Worker (the page's thread never simulates) and are never shown; the first run then gives the built views its own
 * values instead of compiling and drawing every chart anew. Once only: later runs keep their views.
 */
async function drawResultsAhead(): Promise<void> {
  const { baseline, edited } = state;
  const settings = runSettings();
  // Charts already there (a run drew them) keep their views: nothing to draw ahead, no small run to make.
  if (!baseline || !edited || state.running || typeof settings === 'string' || hasCharts(ui.results)) return;
  const same = JSON.stringify(edited.params) === JSON.stringify(baseline.params);
  const small = async (params: ModelParameters): Promise<RunColumns> => {
    const run = new RunColumns(AHEAD_REPLICATIONS);
    await simulateInto(params, { seed: settings.seed, replications: AHEAD_REPLICATIONS, workers: 1, ...modelOptions(params) }, run);
    return run;
  };
  try {
    const baseRun = await small(baseline.params);
    const editedRun = same ? baseRun : await small(edited.params);
    await drawChartsAhead(ui.results, runReport(baseline, edited, baseRun, editedRun, settings).report);
    document.body.dataset['resultsAhead'] = 'drawn';
  } catch {
    // Nothing drawn ahead: the run draws its charts itself.
  }
}

/** Runs whose charts have been drawn (the charts left for later report the run's times only if no newer run has drawn since). */
let runsDrawn = 0;

/** Milliseconds between redraws of the run's progress (its bar and count repainted, not every replication). */
const PROGRESS_MS = 100;

/**
 * Monte Carlo of the baseline and the edited scenario on common random numbers, in Web Workers.
 * `clickedAt` (performance.now() time of the click on Run) starts the time the page reports: from the
 * click to the results' charts drawn.
 */
async function runMonteCarlo(clickedAt = performance.now()): Promise<void> {
  const settings = runSettings();
  if (typeof settings === 'string') {
    ui.runStatus.textContent = settings;
    return;
  }
  if (state.running) return;
  ui.run.disabled = true;
  if (!(await shownScenarioCompiled())) {
    ui.run.disabled = false;
    ui.runStatus.textContent = 'the scenario has errors (see beside the controls and in the YAML): fix them to run it';
    return;
  }
  ui.run.disabled = false;
  const edited = state.edited;
  const baseline = state.baseline;
  if (!edited || !baseline) return;
  clearTimeout(prepareTimer);
  const controller = new AbortController();
  state.running = controller;
  ui.run.disabled = true;
  ui.cancel.disabled = false;
  ui.progress.hidden = false;
  // An edited scenario back to its baseline's parameters runs once, on the baseline's parameters
  // (whose model the workers and this page already hold).
  const same = JSON.stringify(edited.params) === JSON.stringify(baseline.params);
  const total = settings.replications * (same ? 1 : 2);
  let done = 0;
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  const drawProgress = (): void => {
    progressTimer = undefined;
    ui.progress.value = done / total;
    ui.runStatus.textContent = `${done} of ${total} replications`;
  };
  const options = (params: ModelParameters, offset: number) => ({
    ...settings,
    workers: WORKERS,
    signal: controller.signal,
    ...modelOptions(params),
    onProgress: (d: number) => {
      done = offset + d;
      progressTimer ??= setTimeout(drawProgress, PROGRESS_MS);
    },
  });
  performance.mark('carecast:run', { startTime: clickedAt });
  const tStarted = performance.now();
  try {
    // Each replication is folded into its run's columns as it arrives from a worker (RunColumns), while
    // the workers still simulate: the summaries then read each month's values side by side.
    const baseRun = new RunColumns(settings.replications);
    await simulateInto(baseline.params, options(baseline.params, 0), baseRun);
    // The edited scenario's replications start in the workers; the baseline is summarised meanwhile.
    const editedRun = same ? baseRun : new RunColumns(settings.replications);
    const editedRunning = same ? undefined : simulateInto(edited.params, options(edited.params, settings.replications), editedRun);
    editedRunning?.catch(() => undefined);
    const baseRows = baseRun.summarise();
    await editedRunning;
    const tSimulated = performance.now();
    performance.measure('carecast:simulate', { start: tStarted, end: tSimulated });
    clearTimeout(progressTimer);
    const report = runReport(baseline, edited, baseRun, editedRun, settings, baseRows);
    // results.json, summary.csv, report.html and summary.xlsx are written when downloaded.
    state.downloads = { results: report.results, name: edited.name, report: report.report };
    const data = report.report;
    const name = editedName();
    const tSummarised = performance.now();
    performance.measure('carecast:summarise', { start: tSimulated, end: tSummarised });
    ui.downloadResults.disabled = false;
    ui.downloadCsv.disabled = false;
    ui.downloadReport.disabled = false;
    ui.downloadXlsx.disabled = false;
    ui.runStatus.textContent = `${settings.replications} replications, seed ${settings.seed}: drawing the charts`;
    // The charts on screen (or within half a screen of it) take their values now; the others once the
    // page has shown the run's end (they are not seen before it has drawn them).
    await drawCharts(ui.results, data, undefined, { laterOutOfView: true });
    const tShown = performance.now();
    performance.measure('carecast:draw-results-in-view', { start: tSummarised, end: tShown });
    performance.measure('carecast:run-shown', { start: clickedAt, end: tShown });
    ui.resultsStatus.textContent = `${name} against ${baseline.name}, ${settings.replications} replications on common random numbers`;
    // The results lie below the run's controls and the preview, out of view when a run ends.
    ui.seeResults.hidden = false;
    // The report's tables are written when shown (report.html is built then, and kept for its download).
    ui.reportTables.hidden = false;
    ui.reportTablesBody.replaceChildren();
    if (ui.reportTables.open) setTimeout(showReportTables);
    const run = ++runsDrawn;
    void chartsSettled(ui.results).then(() => {
      // A newer run has taken the charts over: its own figures follow.
      if (run !== runsDrawn) return;
      const tDrawn = performance.now();
      performance.measure('carecast:draw-results', { start: tSummarised, end: tDrawn });
      const seconds = (tDrawn - clickedAt) / 1000;
      ui.runStatus.textContent = `${settings.replications} replications, seed ${settings.seed}, in ${seconds.toFixed(2)} s (${WORKERS} Web Workers)`;
      // Where the time went, for the bench: from the click to the workers starting (the shown scenario
      // compiled), the simulation (workers), the summaries and files, the charts in view, every chart.
      const ms = (a: number, b: number): string => (b - a).toFixed(0);
      Object.assign(ui.runStatus.dataset, {
        startMs: ms(clickedAt, tStarted),
        simulateMs: ms(tStarted, tSimulated),
        summariseMs: ms(tSimulated, tSummarised),
        inViewMs: ms(tSummarised, tShown),
        drawMs: ms(tSummarised, tDrawn),
        shownSeconds: ((tShown - clickedAt) / 1000).toFixed(3),
        seconds: seconds.toFixed(3),
      });
      ui.runStatus.title =
        `from the click on Run to the charts in view drawn: ${((tShown - clickedAt) / 1000).toFixed(2)} s, to every chart drawn: ${seconds.toFixed(2)} s; ` +
        `simulated in ${ms(tStarted, tSimulated)} ms, summarised in ${ms(tSimulated, tSummarised)} ms, charts in view drawn in ${ms(tSummarised, tShown)} ms, every chart in ${ms(tSummarised, tDrawn)} ms`;
    }, (error: unknown) => {
      if (run === runsDrawn) ui.runStatus.textContent = `A chart of the results failed: ${error instanceof Error ? error.message : String(error)}`;
    });
  } catch (error) {
    ui.runStatus.textContent = controller.signal.aborted ? 'Cancelled; the previous results are kept.' : `The run failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(progressTimer);
    state.running = undefined;
    ui.run.disabled = false;
    ui.cancel.disabled = true;
    ui.progress.hidden = true;
    // Workers stopped by a cancel or a failure were replaced by fresh ones: they build the models again.
    prepareRun();
  }
}

/** The report's text and tables of the run shown, from its report.html, when their panel is open and empty. */
function showReportTables(): void {
  const report = state.downloads?.report;
  if (!report || !ui.reportTables.open || ui.reportTablesBody.childElementCount > 0) return;
  ui.reportTablesBody.replaceChildren(...reportTableSections(reportHtml(report)));
}

async function openLocalFile(file: File): Promise<void> {
  await open(localFile(file.name), await file.text());
}

/** Projections of the baseline each preview worker makes when the page opens, to warm its JIT: V8 settles the projection after 15-20 calls (3 left the previews at 64-65 ms in the worker, 15 at 35-39 ms; README, session 17); the worker stops warming as soon as a change waits. */
const PROJECTION_WARM_UPS = 15;

function setUp(): void {
  ui.shipped.append(Object.assign(new Option('(a file of yours is open)', ''), { disabled: true }));
  for (const name of SHIPPED.keys()) ui.shipped.append(new Option(name, name));
  for (const name of LEVER_NAMES) ui.newLever.append(new Option(name, name));
  const calibration = setUpCalibration((yaml) => open(localFile(CALIBRATED_FILE), yaml));
  const openLocal = (file: File): Promise<void> => {
    calibration.otherScenarioOpened();
    return openLocalFile(file);
  };
  ui.shipped.addEventListener('change', () => {
    calibration.otherScenarioOpened();
    void open(shippedFile(ui.shipped.value), SHIPPED.get(ui.shipped.value)!);
  });
  ui.openFile.addEventListener('change', () => {
    const file = ui.openFile.files?.[0];
    if (file) void openLocal(file);
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  // SSDA903 CSVs (or a folder of them) calibrate; a YAML file opens.
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    if (!e.dataTransfer) return;
    void droppedFiles(e.dataTransfer).then((files) => {
      if (files.some((f) => /\.csv$/i.test(f.path))) calibration.calibrate(files);
      else if (files[0]) void openLocal(files[0].file);
    });
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  ui.yaml.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void textChanged(ui.yaml.value, 'yaml'), 250);
  });
  ui.addLever.addEventListener('click', () => {
    if (!state.doc) return;
    writePendingText();
    addLever(state.doc, newLever(ui.newLever.value, state.edited?.params.start ?? '2025-04-01'));
    void textChanged(docText(state.doc), 'structure');
  });
  ui.run.addEventListener('click', (event) => void runMonteCarlo(event.timeStamp));
  ui.cancel.addEventListener('click', () => state.running?.abort());
  ui.reportTables.addEventListener('toggle', showReportTables);
  ui.downloadYaml.addEventListener('click', () => {
    const name = state.file.shown.slice(state.file.shown.lastIndexOf('/') + 1);
    download(name, ui.yaml.value, 'text/yaml');
  });
  ui.downloadResults.addEventListener('click', () => state.downloads && download('results.json', resultsJsonText(state.downloads.results), 'application/json'));
  ui.downloadCsv.addEventListener('click', () => state.downloads && download('summary.csv', summaryCsvText(state.downloads.results), 'text/csv'));
  ui.downloadReport.addEventListener('click', () => {
    const report = state.downloads?.report;
    if (report) download('report.html', reportHtml(report), 'text/html');
  });
  ui.downloadXlsx.addEventListener('click', () => {
    const report = state.downloads?.report;
    if (!report) return;
    ui.downloadXlsx.disabled = true;
    summaryWorkbook(report)
      .then((xlsx) => download('summary.xlsx', xlsx as Uint8Array<ArrayBuffer>, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'))
      .catch((error: unknown) => (ui.runStatus.textContent = `summary.xlsx failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (ui.downloadXlsx.disabled = state.downloads === undefined));
  });
  // The run's workers start once the first preview is drawn (loading the engine's code), not when Run
  // is pressed, and not while the page projects the baseline and draws its charts on a cold JIT: on 2
  // cores their start took the CPU from that first preview.
  void open(shippedFile('baseline.yaml'), SHIPPED.get('baseline.yaml')!).then(() => {
    prepareWorkers(WORKERS);
    document.body.dataset['ready'] = 'true';
    // The preview's workers start now and project the baseline a few times (results dropped), so the
    // first lever moved finds them loaded and their code compiled by V8's optimising tiers.
    if (state.baseline) void warmProjectionWorkers(state.baseline.params, PROJECTION_WARM_UPS);
  });
}

setUp();
