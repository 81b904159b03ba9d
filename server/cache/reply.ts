/**
 * Answers a GET from the response cache: the JSON is made (and serialized through the route's response
 * schema, exactly as an uncached answer would be) only when the data version changed. The version is also
 * the ETag, so a browser that already has this answer gets a 304 without a body.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rememberCompressed } from '../plugins/compression.ts';
import type { VersionedJson } from '../workers/jobs.ts';

/** Response schema entry for routes answered through `sendVersioned`. */
export const notModified = { 304: Type.Null({ description: '前回と同じ内容（If-None-Match の ETag が一致）' }) } as const;

export function sendVersioned(req: FastifyRequest, reply: FastifyReply, key: string, version: string, make: () => unknown) {
  const etag = `W/"${key}@${version}"`;
  reply.header('etag', etag).header('cache-control', 'private, no-cache');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  const json = req.server.responseCache.get(key, version, () => reply.serialize(make()) as string);
  return reply.type('application/json; charset=utf-8').send(json);
}

/**
 * `sendVersioned` for answers made off the event loop (server/workers/, already serialized with the
 * route's schema): the ETag names the version the answer was made from.
 */
export async function sendVersionedAsync(req: FastifyRequest, reply: FastifyReply, key: string, version: string, make: () => Promise<VersionedJson>) {
  reply.header('cache-control', 'private, no-cache');
  if (req.headers['if-none-match'] === `W/"${key}@${version}"`) return reply.header('etag', `W/"${key}@${version}"`).code(304).send();
  const made = await req.server.responseCache.getAsync(key, version, async () => {
    const m = await make();
    // Bytes from the thread arrive as Uint8Arrays: viewed as Buffers without copying.
    const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
    const body = buf(m.json);
    rememberCompressed(body, { br: buf(m.br), gzip: buf(m.gzip) });
    return { version: m.version, body };
  });
  return reply.header('etag', `W/"${key}@${made.version}"`).type('application/json; charset=utf-8').send(made.body);
}
