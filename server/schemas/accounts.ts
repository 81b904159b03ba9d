/** アカウント管理 (issue 20): accounts as their managers see them, and what they may send. */
import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../domain/labels.ts';
import { Id, Nullable, StringEnum } from './common.ts';

const Username = Type.String({ minLength: 3, maxLength: 64, description: 'ユーザー名（半角英小文字・数字・「.」「_」「-」、3〜64文字）' });
const DisplayName = Type.String({ minLength: 1, maxLength: 100, description: '表示名（氏名）' });
const Email = Nullable(Type.String({ maxLength: 254, description: 'メールアドレス（リマインダーの送信先。空欄可）' }));
const Password = Type.String({ minLength: 1, maxLength: 1000, description: '初期パスワード（12文字以上）。省略するとサーバーが作成し、応答で一度だけ返します' });

export const Account = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: StringEnum(ROLES),
  roleLabel: Type.String(),
  bodyId: Nullable(Type.Integer()),
  bodyName: Nullable(Type.String()),
  prefectureCode: Nullable(Type.String()),
  sections: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), { description: 'DX推進員の担当課' }),
  email: Nullable(Type.String()),
  disabled: Type.Boolean({ description: '利用停止中' }),
  mustChangePassword: Type.Boolean({ description: '初期パスワードのまま（次のログインで変更が必要）' }),
  lastLoginAt: Nullable(Type.String({ description: '最後のログイン（ISO 8601, UTC）' })),
  createdAt: Type.String(),
  /** Whether the caller may change this account (the list also shows the caller and, to HQ, the other HQ users). */
  manageable: Type.Boolean({ description: 'この利用者を変更できるか' }),
});
export type Account = Static<typeof Account>;

export const AccountCreate = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    role: StringEnum(ROLES, { description: '役割' }),
    email: Type.Optional(Email),
    sectionIds: Type.Optional(Type.Array(Id, { maxItems: 200, description: '担当課（DX推進員）' })),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type AccountCreate = Static<typeof AccountCreate>;

/** A new account, or a reset password: the one-time password when the server made it (shown once, never stored in clear). */
export const AccountWithPassword = Type.Object({
  account: Account,
  initialPassword: Nullable(Type.String({ description: 'サーバーが作成した初期パスワード（この応答でだけ表示されます）' })),
});
export type AccountWithPassword = Static<typeof AccountWithPassword>;

export const AccountUpdate = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    email: Type.Optional(Email),
    sectionIds: Type.Optional(Type.Array(Id, { maxItems: 200, description: '担当課（DX推進員）' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AccountUpdate = Static<typeof AccountUpdate>;

export const PasswordReset = Type.Object(
  { password: Type.Optional(Password) },
  { additionalProperties: false },
);
export type PasswordReset = Static<typeof PasswordReset>;
