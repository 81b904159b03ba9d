import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { type RouteTable } from '../auth/rules.ts';

/** Public: the process and its database answer. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const HEALTH_ROUTES = {
  health: { rule: { access: 'public' }, cost: 'public' },
} as const satisfies RouteTable;

const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Literal('ok'),
  today: Type.String({ description: '日本時間の今日' }),
});

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    config: HEALTH_ROUTES.health,
    schema: { tags: ['health'], summary: '稼働確認（データベースへの問い合わせを含む）', response: { 200: Health } },
    handler: async () => {
      app.db.get(sql`select 1`);
      return { status: 'ok' as const, database: 'ok' as const, today: app.today() };
    },
  });
};

export default health;
