import { exp, log } from './exact-math.js';

// Standard exponential variates by the ziggurat (Marsaglia and Tsang, "The ziggurat method for
// generating random variables", 2000: 256 layers of equal area under e^-x), from uniforms that carry 32
// random bits (k / 2^32, as every stream here draws). A draw's low 8 bits pick the layer and its high
// 24 bits the point along it; about 98.9% of draws fall inside their layer's rectangle and cost a
// comparison and a multiplication, the rest are decided by e^-x at the layer's edge (further uniforms)
// or come from the tail beyond the last layer (a logarithm). The distribution is exact up to the
// 24-bit grid of each layer (P(X > x) = e^-x; test/random/exponential.spec.ts). The tables are built
// with the engine's exact exp and log (exact-math.ts), so every JavaScript engine draws the same bits.

const LAYERS = 256;
/** Points along a layer: the high 24 bits of a 32-bit draw. */
const POSITIONS = 2 ** 24;
/** Where the tail starts (the right edge of the bottom layer). */
const TAIL_START = 7.697117470131487;
/** The area of each layer (and of the bottom layer with its tail). */
const LAYER_AREA = 3.949659822581572e-3;

/** Per layer: the position below which a point is inside the layer's rectangle (whole numbers). */
const inside = new Uint32Array(LAYERS);
/** Per layer: the x of one position (layer width / 2^24). */
const width = new Float64Array(LAYERS);
/** Per layer: e^-x at its right edge, the bottom of the layer (index 0: the top of layer 1, e^0 = 1). */
const height = new Float64Array(LAYERS);
{
  let de = TAIL_START;
  let te = de;
  const q = LAYER_AREA / exp(-de);
  inside[0] = Math.floor((de / q) * POSITIONS);
  inside[1] = 0;
  width[0] = q / POSITIONS;
  width[LAYERS - 1] = de / POSITIONS;
  height[0] = 1;
  height[LAYERS - 1] = exp(-de);
  for (let i = LAYERS - 2; i >= 1; i--) {
    de = -log(LAYER_AREA / de + exp(-de));
    inside[i + 1] = Math.floor((de / te) * POSITIONS);
    te = de;
    height[i] = exp(-de);
    width[i] = de / POSITIONS;
  }
}

const TWO_32 = 4294967296;

/**
 * One standard exponential variate (mean 1) from the uniform `u` (k / 2^32 on [0, 1), a stream's next
 * number) and, for the few per cent of draws outside their layer's rectangle, further uniforms from
 * `draw(a, b)`, the same stream (`a` and `b` are passed through, so a child's stream is drawn without a
 * closure). The caller draws `u` itself, so the usual path calls no function it is given.
 */
export function standardExponential<A>(u: number, draw: (a: A, b: number) => number, a: A, b: number): number {
  const bits = (u * TWO_32) >>> 0;
  const layer = bits & (LAYERS - 1);
  const position = bits >>> 8;
  if (position < inside[layer]!) return position * width[layer]!;
  return outsideRectangle(draw, a, b, layer, position);
}

/** The rest of `standardExponential` for a draw outside its layer's rectangle. */
function outsideRectangle<A>(draw: (a: A, b: number) => number, a: A, b: number, layer: number, position: number): number {
  for (;;) {
    if (layer === 0) return TAIL_START - log(1 - draw(a, b));
    const x = position * width[layer]!;
    if (height[layer]! + draw(a, b) * (height[layer - 1]! - height[layer]!) < exp(-x)) return x;
    const bits = (draw(a, b) * TWO_32) >>> 0;
    layer = bits & (LAYERS - 1);
    position = bits >>> 8;
    if (position < inside[layer]!) return position * width[layer]!;
  }
}
