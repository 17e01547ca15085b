// Property tests explore new inputs on every local run; under CI they replay one fixed seed so that a
// submission's result is reproducible. FC_SEED replays a seed anywhere (fast-check prints it on failure).
import fc from 'fast-check';

const seed = process.env['FC_SEED'] ?? (process.env['CI'] ? '20261122' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
