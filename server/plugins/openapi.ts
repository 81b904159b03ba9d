/**
 * The OpenAPI document (GET /api/openapi.json) built from the routes' TypeBox schemas, and a
 * browsable UI at /api/docs served from the package's own files (no CDN: LGWAN has no internet).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import type { RouteConfig } from '../auth/rules.ts';

/** The OpenAPI document is public, like the API browser. */
export const OPENAPI_ROUTE = { rule: { access: 'public' }, cost: 'public' } as const satisfies RouteConfig;

async function openapiPlugin(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '自治体DX進捗ダッシュボード API',
        description:
          '自治体DX推進計画の取組・マイルストーン・指標（KPI）を管理するAPI。日付はすべて日本の暦日（YYYY-MM-DD）、年度は4月始まり。\n\n' +
          '認証: POST /api/auth/login で発行されるセッションCookie（dx_session）。未ログインは401、権限がない操作は403。' +
          '更新系（POST / PATCH / DELETE）は、ログイン応答または GET /api/auth/me の csrfToken を x-csrf-token ヘッダーで送信してください（他サイトの Origin からの更新は拒否）。\n\n' +
          '変更履歴: 更新系の要求はすべて変更履歴に記録されます。x-audit-note ヘッダー（UTF-8をパーセントエンコード、1000文字以内）で変更理由を残せます。',
        version: '0.1.0',
      },
      tags: [
        { name: 'health', description: '稼働確認' },
        { name: 'auth', description: 'ログイン・ログアウト・ログイン中の利用者と権限' },
        { name: 'accounts', description: 'アカウント管理（利用者の登録・担当課・パスワードの再設定・利用停止）' },
        { name: 'bodies', description: '地方公共団体' },
        { name: 'sections', description: '課' },
        { name: 'plans', description: 'DX推進計画' },
        { name: 'items', description: '取組事項' },
        { name: 'milestones', description: 'マイルストーン' },
        { name: 'kpis', description: '指標（KPI）と実績値' },
        { name: 'reference', description: '参照データ（分野・国の期限・標準化20業務・手順テンプレート）' },
        { name: 'standardization', description: '標準化の進捗（業務×手順）' },
        { name: 'dashboard', description: 'ダッシュボード（グラフ用に整形済み）' },
        { name: 'updates', description: '今期の更新・「変更なし」・課ごとの報告状況' },
        { name: 'audit', description: '変更履歴（追記のみ）' },
        { name: 'rollups', description: '全国・都道府県の集計と団体の比較（維持される集計表から読む）' },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'dx_session', description: 'POST /api/auth/login が発行するセッションCookie' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: '更新系の要求に必要（GET /api/auth/me の csrfToken）' },
        },
      },
      security: [{ session: [] }],
    },
  });
  // validatorUrl: null — the UI must not call the public swagger validator (no internet on LGWAN).
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });
  app.get(
    '/api/openapi.json',
    { config: OPENAPI_ROUTE, schema: { hide: true, response: { 200: Type.Object({ openapi: Type.String() }, { additionalProperties: true }) } } },
    async () => app.swagger(),
  );
}

export default fp(openapiPlugin, { name: 'openapi' });
