/** The typed arrays the simulation's stores hold per child or young person. */
type StoreArray = Float64Array | Int32Array | Int8Array | Uint8Array;

/** A copy of `a` with `length` elements (the new ones zero): how the child and care-leaver stores grow. */
export function grown<T extends StoreArray>(a: T, length: number): T {
  const b = new (a.constructor as new (length: number) => T)(length);
  b.set(a);
  return b;
}
