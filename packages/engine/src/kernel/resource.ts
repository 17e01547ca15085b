import { Tally } from './stats/tally.js';
import { TimeWeighted } from './stats/time-weighted.js';
import { Waitable } from './process.js';
import type { Simulator } from './simulator.js';

type RequestState = 'waiting' | 'granted' | 'released' | 'withdrawn';

/** A claim on one unit of a resource; finishes (with itself as value) when the unit is granted. */
export class Request extends Waitable<Request> {
  /** 'waiting' in line, 'granted' holding a unit, 'released' after release, 'withdrawn' if released while waiting. */
  state: RequestState = 'waiting';
  /** Time in days the request was made. */
  readonly requestedAt: number;
  /** Time in days the unit was granted; NaN until then. */
  grantedAt = NaN;

  constructor(
    sim: Simulator,
    /** The resource this request is for. */
    readonly resource: Resource,
  ) {
    super(sim);
    this.requestedAt = sim.now;
  }

  /** @internal Called by the resource when a unit is assigned to this request. */
  grant(): void {
    this.state = 'granted';
    this.grantedAt = this.sim.now;
    this.settle(this);
  }
}

/**
 * A pool of identical units (beds, foster households, social workers) with a first-in first-out
 * waiting line: `yield resource.request()` waits for a unit; `resource.release(request)` returns it.
 * Utilisation, line length and waiting times are recorded as it goes.
 */
export class Resource {
  private units: number;
  private busy = 0;
  private line: Request[] = [];
  private lineHead = 0;
  private lineCount = 0;
  /** Units in use over time (time-weighted; its mean divided by capacity is the utilisation). */
  readonly inUseLevel: TimeWeighted;
  /** Requests waiting over time (time-weighted). */
  readonly waitingLevel: TimeWeighted;
  /** Waiting time in days of each granted request, from request to grant. */
  readonly waitTimes = new Tally();

  constructor(
    private readonly sim: Simulator,
    capacity: number,
    /** A name for messages. */
    readonly name = 'resource',
  ) {
    Resource.checkCapacity(capacity, name);
    this.units = capacity;
    this.inUseLevel = new TimeWeighted(sim.now, 0);
    this.waitingLevel = new TimeWeighted(sim.now, 0);
  }

  /** Number of units. */
  get capacity(): number {
    return this.units;
  }

  /** Units currently granted. */
  get inUse(): number {
    return this.busy;
  }

  /** Units free now. */
  get available(): number {
    return Math.max(0, this.units - this.busy);
  }

  /** Requests waiting in line. */
  get waiting(): number {
    return this.lineCount;
  }

  /**
   * Asks for one unit. The request is granted at once when a unit is free and nobody waits;
   * otherwise it joins the back of the line.
   */
  request(): Request {
    const request = new Request(this.sim, this);
    if (this.busy < this.units && this.lineCount === 0) {
      this.assign(request);
    } else {
      this.line.push(request);
      this.lineCount++;
      this.waitingLevel.set(this.sim.now, this.lineCount);
    }
    return request;
  }

  /**
   * Returns the unit held by `request` and grants it to the head of the line; a request still
   * waiting leaves the line instead.
   */
  release(request: Request): void {
    if (request.resource !== this) throw new Error(`${this.name}: release of a request made to ${request.resource.name}`);
    if (request.state === 'granted') {
      request.state = 'released';
      this.busy--;
      this.inUseLevel.set(this.sim.now, this.busy);
      this.grantWaiting();
    } else if (request.state === 'waiting') {
      request.state = 'withdrawn';
      this.lineCount--;
      this.waitingLevel.set(this.sim.now, this.lineCount);
    } else {
      throw new Error(`${this.name}: request released twice (it was ${request.state})`);
    }
  }

  /** Changes the number of units (e.g. households recruited or lost); units in use are never taken back. */
  setCapacity(capacity: number): void {
    Resource.checkCapacity(capacity, this.name);
    this.units = capacity;
    this.grantWaiting();
  }

  private grantWaiting(): void {
    while (this.busy < this.units && this.lineCount > 0) {
      const request = this.line[this.lineHead]!;
      this.line[this.lineHead++] = undefined as unknown as Request;
      if (request.state !== 'waiting') continue;
      this.lineCount--;
      this.waitingLevel.set(this.sim.now, this.lineCount);
      this.assign(request);
    }
    if (this.lineCount === 0) {
      this.line = [];
      this.lineHead = 0;
    } else if (this.lineHead > 64 && this.lineHead * 2 > this.line.length) {
      this.line = this.line.slice(this.lineHead);
      this.lineHead = 0;
    }
  }

  private assign(request: Request): void {
    this.busy++;
    this.inUseLevel.set(this.sim.now, this.busy);
    this.waitTimes.add(this.sim.now - request.requestedAt);
    request.grant();
  }

  private static checkCapacity(capacity: number, name: string): void {
    if (!(capacity >= 0) || capacity !== Math.floor(capacity)) {
      throw new RangeError(`${name}: capacity must be a whole number >= 0, got ${capacity}`);
    }
  }
}
