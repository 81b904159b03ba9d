/** ログイン記録 (GET /api/login-log, GET /api/bodies/:bodyId/login-log). */
import { Type, type Static } from '@sinclair/typebox';
import { LOGIN_EVENTS } from '../domain/labels.ts';
import { IsoDate, Nullable, PageQuery, StringEnum } from './common.ts';

export const LoginLogEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ description: '日時（ISO 8601, UTC）' }),
  event: StringEnum(LOGIN_EVENTS, {
    description:
      'login（ログイン）/ login_failed（失敗）/ lock（失敗が続き一時停止）/ login_refused（停止中のため拒否）/ logout / password_changed / password_reset / disabled / enabled',
  }),
  eventLabel: Type.String(),
  username: Type.String({ description: '利用者のユーザー名、または試されたユーザー名' }),
  userId: Nullable(Type.Integer({ description: '実在する利用者のとき、その ID' })),
  displayName: Nullable(Type.String({ description: '利用者の表示名（実在する利用者のとき）' })),
  ip: Type.String({ description: '接続元アドレス' }),
  userAgent: Type.String(),
  detail: Type.String({ description: '理由など（パスワード誤り、停止の終わる時刻 …）' }),
});
export type LoginLogEntry = Static<typeof LoginLogEntry>;

export const LoginLogQuery = Type.Object(
  {
    ...PageQuery,
    event: Type.Optional(StringEnum(LOGIN_EVENTS)),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'ユーザー名（前方一致）' })),
    ip: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '接続元アドレス（完全一致）' })),
    from: Type.Optional({ ...IsoDate, description: 'この日（日本時間）以降' }),
    to: Type.Optional({ ...IsoDate, description: 'この日（日本時間）まで' }),
  },
  { additionalProperties: false },
);
export type LoginLogQuery = Static<typeof LoginLogQuery>;
