import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors, idParams, readErrors } from '../schemas/common.ts';
import { MyUpdates, MyUpdatesQuery, ReportingStatus, ReportingStatusQuery, Review, ReviewCreate } from '../schemas/updates.ts';
import * as service from '../services/updates.ts';
import { type RouteTable } from '../auth/rules.ts';

/** 今期の更新: staff of the body; 「変更なし」 by the owning section; the reporting status for hq. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const UPDATE_ROUTES = {
  myUpdates: { rule: { access: 'bodyStaff' }, cost: 'heavy' },
  review: { rule: { access: 'bodySection' }, cost: 'write' },
  reportingStatus: { rule: { access: 'bodyHq' }, cost: 'heavy' },
} as const satisfies RouteTable;

const updates: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['updates'];

  app.get('/bodies/:bodyId/my-updates', {
    config: UPDATE_ROUTES.myUpdates,
    schema: {
      tags,
      summary: '今期の更新: 担当課の取組（期限超過・今期予定のマイルストーンがある取組から）と今期の指標値',
      description: 'DX推進員は担当課の取組、DX推進本部・システム管理者は団体のすべての課の取組（sectionId で絞り込み可）。',
      params: idParams('bodyId'),
      querystring: MyUpdatesQuery,
      response: { 200: MyUpdates, ...readErrors },
    },
    handler: async (req) => service.myUpdates(db, req.params.bodyId, req.principal!, req.query, app.today()),
  });

  app.post('/items/:itemId/reviews', {
    config: UPDATE_ROUTES.review,
    schema: {
      tags,
      summary: '「変更なし」: 今期（日本時間の今日の四半期）に確認して変更がなかったことを記録（変更履歴に残ります）',
      params: idParams('itemId'),
      body: ReviewCreate,
      response: { 201: Review, ...errors },
    },
    handler: async (req, reply) => {
      // The item's body (resolved for authorization from :itemId): its 報告期限 say which quarter the review is for.
      const review = service.createReview(db, req.params.itemId, req.targets[0]!.bodyId, req.principal!, req.body, app.today());
      return reply.status(201).send(review);
    },
  });

  app.get('/bodies/:bodyId/reporting-status', {
    config: UPDATE_ROUTES.reportingStatus,
    schema: {
      tags,
      summary: '課ごとの報告状況（期間中に変更または「変更なし」があれば報告済み。未報告の課から）',
      description: '年度（fiscalYear）と四半期（quarter）を省略すると今期。',
      params: idParams('bodyId'),
      querystring: ReportingStatusQuery,
      response: { 200: ReportingStatus, ...readErrors },
    },
    handler: async (req) => service.reportingStatus(db, req.params.bodyId, req.query, app.today()),
  });
};

export default updates;
