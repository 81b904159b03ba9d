/**
 * Errors the API answers with. Every error body has the same shape (see `ErrorResponse` in
 * schemas/common.ts): a machine `code`, a Japanese `message`, and per-field `errors` for 400s.
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    /** Extra data for the client, e.g. the current row on a 409 so the UI can offer a merge. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: number | string) =>
  new AppError(404, 'NOT_FOUND', `指定された${what}（ID: ${id}）は見つかりません。`);

export const versionConflict = (what: string, current: unknown) =>
  new AppError(
    409,
    'VERSION_CONFLICT',
    `${what}は他の利用者によって更新されています。最新の内容を確認してからもう一度保存してください。`,
    undefined,
    { current },
  );

export const invalidField = (field: string, code: string, message: string) =>
  new AppError(400, 'VALIDATION_ERROR', message, [{ field, code, message }]);
