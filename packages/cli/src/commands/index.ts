import type { CommandEntry } from '../command.js';

/**
 * Every carecast command, in the order `--help` lists them: its name and how to load its module. A
 * command's module (and so the libraries it needs: the engine, the scenario loader, the report) is
 * imported only when that command runs or the full `--help` is shown, so `--version` and `validate`
 * start fast. Add a command in its own file and one line here.
 */
export const commands: readonly CommandEntry[] = [
  { name: 'run', load: async () => (await import('./run.js')).run },
  { name: 'compare', load: async () => (await import('./compare.js')).compare },
  { name: 'validate', load: async () => (await import('./validate.js')).validate },
  { name: 'report', load: async () => (await import('./report.js')).report },
  { name: 'calibrate', load: async () => (await import('./calibrate.js')).calibrate },
  { name: 'synth', load: async () => (await import('./synth.js')).synth },
  { name: 'backtest', load: async () => (await import('./backtest.js')).backtest },
  { name: 'explore', load: async () => (await import('./explore.js')).explore },
  { name: 'sweep', load: async () => (await import('./sweep.js')).sweep },
  { name: 'seek', load: async () => (await import('./seek.js')).seek },
];
