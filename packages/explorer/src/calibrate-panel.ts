import CalibrateWorker from './calibrate-worker.ts?worker&inline';
import type { CalibrationReply, CalibrationRequest } from './calibration.js';
import { referenceProblem } from './calibration.js';
import { download } from './download.js';
import { pickedFiles, type PickedFile } from './dropped-files.js';

/** The name the calibrated scenario opens under (as `carecast calibrate --out calibrated.yaml`). */
export const CALIBRATED_FILE = 'calibrated.yaml';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Duration bands in days from `90,365,730`, as the command line's --duration-bands; a string is the problem. */
function durationBands(text: string): number[] | undefined | string {
  if (text.trim() === '') return undefined;
  const parts = text.split(',').map((s) => s.trim());
  const days = parts.map(Number);
  if (parts.some((p) => p === '') || days.some((d, i) => !Number.isInteger(d) || d <= 0 || (i > 0 && d <= days[i - 1]!))) {
    return `Duration bands: expected increasing whole days separated by commas, e.g. 90,365,730; got ${JSON.stringify(text)}`;
  }
  return days;
}

export interface CalibrationPanel {
  /** Calibrates from SSDA903 files picked or dropped. */
  calibrate(files: PickedFile[]): void;
  /**
   * Another scenario was opened (a shipped one or a file of the user's): a failed calibration's message,
   * which said that what was open is kept, no longer describes the page, so it goes.
   */
  otherScenarioOpened(): void;
}

/**
 * The "calibrate from SSDA903 returns" panel: files picked or dropped go to a Web Worker, which reads and
 * fits them as `carecast calibrate` does; the data-quality summary shows here and the scenario opens
 * through `onScenario`. A problem shows with its file, line and column and leaves what is open in place.
 */
export function setUpCalibration(onScenario: (yaml: string) => Promise<void>): CalibrationPanel {
  const ui = {
    folder: $<HTMLInputElement>('ssda-folder'),
    files: $<HTMLInputElement>('ssda-files'),
    start: $<HTMLInputElement>('reference-start'),
    end: $<HTMLInputElement>('reference-end'),
    horizon: $<HTMLInputElement>('calibrate-horizon'),
    bands: $<HTMLInputElement>('duration-bands'),
    suppress: $<HTMLInputElement>('suppress'),
    force: $<HTMLInputElement>('force'),
    again: $<HTMLButtonElement>('calibrate-again'),
    status: $('calibrate-status'),
    errors: $('calibrate-errors'),
    quality: $('quality'),
    downloadQuality: $<HTMLButtonElement>('download-quality'),
  };
  let last: PickedFile[] = [];
  let running: Worker | undefined;
  let qualityPage: string | undefined;
  let failed = false;

  const fail = (message: string): void => {
    failed = true;
    const line = document.createElement('p');
    line.className = 'issue';
    line.textContent = message;
    ui.errors.replaceChildren(line);
    ui.status.textContent = 'Not calibrated; what was open is kept.';
  };

  const calibrate = (files: PickedFile[]): void => {
    if (files.length === 0) return;
    last = files;
    failed = false;
    ui.again.disabled = false;
    ui.errors.replaceChildren();
    const problem = referenceProblem(ui.start.value, ui.end.value);
    const bands = durationBands(ui.bands.value);
    const horizonYears = Number(ui.horizon.value);
    const suppressBelow = Number(ui.suppress.value);
    if (problem !== undefined) return fail(problem);
    if (typeof bands === 'string') return fail(bands);
    if (!Number.isInteger(horizonYears) || horizonYears < 1 || horizonYears > 50) return fail('Horizon: expected whole years from 1 to 50');
    if (!Number.isInteger(suppressBelow) || suppressBelow < 0 || suppressBelow > 100) return fail('Show counts under: expected a whole number from 0 to 100');
    running?.terminate();
    const worker = new CalibrateWorker();
    running = worker;
    const t0 = performance.now();
    ui.status.textContent = `Reading ${files.length} files and calibrating…`;
    const request: CalibrationRequest = {
      files: files.map((f) => ({ path: f.path, file: f.file })),
      referenceStart: ui.start.value,
      referenceEnd: ui.end.value,
      horizonYears,
      ...(bands ? { durationBandsDays: bands } : {}),
      suppressBelow,
      maxDroppedPercent: 10,
      force: ui.force.checked,
      out: CALIBRATED_FILE,
    };
    worker.onmessage = (event: MessageEvent<CalibrationReply>) => {
      worker.terminate();
      if (running !== worker) return;
      running = undefined;
      const reply = event.data;
      if (reply.qualityText !== undefined) ui.quality.textContent = reply.qualityText;
      if (!reply.ok) return fail(reply.message);
      ui.start.value = reply.referenceStart;
      ui.end.value = reply.referenceEnd;
      qualityPage = reply.qualityPage;
      ui.downloadQuality.disabled = false;
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      ui.status.textContent = `${CALIBRATED_FILE}: ${reply.summary} (${seconds} s; as carecast calibrate --reference ${reply.referenceStart}:${reply.referenceEnd})`;
      ui.errors.replaceChildren(
        ...reply.warnings.map((w) => {
          const line = document.createElement('p');
          line.className = 'warning';
          line.textContent = `warning: ${w}`;
          return line;
        }),
      );
      void onScenario(reply.yaml);
    };
    worker.onerror = (event) => {
      worker.terminate();
      if (running === worker) running = undefined;
      fail(`calibration failed: ${event.message}`);
    };
    worker.postMessage(request);
  };

  ui.folder.addEventListener('change', () => ui.folder.files && calibrate(pickedFiles(ui.folder.files)));
  ui.files.addEventListener('change', () => ui.files.files && calibrate(pickedFiles(ui.files.files)));
  ui.again.addEventListener('click', () => calibrate(last));
  ui.downloadQuality.addEventListener('click', () => qualityPage && download('calibrated.quality.html', qualityPage, 'text/html'));
  const otherScenarioOpened = (): void => {
    if (!failed) return;
    failed = false;
    ui.errors.replaceChildren();
    ui.status.textContent = '';
  };
  return { calibrate, otherScenarioOpened };
}
