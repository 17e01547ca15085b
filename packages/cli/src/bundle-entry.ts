// What dist/bin.js takes from the bundle (scripts/bundle.mjs bundles from this module): the command
// line, the moment its code cache is written for the front end, and when its long work is done (front-end-done.ts).
export { main } from './main.js';
export { processIO } from './io.js';
export { whenFrontEndDone, whenLongWorkDone } from './front-end-done.js';
