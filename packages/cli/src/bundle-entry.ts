// What dist/bin.js takes from the bundle (scripts/bundle.mjs bundles from this module).
export { main } from './main.js';
export { processIO } from './io.js';
