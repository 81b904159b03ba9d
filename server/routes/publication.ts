import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteTable } from '../auth/rules.ts';
import { errors, idParams, readErrors } from '../schemas/common.ts';
import { ItemPublicationInput, PublicationSettings, PublicationSettingsInput } from '../schemas/public.ts';
import * as service from '../services/publication.ts';
import { scopeOfItem } from '../repositories/publication.ts';

/** 公開設定 (issue 21): HQ of the body publishes items for residents. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const PUBLICATION_ROUTES = {
  get: { rule: { access: 'bodyHq' }, cost: 'read' },
  settings: { rule: { access: 'bodyHq' }, cost: 'write' },
  item: { rule: { access: 'bodyHq' }, cost: 'write' },
} as const satisfies RouteTable;

const publication: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['publication'];

  app.get('/bodies/:bodyId/publication', {
    config: PUBLICATION_ROUTES.get,
    schema: { tags, summary: '公開設定（団体全体の既定・ライセンス・取組ごとの公開と公開用の説明）', params: idParams('bodyId'), response: { 200: PublicationSettings, ...readErrors } },
    handler: async (req) => service.getPublication(db, req.params.bodyId),
  });

  app.put('/bodies/:bodyId/publication', {
    config: PUBLICATION_ROUTES.settings,
    schema: {
      tags,
      summary: '団体全体の公開の既定とライセンスを保存（version は読み込んだ値、未設定なら 0）',
      params: idParams('bodyId'),
      body: PublicationSettingsInput,
      response: { 200: PublicationSettings, ...errors },
    },
    handler: async (req) => service.updateSettings(db, req.params.bodyId, req.body),
  });

  app.put('/items/:itemId/publication', {
    config: PUBLICATION_ROUTES.item,
    schema: {
      tags,
      summary: '取組の公開（公開する・しない・既定に従う）、公開用の説明・実績、公開しないマイルストーンと指標',
      params: idParams('itemId'),
      body: ItemPublicationInput,
      response: { 200: PublicationSettings.properties.items.items, ...errors },
    },
    handler: async (req) => service.updateItemPublication(db, scopeOfItem(db, req.params.itemId), req.params.itemId, req.body),
  });
};

export default publication;
