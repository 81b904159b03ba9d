import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { idParams, readErrors } from '../schemas/common.ts';
import { Dashboard } from '../schemas/dashboard.ts';
import { AsOfQuery } from '../schemas/items.ts';
import { bodyDashboard } from '../services/dashboard.ts';

const dashboard: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/bodies/:bodyId/dashboard', {
    schema: {
      tags: ['dashboard'],
      summary: '団体のダッシュボード（分野別集計・要対応の取組・工程表・四半期別の進捗・指標の推移）',
      description: 'asOf を指定すると、その日を「今日」として状況を判定します（省略時は日本時間の今日）。',
      params: idParams('bodyId'),
      querystring: AsOfQuery,
      response: { 200: Dashboard, ...readErrors },
    },
    handler: async (req) => bodyDashboard(app.db, req.params.bodyId, req.query.asOf ?? app.today()),
  });
};

export default dashboard;
