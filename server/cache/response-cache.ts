/**
 * Serialized JSON answers kept in memory with the data version they were made from (server/cache/versions.ts).
 * An entry is served only while the version is unchanged, so the cache never answers with stale data; it only
 * saves recomputing an answer nothing has changed since. Least recently used entries go first, bounded by
 * count and by bytes so the server's memory stays flat however many bodies and dates are asked for.
 */
export class ResponseCache {
  private readonly entries = new Map<string, { version: string; body: Buffer }>();
  /** Answers being made off the loop, by key and the version the first asker saw. */
  private readonly flights = new Map<string, Promise<{ version: string; body: Buffer }>>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  /**
   * The cached UTF-8 JSON of `key` if it was made from `version`; otherwise `make()`'s, remembered. Kept
   * as bytes: encoding a 20 KB string to UTF-8 on every send cost more than the rest of a cached request.
   */
  get(key: string, version: string, make: () => string): Buffer {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.hits++;
      this.entries.delete(key); // re-insert: Map order is the LRU order
      this.entries.set(key, hit);
      return hit.body;
    }
    this.misses++;
    const body = Buffer.from(make(), 'utf8');
    this.store(key, version, body);
    return body;
  }

  private store(key: string, version: string, body: Buffer) {
    this.drop(key);
    if (body.length <= this.maxBytes) {
      this.entries.set(key, { version, body });
      this.bytes += body.length;
      while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) this.drop(this.entries.keys().next().value!);
    }
  }

  /**
   * Like `get`, for answers made off the event loop (server/workers/): `make` reads the data version
   * with the answer from one snapshot, and the answer is kept under the version it was made from.
   * Requests that see the same version while one is being made wait for it instead of making another
   * (a burst of readers after a write costs one computation); they use it only if it was made from that
   * very version, otherwise they make their own — an answer is never older than what a request saw.
   */
  async getAsync(key: string, version: string, make: () => Promise<{ version: string; body: Buffer }>): Promise<{ version: string; body: Buffer }> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const flightKey = `${key}@${version}`;
    const joined = this.flights.get(flightKey);
    if (joined) {
      const made = await joined;
      if (made.version === version) return made;
    }
    this.misses++;
    const flight = make();
    this.flights.set(flightKey, flight);
    try {
      const made = await flight;
      this.store(key, made.version, made.body);
      return made;
    } finally {
      if (this.flights.get(flightKey) === flight) this.flights.delete(flightKey);
    }
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
    this.bytes -= e.body.length;
    this.entries.delete(key);
  }
}
