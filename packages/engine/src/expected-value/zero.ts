/**
 * Sets every element of a small scratch array to 0 (session 19). `Float64Array#fill` is a builtin
 * written in C++ that optimised code calls through the runtime, about 40-80 ns a call however short
 * the array; the projection zeroes arrays of a dozen numbers once per vector moved (tens of thousands of times
 * a projection of Anytown), where this loop is inlined. The same zeros, so the same results.
 */
export function zero(x: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) x[i] = 0;
  return x;
}
