/**
 * Serves the built single-page app. Any HTML GET outside /api/ that is not a file gets index.html
 * (client-side routes such as /bodies/3 must survive a reload); everything else gets a JSON 404.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sendError } from './errors.ts';

interface WebOptions {
  root: string | false;
}

async function webPlugin(app: FastifyInstance, opts: WebOptions) {
  const root = opts.root ? resolve(opts.root) : null;
  const hasIndex = root !== null && existsSync(join(root, 'index.html'));
  if (root && hasIndex) {
    await app.register(fastifyStatic, { root, wildcard: true, index: 'index.html' });
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
