/**
 * Serves the built single-page app. Any HTML GET outside /api/ that is not a file gets index.html
 * (client-side routes such as /bodies/3 must survive a reload); everything else gets a JSON 404.
 *
 * Caching: files under /assets/ carry a content hash in their name (Vite), so they never change —
 * `immutable` for a year, and a warm page load asks the server for nothing but index.html and the API.
 * Everything else (index.html, favicon) is revalidated on every load (`no-cache` + ETag/Last-Modified),
 * so a new release is picked up at once. The build writes `.br` and `.gz` beside each asset
 * (web/vite.config.ts); they are sent to browsers that accept them, with `Vary: Accept-Encoding`.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sendError } from './errors.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

interface WebOptions {
  root: string | false;
}

async function webPlugin(app: FastifyInstance, opts: WebOptions) {
  const root = opts.root ? resolve(opts.root) : null;
  const hasIndex = root !== null && existsSync(join(root, 'index.html'));
  if (root && hasIndex) {
    // index.html, favicon…: revalidated. This instance also gives reply.sendFile (the SPA fallback).
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      index: 'index.html',
      setHeaders: (reply) => reply.header('cache-control', REVALIDATE),
    });
    // Hashed build output: immutable, and sent pre-compressed (.br / .gz written by the build).
    await app.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      preCompressed: true,
      setHeaders: (reply) => reply.header('cache-control', IMMUTABLE),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
    if (hasIndex && wantsHtml && !req.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendError(reply, 404, {
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      error: 'Not Found',
      message: `${req.method} ${req.url.split('?')[0]} というAPIはありません。`,
    });
  });
}

export default fp(webPlugin, { name: 'web' });
