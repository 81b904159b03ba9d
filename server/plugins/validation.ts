/**
 * Request validation: Ajv compilers and the Japanese messages of validation errors.
 *
 * Bodies are validated without type coercion ("12" is not a number) and with unknown fields
 * refused, not silently dropped: a DX officer must learn that a column they sent was ignored.
 * Query strings and path params arrive as text, so they are coerced.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { isValidIsoDate } from '../domain/dates.ts';
import type { FieldError } from '../errors.ts';
import { FIELD_LABELS } from '../domain/field-labels.ts';

function createAjv(coerceTypes: boolean | 'array') {
  const ajv = new Ajv({
    coerceTypes,
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  ajv.addFormat('date', { type: 'string', validate: isValidIsoDate });
  return ajv;
}

const strictAjv = createAjv(false);
const coercingAjv = createAjv('array');

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
  return ajv.compile(schema as object);
};

const PART_LABELS: Record<string, string> = {
  body: '送信内容',
  querystring: 'クエリ',
  params: 'URL',
  headers: 'ヘッダー',
};

const TYPE_LABELS: Record<string, string> = {
  string: '文字列',
  integer: '整数',
  number: '数値',
  boolean: '真偽値',
  object: 'オブジェクト',
  array: '配列',
  null: 'null',
};

function fieldPath(e: ErrorObject): string {
  const base = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (e.keyword === 'required') {
    const p = (e.params as { missingProperty: string }).missingProperty;
    return base ? `${base}.${p}` : p;
  }
  if (e.keyword === 'additionalProperties') {
    const p = (e.params as { additionalProperty: string }).additionalProperty;
    return base ? `${base}.${p}` : p;
  }
  return base;
}

function label(field: string, context: string): string {
  if (!field) return PART_LABELS[context] ?? context;
  const last = field.split('.').pop() ?? field;
  const jp = FIELD_LABELS[last];
  // Japanese only: the field id stays in `errors[].field` for programs, never in the message.
  return jp ?? `「${field}」`;
}

function messageFor(e: ErrorObject, field: string, context: string): string {
  const f = label(field, context);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${f}は必須です。`;
    case 'additionalProperties':
      return `${f}は受け付けられない項目です。項目名を確認してください。`;
    case 'type': {
      const types = String(p.type)
        .split(',')
        .map((t) => TYPE_LABELS[t] ?? t)
        .join('または');
      return `${f}は${types}で指定してください。`;
    }
    case 'format':
      return p.format === 'date'
        ? `${f}は実在する日付をYYYY-MM-DD形式で指定してください。`
        : `${f}の形式が正しくありません（${String(p.format)}）。`;
    case 'maxLength':
      return `${f}は${String(p.limit)}文字以内で入力してください。`;
    case 'minLength':
      return Number(p.limit) === 1 ? `${f}を入力してください。` : `${f}は${String(p.limit)}文字以上で入力してください。`;
    case 'minimum':
      return `${f}は${String(p.limit)}以上で指定してください。`;
    case 'maximum':
      return `${f}は${String(p.limit)}以下で指定してください。`;
    case 'exclusiveMinimum':
      return `${f}は${String(p.limit)}より大きい値で指定してください。`;
    case 'enum':
      return `${f}は次のいずれかで指定してください: ${(p.allowedValues as unknown[]).join('、')}。`;
    case 'const':
      return `${f}は${String(p.allowedValue)}で指定してください。`;
    case 'pattern':
      return `${f}の形式が正しくありません。`;
    case 'maxItems':
      return `${f}は${String(p.limit)}件以内で指定してください。`;
    case 'minProperties':
      return `${f}に変更する項目を1つ以上指定してください。`;
    case 'anyOf':
    case 'oneOf':
      return `${f}の値が正しくありません。`;
    default:
      return `${f}の値が正しくありません（${e.keyword}）。`;
  }
}

/** Turns Ajv errors into one Japanese message per field (the first error of a field wins). */
export function toFieldErrors(errors: ErrorObject[], context: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  // anyOf/oneOf repeat their branches' errors: report the branch errors only when they are alone.
  const meaningful = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  for (const e of meaningful.length ? meaningful : errors) {
    const field = fieldPath(e);
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, code: e.keyword, message: messageFor(e, field, context) });
  }
  return out;
}

/** Validates a value outside a request (a pack file given to the CLI) with the body's rules and messages. */
export function validateLikeBody(schema: object, value: unknown): FieldError[] {
  const validate = strictAjv.compile(schema);
  return validate(value) ? [] : toFieldErrors(validate.errors ?? [], 'body');
}
