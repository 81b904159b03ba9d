/**
 * ResponseCache.getAsync (issue 16): answers made off the event loop (the roll-up worker) are kept under
 * the data version they were made from; requests that see the same version share one computation; an
 * answer made from another version than a request saw is not used by it (never older than what it saw).
 */
import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../server/cache/response-cache.ts';

const answer = (version: string, text: string) => ({ version, body: Buffer.from(text) });

describe('ResponseCache.getAsync', () => {
  it('shares one computation among the requests that saw the same version, then answers from the cache', async () => {
    const cache = new ResponseCache();
    let made = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const make = async () => {
      made++;
      await gate;
      return answer('1.1', 'national@1.1');
    };
    const both = Promise.all([cache.getAsync('national', '1.1', make), cache.getAsync('national', '1.1', make)]);
    release();
    const [a, b] = await both;
    expect(made).toBe(1);
    expect(a.body.toString()).toBe('national@1.1');
    expect(b.body).toBe(a.body);
    expect((await cache.getAsync('national', '1.1', make)).body).toBe(a.body);
    expect(made).toBe(1);
  });

  it('a request does not use a shared answer made from another version than it saw: it makes its own', async () => {
    const cache = new ResponseCache();
    // The first asker saw 1.2 while that write was not yet committed: the worker's snapshot was 1.1.
    const first = cache.getAsync('national', '1.2', async () => answer('1.1', 'old'));
    const second = cache.getAsync('national', '1.2', async () => answer('1.2', 'new'));
    expect((await first).body.toString()).toBe('old'); // the first asker: nothing was acknowledged after it arrived
    expect((await second).body.toString()).toBe('new');
    // Kept under the version each was made from: 1.2 is now a hit.
    expect((await cache.getAsync('national', '1.2', async () => answer('1.2', 'again'))).body.toString()).toBe('new');
  });

  it('a failed computation is not cached and the next request tries again', async () => {
    const cache = new ResponseCache();
    await expect(cache.getAsync('k', '1', async () => Promise.reject(new Error('worker failed')))).rejects.toThrow('worker failed');
    expect((await cache.getAsync('k', '1', async () => answer('1', 'ok'))).body.toString()).toBe('ok');
  });
});
