import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../domain/labels.ts';
import { Nullable, StringEnum } from './common.ts';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200, description: 'ユーザー名' }),
    password: Type.String({ minLength: 1, maxLength: 1000, description: 'パスワード' }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

const ReadScope = Type.Object({
  kind: StringEnum(['all', 'prefecture', 'body'] as const, { description: 'all: すべての団体 / prefecture: 都道府県内の団体 / body: 所属団体' }),
  bodyId: Nullable(Type.Integer()),
  prefectureCode: Nullable(Type.String()),
});

export const Permissions = Type.Object(
  {
    readScope: ReadScope,
    manageReferenceData: Type.Boolean({ description: '団体・分野・国の期限・手順テンプレートの登録と変更（システム管理者）' }),
    managePlan: Type.Boolean({ description: '課・計画・取組・マイルストーン・指標・期限の延長の登録、変更、削除' }),
    editProgress: Type.Boolean({ description: 'マイルストーンの進捗、指標の実績値、取組の備考、標準化の手順、「変更なし」' }),
    editableSectionIds: Nullable(Type.Array(Type.Integer()), { description: '進捗を更新できる課（null は団体のすべての課）' }),
    officerEditableFields: Nullable(
      Type.Object({ item: Type.Array(Type.String()), milestone: Type.Array(Type.String()) }),
      { description: 'DX推進員が更新できる項目（それ以外の役割は null: すべての項目）' },
    ),
    viewAuditLog: Type.Boolean({ description: '団体の変更履歴（一覧・絞り込み）' }),
    viewItemAudit: Type.Boolean({ description: '取組ごとの変更履歴' }),
    viewReportingStatus: Type.Boolean({ description: '課ごとの今期の報告状況' }),
    useMyUpdates: Type.Boolean({ description: '今期の更新' }),
  },
  { description: '画面で操作を出し分けるための権限。判定はすべてサーバーで行います。' },
);

export const Me = Type.Object({
  user: Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    role: StringEnum(ROLES),
    roleLabel: Type.String(),
    mustChangePassword: Type.Boolean({ description: '初期パスワード（他の人が設定したもの）のままで、先に変更が必要' }),
  }),
  body: Nullable(
    Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), prefectureCode: Type.String(), prefectureName: Type.String() }),
  ),
  prefecture: Nullable(Type.Object({ code: Type.String(), name: Nullable(Type.String()) })),
  sections: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), { description: 'DX推進員の担当課' }),
  csrfToken: Type.String({ description: '更新系の要求（POST/PATCH/DELETE）で x-csrf-token ヘッダーに付けて送信する値' }),
  expiresAt: Type.String({ description: 'セッションの有効期限（ISO 8601, UTC）' }),
  permissions: Permissions,
});
export type Me = Static<typeof Me>;

export const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1000, description: '現在のパスワード' }),
    newPassword: Type.String({ minLength: 1, maxLength: 1000, description: '新しいパスワード（12文字以上、ユーザー名を含まない、よく使われるものでない）' }),
  },
  { additionalProperties: false },
);
export type PasswordChange = Static<typeof PasswordChange>;

/** GET /auth/login-help: what the login page says about a forgotten password (PASSWORD_HELP). */
export const LoginHelp = Type.Object({ passwordHelp: Type.String({ description: 'パスワードを忘れた場合の案内（誰が再設定するか）' }) });
