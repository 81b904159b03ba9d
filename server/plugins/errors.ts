/**
 * One error handler for the whole API: every failure becomes `ErrorResponse` with a Japanese
 * message. Internal details (stack traces, SQL) are logged, never sent.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import { toFieldErrors } from './validation.ts';
import type { ErrorBody } from '../schemas/common.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

function body(statusCode: number, code: string, message: string, extra: Partial<ErrorBody> = {}): ErrorBody {
  return { statusCode, code, error: STATUS_TEXT[statusCode] ?? 'Error', message, ...extra };
}

/** Fastify's own client errors, with Japanese messages. */
const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', message: '送信内容が大きすぎます。' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Content-Type は application/json で送信してください。',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY', message: '送信内容が空です。JSONを送信してください。' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: '送信内容がJSONとして読み取れません。' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_CONTENT_LENGTH', message: 'Content-Length が正しくありません。' },
};

/**
 * Constraint failures that services did not catch first. Services check references and rules and
 * give precise messages; these are the backstop, and they never leak SQL.
 */
const SQLITE_CODES: Record<string, { status: number; code: string; message: string }> = {
  SQLITE_CONSTRAINT_UNIQUE: { status: 409, code: 'DUPLICATE', message: '同じ内容のデータがすでに登録されています。' },
  SQLITE_CONSTRAINT_FOREIGNKEY: {
    status: 409,
    code: 'IN_USE',
    message: '関連するデータがあるため、この操作はできません。先に関連するデータを変更してください。',
  },
  SQLITE_CONSTRAINT_CHECK: { status: 400, code: 'RULE_VIOLATION', message: '入力内容が登録ルールに合いません。' },
};

/** Field errors sent back at most (each field once): 20,000 unknown keys must not make a 5 MB answer. */
export const MAX_FIELD_ERRORS = 20;

/** One error: its message. More: how many, and the first (the list itself is in `errors`, once). */
export function validationMessage(all: readonly { message: string }[]): string {
  if (all.length === 0) return '入力内容が正しくありません。';
  if (all.length === 1) return all[0]!.message;
  const n = (k: number) => k.toLocaleString('ja-JP');
  const rest = all.length > MAX_FIELD_ERRORS ? `（最初の${MAX_FIELD_ERRORS}件を示します。ほか${n(all.length - MAX_FIELD_ERRORS)}件）` : '';
  return `入力内容に${n(all.length)}件の誤りがあります${rest}。最初の誤り: ${all[0]!.message}`;
}

export function sendError(reply: FastifyReply, statusCode: number, payload: ErrorBody) {
  return reply.status(statusCode).type('application/json; charset=utf-8').send(payload);
}

async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      const extra: Partial<ErrorBody> = {};
      if (err.errors) extra.errors = err.errors;
      if (err.details) extra.details = err.details;
      return sendError(reply, err.statusCode, body(err.statusCode, err.code, err.message, extra));
    }
    if (err.validation) {
      const all = toFieldErrors(err.validation as never, err.validationContext ?? 'body');
      return sendError(reply, 400, body(400, 'VALIDATION_ERROR', validationMessage(all), { errors: all.slice(0, MAX_FIELD_ERRORS) }));
    }
    const sqlite = SQLITE_CODES[(err as { code?: string }).code ?? ''];
    if (sqlite) return sendError(reply, sqlite.status, body(sqlite.status, sqlite.code, sqlite.message));
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendError(reply, known.status, body(known.status, known.code, known.message));
    // JSON parse errors raised by the parser carry a 400 status and a SyntaxError.
    if (err instanceof SyntaxError || (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)) {
      const status = err.statusCode ?? 400;
      return sendError(reply, status, body(status, 'BAD_REQUEST', '要求の形式が正しくありません。'));
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(
      reply,
      500,
      body(500, 'INTERNAL_ERROR', 'サーバー内部でエラーが発生しました。時間をおいて再度お試しください。'),
    );
  });
}

export default fp(errorsPlugin, { name: 'errors' });
