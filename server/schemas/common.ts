/**
 * Schema building blocks shared by every resource. Limits live here so that every route refuses
 * oversized input the same way.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** A string enum that Ajv reports as `enum` (one clear message), typed as the union of its values. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: object = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const Nullable = <T extends TSchema>(schema: T, options: object = {}) => Type.Union([schema, Type.Null()], options);

export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const IsoDate = Type.String({ format: 'date', description: '日付（YYYY-MM-DD、日本の暦日）', examples: ['2026-03-31'] });
export const FiscalYear = Type.Integer({ minimum: 2000, maximum: 2100, description: '年度（4月始まり）の西暦年' });
export const Version = Type.Integer({ minimum: 1, description: '読み込んだ時点のバージョン（楽観的排他制御）' });
export const Title = Type.String({ minLength: 1, maxLength: 200 });
export const LongText = Type.String({ maxLength: 4000 });

export const idParams = <K extends string>(key: K) => Type.Object({ [key]: Id } as { [P in K]: typeof Id });

export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const VersionQuery = Type.Object({ version: Version }, { additionalProperties: false });

export const FieldErrorSchema = Type.Object({
  field: Type.String(),
  code: Type.String(),
  message: Type.String(),
});

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: '機械判定用のコード（VALIDATION_ERROR, NOT_FOUND, VERSION_CONFLICT …）' }),
    error: Type.String(),
    message: Type.String({ description: '利用者向けの日本語メッセージ' }),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'ErrorResponse' },
);
export type ErrorBody = Static<typeof ErrorResponse>;

const ref = Type.Ref(ErrorResponse);
/** The error responses every route may give, to spread into `response`. */
export const errors = {
  400: ref,
  401: ref,
  403: ref,
  404: ref,
  409: ref,
  413: ref,
} as const;
/** 401: not signed in; 403: not allowed (see server/auth/rules.ts). */
export const readErrors = { 400: ref, 401: ref, 403: ref, 404: ref } as const;
export const errorRef = ref;
