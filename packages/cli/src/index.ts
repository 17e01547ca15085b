export { main, cliVersion } from './main.js';
export { memoryIO, processIO, type CliIO } from './io.js';
export { commands } from './commands/index.js';
export type { CliCommand, CommandEntry, Args } from './command.js';
export { UsageError, EXIT } from './errors.js';
export { writeDirAtomically, type OutputFiles } from './output/atomic-dir.js';
export { writeFilesTogether } from './output/atomic-files.js';
