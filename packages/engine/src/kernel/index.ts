// @carecast/engine/kernel: a general discrete-event kernel for developers who write their own models.
// The care model uses only the Simulator (and its EventQueue); processes, resources and the Tally /
// TimeWeighted statistics are offered for other models and tested here, not used by Carecast itself.
export { EventQueue } from './event-queue.js';
export { BucketQueue } from './bucket-queue.js';
export { Simulator, NEVER, type Action, type EventHandle } from './simulator.js';
export { CodedSimulator } from './coded-simulator.js';
export { Interrupt, Process, Signal, Timeout, Waitable, type ProcessBody, type Yieldable } from './process.js';
export { Resource, Request } from './resource.js';
export { Tally } from './stats/tally.js';
export { TimeWeighted } from './stats/time-weighted.js';
export { deriveStream, keyedStream, streamKey, type StreamKey, type UniformSource } from '../random/streams.js';
export { RandomStream } from '../random/random-stream.js';
