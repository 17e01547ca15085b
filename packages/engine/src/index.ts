export { EventQueue } from './kernel/event-queue.js';
export { Simulator, type Action, type EventHandle } from './kernel/simulator.js';
export { deriveStream, type UniformSource } from './random/streams.js';
export { RandomStream } from './random/random-stream.js';
export * from './model/ids.js';
export * from './model/dates.js';
export type * from './model/parameters.js';
export * from './results/types.js';
