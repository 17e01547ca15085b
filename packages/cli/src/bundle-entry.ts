// What dist/bin.js takes from the bundle (scripts/bundle.mjs bundles from this module): the command
// line, and the moment its code cache is written for the front end (front-end-done.ts).
export { main } from './main.js';
export { processIO } from './io.js';
export { whenFrontEndDone } from './front-end-done.js';
