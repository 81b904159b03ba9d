/**
 * The OpenAPI document (GET /api/openapi.json) built from the routes' TypeBox schemas, and a
 * browsable UI at /api/docs served from the package's own files (no CDN: LGWAN has no internet).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';

async function openapiPlugin(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '自治体DX進捗ダッシュボード API',
        description:
          '自治体DX推進計画の取組・マイルストーン・指標（KPI）を管理するAPI。日付はすべて日本の暦日（YYYY-MM-DD）、年度は4月始まり。',
        version: '0.1.0',
      },
      tags: [
        { name: 'health', description: '稼働確認' },
        { name: 'bodies', description: '地方公共団体' },
        { name: 'sections', description: '課' },
        { name: 'plans', description: 'DX推進計画' },
        { name: 'items', description: '取組事項' },
        { name: 'milestones', description: 'マイルストーン' },
        { name: 'kpis', description: '指標（KPI）と実績値' },
        { name: 'reference', description: '参照データ（分野・国の期限・標準化20業務・手順テンプレート）' },
        { name: 'standardization', description: '標準化の進捗（業務×手順）' },
        { name: 'dashboard', description: 'ダッシュボード（グラフ用に整形済み）' },
      ],
    },
  });
  // validatorUrl: null — the UI must not call the public swagger validator (no internet on LGWAN).
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });
  app.get(
    '/api/openapi.json',
    { schema: { hide: true, response: { 200: Type.Object({ openapi: Type.String() }, { additionalProperties: true }) } } },
    async () => app.swagger(),
  );
}

export default fp(openapiPlugin, { name: 'openapi' });
