// A bounded cache for pure functions of strings or numbers that the reader calls for every cell
// (labels and figures repeat across sheets and rows); cleared when full so random input cannot grow it.
export function boundedMemo<K, V>(fn: (key: K) => V, max = 20000): (key: K) => V {
  const cache = new Map<K, V>();
  return (key: K): V => {
    if (cache.has(key)) return cache.get(key)!;
    const value = fn(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}
