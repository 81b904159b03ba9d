/**
 * Serialized JSON answers kept in memory with the data version they were made from (server/cache/versions.ts).
 * An entry is served only while the version is unchanged, so the cache never answers with stale data; it only
 * saves recomputing an answer nothing has changed since. Least recently used entries go first, bounded by
 * count and by bytes so the server's memory stays flat however many bodies and dates are asked for.
 */
export class ResponseCache {
  private readonly entries = new Map<string, { version: string; json: string }>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  /** The cached JSON of `key` if it was made from `version`; otherwise `make()`'s, remembered. */
  get(key: string, version: string, make: () => string): string {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.hits++;
      this.entries.delete(key); // re-insert: Map order is the LRU order
      this.entries.set(key, hit);
      return hit.json;
    }
    this.misses++;
    const json = make();
    this.drop(key);
    if (json.length * 2 <= this.maxBytes) {
      this.entries.set(key, { version, json });
      this.bytes += json.length * 2; // UTF-16 in memory
      while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) this.drop(this.entries.keys().next().value!);
    }
    return json;
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  get size() {
    return this.entries.size;
  }

  private drop(key: string) {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.json.length * 2;
    this.entries.delete(key);
  }
}
