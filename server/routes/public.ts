import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { RouteTable } from '../auth/rules.ts';
import { notModified } from '../cache/reply.ts';
import { errorRef } from '../schemas/common.ts';
import { BodyCodeParams, PublicFileParams, PublicItem, PublicItemParams, PublicView, PUBLIC_TABLES } from '../schemas/public.ts';
import { publicItem } from '../services/public-view.ts';
import { publicTableCsv, PUBLIC_TABLE_FILES, type PublicTable } from '../services/public-data.ts';
import { sendPublic } from '../services/public-answers.ts';
import { contentDisposition } from '../services/quarter-exports.ts';

/**
 * 公開ページのデータとオープンデータ (issue 21): no session, read-only, limited per client address (cost
 * `publicRead`), cached per closed quarter and publication. Anything not published — a body without a public
 * page, an item not published, an id of another body — is the same 404.
 */
export const PUBLIC_ROUTES = {
  view: { rule: { access: 'public' }, cost: 'publicRead' },
  item: { rule: { access: 'public' }, cost: 'publicRead' },
  table: { rule: { access: 'public' }, cost: 'publicRead' },
} as const satisfies RouteTable;

const publicErrors = { 400: errorRef, 404: errorRef, 429: errorRef } as const;
const tableOf = (file: string) => PUBLIC_TABLES.find((t) => PUBLIC_TABLE_FILES[t].file === file) as PublicTable;

const publicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['public'];

  app.get('/public/:bodyCode/public.json', {
    config: PUBLIC_ROUTES.view,
    schema: {
      tags,
      summary: '公開ページの内容（オープンデータ JSON）: 最新の締め済み四半期の、公開された取組・マイルストーン・指標',
      params: BodyCodeParams,
      response: { 200: PublicView, ...notModified, ...publicErrors },
    },
    handler: async (req, reply) => sendPublic(req, reply, req.params.bodyCode, 'json', 'application/json; charset=utf-8', (v) => reply.serialize(v) as string),
  });

  app.get('/public/:bodyCode/items/:itemId', {
    config: PUBLIC_ROUTES.item,
    schema: {
      tags,
      summary: '公開された取組1件（公開されていなければ 404）',
      params: PublicItemParams,
      response: { 200: PublicItem, ...notModified, ...publicErrors },
    },
    handler: async (req, reply) =>
      sendPublic(req, reply, req.params.bodyCode, `item:${req.params.itemId}`, 'application/json; charset=utf-8', (v) => reply.serialize(publicItem(v, req.params.itemId)) as string),
  });

  app.get('/public/:bodyCode/:file', {
    config: PUBLIC_ROUTES.table,
    schema: {
      tags,
      summary: 'オープンデータ CSV（UTF-8・BOM付き、1表1ファイル。列は README「公開ページとオープンデータ」）',
      params: PublicFileParams,
      response: { 200: Type.String({ description: 'CSV' }), ...notModified, ...publicErrors },
    },
    handler: async (req, reply) => {
      const table = tableOf(req.params.file);
      const disposition = contentDisposition(`${req.params.bodyCode}-${req.params.file}`, `${req.params.bodyCode}-${table}`);
      return sendPublic(req, reply, req.params.bodyCode, `csv:${table}`, 'text/csv; charset=utf-8', (v) => publicTableCsv(v, table), {
        'content-disposition': disposition,
      });
    },
  });
};

export default publicRoutes;
