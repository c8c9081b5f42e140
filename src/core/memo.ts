// A bounded cache for pure functions of strings or numbers that the reader calls for every cell
// (labels and figures repeat across sheets and rows); cleared when full so random input cannot grow it.
export function boundedMemo<K, V>(fn: (key: K) => V, max = 20000): (key: K) => V {
  const cache = new Map<K, V>();
  return (key: K): V => {
    // One lookup on a hit (the common case); has() only for a cached undefined.
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = fn(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}
