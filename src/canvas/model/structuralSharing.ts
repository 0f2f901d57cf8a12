/**
 * Deep equality of plain data (records, arrays, primitives; other objects by identity).
 * The topology is rebuilt on every edit; comparing a node with its previous version lets the canvas
 * keep the previous object, so memoised node components skip rendering what did not change.
 */
export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index += 1) {
      if (!isDeepEqual(a[index], b[index])) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  // Plain records only (the engine makes label maps without a prototype).
  const isPlain = (value: object) => {
    const prototype: unknown = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
  };
  if (!isPlain(a) || !isPlain(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  const bRecord = b as Record<string, unknown>;
  const aRecord = a as Record<string, unknown>;
  for (const key of aKeys) {
    if (!Object.hasOwn(bRecord, key) || !isDeepEqual(aRecord[key], bRecord[key])) return false;
  }
  return true;
}

/** `next`, or `previous` when they are deeply equal (so that identity means "unchanged"). */
export function keepIfEqual<T>(previous: T | undefined, next: T): T {
  return previous !== undefined && isDeepEqual(previous, next) ? previous : next;
}
