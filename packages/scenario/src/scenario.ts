import type { ScenarioFile } from './file/scenario-file.js';

/** A complete scenario (a file with its `extends` chain merged, or one built in code). */
export type Scenario = Omit<ScenarioFile, 'extends' | '$schema'>;
