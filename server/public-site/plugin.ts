/**
 * The residents' pages (issue 21), outside /api and outside the web app: `/public/:bodyCode` and
 * `/public/:bodyCode/items/:itemId`, server-rendered HTML (pages.ts) with one stylesheet at
 * `/public/assets/public.css`. No session is read and no cookie is set (the auth plugin handles /api only);
 * the per-address limit of cost `publicRead` applies (plugins/limits.ts). A body without a public page, an
 * item not published and an id that does not exist are the same 404 page.
 */
import { readFileSync } from 'node:fs';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { PUBLIC_ROUTES } from '../routes/public.ts';
import { sendPublic } from '../services/public-answers.ts';
import { publicItem } from '../services/public-view.ts';
import { liveLinks, renderIndex, renderItem } from './pages.ts';
import { esc } from './html.ts';

export const PUBLIC_CSS = readFileSync(new URL('./public.css', import.meta.url), 'utf8');
const HTML = 'text/html; charset=utf-8';

export function notFoundPage(message: string): string {
  return `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>ページが見つかりません</title><link rel="stylesheet" href="/public/assets/public.css"></head>
<body><main id="main"><h1>ページが見つかりません</h1><p>${esc(message)}</p></main></body>
</html>
`;
}

async function htmlOrNotFound(reply: FastifyReply, send: () => unknown) {
  try {
    return await send();
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 404) return reply.code(404).type(HTML).header('cache-control', 'no-cache').send(notFoundPage(err.message));
    throw err;
  }
}

/** The route's rule and cost (auth/rules.ts), read by the limits plugin. */
const PAGE = PUBLIC_ROUTES.view as FastifyContextConfig;
const ITEM_PAGE = PUBLIC_ROUTES.item as FastifyContextConfig;
/** The stylesheet is a constant string: not counted against the per-address limit. */
const STYLESHEET = { rule: { access: 'public' }, cost: 'public' } as FastifyContextConfig;

const CODE = /^[0-9]{6}$/;
const ID = /^[1-9][0-9]{0,9}$/;

export default async function publicSite(app: FastifyInstance) {
  app.get('/public/assets/public.css', { config: STYLESHEET }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, no-cache').send(PUBLIC_CSS),
  );

  app.get('/public/:bodyCode', { config: PAGE }, async (req: FastifyRequest, reply) =>
    htmlOrNotFound(reply, () => {
      const code = (req.params as { bodyCode: string }).bodyCode;
      if (!CODE.test(code)) throw new AppError(404, 'NOT_FOUND', 'この団体の公開ページはありません。');
      return sendPublic(req, reply, code, 'html', HTML, (v) => renderIndex(v, liveLinks(code)));
    }),
  );

  app.get('/public/:bodyCode/items/:itemId', { config: ITEM_PAGE }, async (req: FastifyRequest, reply) =>
    htmlOrNotFound(reply, () => {
      const { bodyCode: code, itemId } = req.params as { bodyCode: string; itemId: string };
      if (!CODE.test(code)) throw new AppError(404, 'NOT_FOUND', 'この団体の公開ページはありません。');
      if (!ID.test(itemId) || Number(itemId) > 2_147_483_647) throw new AppError(404, 'NOT_FOUND', `指定された取組は公開されていません。`);
      const id = Number(itemId);
      return sendPublic(req, reply, code, `html:item:${id}`, HTML, (v) => renderItem(v, publicItem(v, id), liveLinks(code)));
    }),
  );
}
