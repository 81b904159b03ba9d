import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { idParams, readErrors } from '../schemas/common.ts';
import { Dashboard } from '../schemas/dashboard.ts';
import { DashboardQuery } from '../schemas/dashboard.ts';
import { bodyDashboard } from '../services/dashboard.ts';
import { planToShow } from '../services/as-of.ts';
import { notModified, sendVersioned } from '../cache/reply.ts';
import { bodyDataVersion } from '../cache/versions.ts';
import { type RouteTable } from '../auth/rules.ts';

/** The body's dashboard: its readers. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const DASHBOARD_ROUTES = {
  dashboard: { rule: { access: 'bodyReader' }, cost: 'heavy' },
} as const satisfies RouteTable;

const dashboard: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/bodies/:bodyId/dashboard', {
    config: DASHBOARD_ROUTES.dashboard,
    schema: {
      tags: ['dashboard'],
      summary: '団体のダッシュボード（分野別集計・要対応の取組・工程表・四半期別の進捗・指標の推移）',
      description:
        'asOf を指定すると、その日の終わり（日本時間）に記録されていた内容で、その日を「今日」として状況を判定します（その日にまだなかった取組・マイルストーン・指標値は含みません。省略時は日本時間の今日）。planId に終了した計画を指定すると、その計画を終了時点の内容で、終了日を基準日として表示します（asOf は使いません）。',
      params: idParams('bodyId'),
      querystring: DashboardQuery,
      response: { 200: Dashboard, ...notModified, ...readErrors },
    },
    // Cached per body and date while the body's data version holds (server/cache/).
    handler: async (req, reply) => {
      const { bodyId } = req.params;
      const planId = req.query.planId ?? null;
      const asOf = req.query.asOf ?? app.today();
      return sendVersioned(req, reply, `dashboard:${bodyId}:${asOf}:${planId ?? ''}`, bodyDataVersion(app.db, bodyId), () => {
        const shown = planToShow(app.db, bodyId, planId, asOf, app.today());
        return bodyDashboard(app.db, bodyId, shown.asOf, shown.plan);
      });
    },
  });
};

export default dashboard;
