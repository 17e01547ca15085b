// The calibration's Web Worker: reads the dropped SSDA903 files and fits the scenario off the page's
// thread (a national stack takes seconds), then posts the reply; the page ends it.
import { calibrateFiles, type CalibrationRequest } from './calibration.js';

const scope = globalThis as unknown as {
  onmessage: ((event: { data: CalibrationRequest }) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  void calibrateFiles(event.data).then((reply) => scope.postMessage(reply));
};
