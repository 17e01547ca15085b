// Stand-in for @resvg/resvg-js (native PNG rendering) in the browser bundle: the explorer builds
// report.html only (`images: false`), so the report's PNG renderer is never called.
export class Resvg {
  constructor() {
    throw new Error('PNG rendering is not available in the browser');
  }
}

export default { Resvg };
