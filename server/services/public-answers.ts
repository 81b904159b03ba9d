/**
 * 公開ページとオープンデータの応答 (issue 21): every public answer (HTML page, JSON, CSV) of a body is made once
 * per version of its source — the latest closed quarter as closed, and HQ's publication — and kept in the
 * response cache (server/cache/): "cached by quarter". The version is the ETag; answers are
 * `public, no-cache` (a proxy or browser may keep them and must revalidate, 304 when unchanged).
 * No answer sets a cookie.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildPublicView, publicSource, type PublicSource, type PublicViewData } from './public-view.ts';

export const PUBLIC_CACHE_CONTROL = 'public, no-cache';

/** The public view of the source, from the cache while its version holds. */
export function cachedView(req: FastifyRequest, src: PublicSource): PublicViewData {
  const bytes = req.server.responseCache.get(`public:view:${src.bodyId}`, src.version, () => JSON.stringify(buildPublicView(req.server.db, src)));
  return JSON.parse(bytes.toString('utf8')) as PublicViewData;
}

/**
 * Answers one public document of a body: `variant` names it in the cache ("html", "item:12", "csv:items" …),
 * `make` renders it from the view (run only when the cache has no answer of this version). Everything that can
 * refuse (no public page, an item not published) runs before any header is set, so a 404 carries neither the
 * ETag nor `headers` (a CSV's Content-Disposition), and a 304 is only ever the answer to a document that exists.
 */
export function sendPublic(
  req: FastifyRequest,
  reply: FastifyReply,
  bodyCode: string,
  variant: string,
  contentType: string,
  make: (view: PublicViewData) => string,
  headers: Record<string, string> = {},
) {
  const src = publicSource(req.server.db, bodyCode);
  const body = req.server.responseCache.get(`public:${src.bodyId}:${variant}`, src.version, () => make(cachedView(req, src)));
  const etag = `W/"public-${src.bodyId}-${variant}@${src.version}"`;
  reply.headers({ ...headers, etag, 'cache-control': PUBLIC_CACHE_CONTROL });
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(contentType).send(body);
}
