/**
 * Compresses JSON answers of 1 KiB or more for browsers that accept it (brotli, else gzip). A dashboard
 * answer is ~20 KB of JSON and shrinks about 8×: on a 10 Mbps LGWAN link that is the difference between
 * waiting and not.
 *
 * Cached answers (server/cache/reply.ts) are the same Buffer object for as long as their data version
 * holds, so their compressed forms are remembered per Buffer in a WeakMap: a cache hit costs no
 * compression, and the compressed copies disappear with the cache entry. Streams (CSV/XLSX/PDF
 * downloads) and answers that already carry a Content-Encoding (pre-compressed web assets) are left
 * alone. Request bodies are never decompressed (no inflation of uploads).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

export const COMPRESS_MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/**
 * The encoding to use for an Accept-Encoding header: brotli if acceptable, else gzip, else none. Honours
 * q=0 ("not acceptable") and `*`.
 */
export function negotiateEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const ok = (enc: Encoding) => (q.get(enc) ?? q.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

export function compress(body: Buffer, encoding: Encoding): Buffer {
  // Quality 5 / level 6: close to the best ratio for JSON at a fraction of a millisecond per 20 KB.
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : gzipSync(body, { level: 6 });
}

const remembered = new WeakMap<Buffer, Partial<Record<Encoding, Buffer>>>();

function compressedOf(body: Buffer, encoding: Encoding): Buffer {
  let forms = remembered.get(body);
  if (!forms) remembered.set(body, (forms = {}));
  return (forms[encoding] ??= compress(body, encoding));
}

/**
 * Remembers compressed forms made elsewhere (a worker thread compresses the roll-ups it computes, so a
 * cache miss costs the event loop no compression either).
 */
export function rememberCompressed(body: Buffer, forms: Partial<Record<Encoding, Buffer>>): void {
  remembered.set(body, { ...remembered.get(body), ...forms });
}

function addVary(reply: FastifyReply) {
  const vary = reply.getHeader('vary');
  const current = typeof vary === 'string' ? vary : Array.isArray(vary) ? vary.join(', ') : '';
  if (!/\baccept-encoding\b/i.test(current)) reply.header('vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}

async function compressionPlugin(app: FastifyInstance) {
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.getHeader('content-encoding') !== undefined) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('application/json')) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    if (body.length < COMPRESS_MIN_BYTES) return payload;
    addVary(reply);
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    if (encoding === null) return payload;
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    // Strings are made afresh for every answer: nothing to remember them by.
    return typeof payload === 'string' ? compress(body, encoding) : compressedOf(body, encoding);
  });
}

export default fp(compressionPlugin, { name: 'compression' });
