// A bounded cache for pure functions of strings or numbers that the reader calls for every cell
// (labels and figures repeat across sheets and rows); cleared when full so random input cannot grow it.
// Long texts (a project description of 100,000 characters) are not kept: they do not repeat, and a cache full of
// them would hold their text long after their workbook is done.
export const MEMO_MAX_KEY_CHARS = 1024;

export function boundedMemo<K, V>(fn: (key: K) => V, max = 20000): (key: K) => V {
  const cache = new Map<K, V>();
  return (key: K): V => {
    if (typeof key === "string" && key.length > MEMO_MAX_KEY_CHARS) return fn(key);
    // One lookup on a hit (the common case); has() only for a cached undefined.
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = fn(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}

/**
 * What is computed once for an object (a table's code index, a sheet's merge boxes), kept on the object itself under
 * a symbol, not enumerable: copies, JSON and deep comparisons do not see it, and it goes when the object goes.
 * Not a WeakMap: V8's young-generation collector keeps a WeakMap's values alive while their keys are young, so every
 * workbook's tables were promoted to the old generation through the caches (a folder check collected twice as much).
 */
export function cachedOn<K extends object, V>(key: K, slot: symbol, make: (key: K) => V): V {
  const hit = (key as Record<symbol, unknown>)[slot];
  if (hit !== undefined) return hit as V;
  const value = make(key);
  keepOn(key, slot, value);
  return value;
}

/** Keeps `value` on `key` under `slot` (see cachedOn); an object that cannot take it (frozen) is left as it is. */
export function keepOn<K extends object, V>(key: K, slot: symbol, value: V): void {
  if (Object.isExtensible(key)) Object.defineProperty(key, slot, { value, writable: true, configurable: true });
}
