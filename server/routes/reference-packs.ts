/**
 * 国の参照データ（データパック）: the active pack with every fact's sources (everyone signed in), and for
 * administrators the history of loads, a dry run showing what a pack would change, applying a pack, and
 * rolling back to the previous one (server/services/reference-pack.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors, readErrors } from '../schemas/common.ts';
import { ReferencePack } from '../schemas/reference-pack.ts';
import { ActivePack, PackApplyResult, PackIdParams, PackPreview, ReferencePackInfo } from '../schemas/reference-packs.ts';
import { activePack, applyPack, listPacks, previewPack, rollbackPack } from '../services/reference-pack.ts';
import type { RouteTable } from '../auth/rules.ts';

/** Its facts and sources are read by all; loading, checking and rolling back is the admin's. */
export const REFERENCE_PACK_ROUTES = {
  active: { rule: { access: 'authenticated' }, cost: 'read' },
  list: { rule: { access: 'admin' }, cost: 'read' },
  // A preview compares the pack with every body's statuses: costly.
  preview: { rule: { access: 'admin' }, cost: 'heavy' },
  apply: { rule: { access: 'admin' }, cost: 'write' },
  rollback: { rule: { access: 'admin' }, cost: 'write' },
} as const satisfies RouteTable;

const referencePacks: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['reference'];

  app.get('/reference-packs/active', {
    config: REFERENCE_PACK_ROUTES.active,
    schema: { tags, summary: '適用中の国の参照データ（各項目の出典と状況：確認済み／要確認）', response: { 200: ActivePack, ...readErrors } },
    handler: async () => {
      const a = activePack(db);
      return { info: a?.info ?? null, pack: a?.pack ?? null };
    },
  });

  app.get('/reference-packs', {
    config: REFERENCE_PACK_ROUTES.list,
    schema: { tags, summary: 'データパックの読み込み履歴（新しい順）', response: { 200: Type.Array(ReferencePackInfo), ...readErrors } },
    handler: async () => listPacks(db),
  });

  app.post('/reference-packs/preview', {
    config: REFERENCE_PACK_ROUTES.preview,
    schema: {
      tags,
      summary: 'データパックの確認（変更は保存しない）：追加・変更・削除される項目と、状況が変わる団体',
      body: ReferencePack,
      response: { 200: PackPreview, ...errors },
    },
    handler: async (req) => previewPack(db, req.body, app.today()),
  });

  app.post('/reference-packs', {
    config: REFERENCE_PACK_ROUTES.apply,
    schema: {
      tags,
      summary: 'データパックの適用（1つのトランザクションで、変更履歴に記録。適用中の版より新しい版のみ）',
      body: ReferencePack,
      response: { 201: PackApplyResult, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(applyPack(db, req.body, app.today())),
  });

  app.post('/reference-packs/:packId/rollback', {
    config: REFERENCE_PACK_ROUTES.rollback,
    schema: {
      tags,
      summary: '適用中のデータパックを前の版に戻す',
      params: PackIdParams,
      response: { 200: PackApplyResult, ...errors },
    },
    handler: async (req) => rollbackPack(db, req.params.packId, app.today()),
  });
};

export default referencePacks;
