/**
 * The national data pack (国の参照データ): one versioned JSON file holding every national fact the product
 * measures municipalities against — categories, national deadlines, the rules of their extensions, the 20
 * business areas, the standardization step template, national figures and benchmark series — each fact
 * with its sources and a status (確認済み / 要確認).
 *
 * This TypeBox schema is THE definition: `reference/pack.schema.json` is generated from it
 * (`npm run reference:schema`; tests/reference/pack.test.ts fails when they drift apart), the API validates
 * uploads with it, and `npm run reference:load` validates files with it. Rules a JSON Schema cannot say
 * (codes unique, references that exist, dates in order, no internal file names) are checked by
 * server/domain/reference-pack.ts.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DATE_PRECISIONS, FIGURE_KINDS } from '../domain/labels.ts';
import { IsoDate, Nullable, StringEnum } from './common.ts';

export const PACK_FORMAT = 'dx-national-reference';
export const PACK_FORMAT_VERSION = 1;

const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{0,49}$', description: 'コード（英小文字・数字・_、50文字まで）。行を一意に識別し、版をまたいで変わらない' });
const Text = (maxLength: number, description: string, minLength = 1) => Type.String({ minLength, maxLength, description });
/** A publication date as precise as the source gives it: 2024-02-05, 2024-02 or 2024. */
const PublishedOn = Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: '公表日（YYYY-MM-DD、日が不明なら YYYY-MM、年のみなら YYYY）' });

export const SOURCE_KINDS = ['primary', 'secondary', 'product'] as const;

export const PackSource = Type.Object(
  {
    publisher: Text(200, '発行者（総務省、デジタル庁、地方公共団体情報システム機構 …）'),
    title: Text(300, '資料名'),
    publishedOn: Nullable(PublishedOn, { description: '公表日。不明なら null' }),
    url: Nullable(Type.String({ pattern: '^https?://\\S+$', maxLength: 500 }), { description: 'URL（表示のみ。アプリは接続しない）。不明なら null' }),
    kind: StringEnum(SOURCE_KINDS, {
      description: 'primary = 一次資料（総務省・デジタル庁・J-LIS などが公表した資料）、secondary = 報道・解説など、product = 本製品の定義',
    }),
    note: Type.Optional(Text(1000, 'この資料から何を確認したか', 0)),
  },
  { additionalProperties: false },
);

export const VERIFICATION = ['confirmed', 'unverified'] as const;
const factFields = {
  status: StringEnum(VERIFICATION, { description: 'confirmed = 確認済み（一次資料で確認）、unverified = 要確認' }),
  sources: Type.Array(Code, { minItems: 1, maxItems: 10, uniqueItems: true, description: '出典（sources のコード）' }),
  note: Type.Optional(Text(2000, '注記（確認できたこと・できなかったこと）', 0)),
};

export const PackCategory = Type.Object(
  { code: Code, name: Text(100, '分野名'), description: Text(500, '説明', 0), isCore: Type.Boolean(), ...factFields },
  { additionalProperties: false },
);

export const PackBusinessArea = Type.Object({ code: Code, name: Text(100, '業務名'), ...factFields }, { additionalProperties: false });

export const PackDeadline = Type.Object(
  {
    code: Code,
    title: Text(200, '期限の名称'),
    dueDate: IsoDate,
    datePrecision: StringEnum(DATE_PRECISIONS, { description: 'day = 日付まで、month = 月まで（dueDate はその月末日）、fiscal_year = 年度末（dueDate は 3月31日）' }),
    category: Nullable(Code, { description: '分野のコード' }),
    ...factFields,
  },
  { additionalProperties: false },
);

export const PackExtensionRule = Type.Object(
  {
    code: Code,
    title: Text(200, '延長の名称（特定移行支援システム …）'),
    deadline: Code,
    extendedDueDate: IsoDate,
    datePrecision: StringEnum(DATE_PRECISIONS),
    scope: StringEnum(['area', 'item', 'body'] as const, { description: '延長の単位: area = 団体の業務（システム）ごと、item = 取組ごと、body = 団体全体' }),
    ...factFields,
  },
  { additionalProperties: false },
);

export const PackStep = Type.Object(
  { code: Code, phase: Text(100, 'フェーズ'), name: Text(200, '手順名') },
  { additionalProperties: false },
);

export const PackSteps = Type.Object(
  {
    numbering: StringEnum(['product', 'ministry'] as const, {
      description: 'product = 本製品の番号・名称（総務省の手順書とは異なる）、ministry = 総務省の手順書の番号・名称',
    }),
    title: Text(200, 'テンプレートの名称'),
    ...factFields,
    items: Type.Array(PackStep, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);

export const PackFigure = Type.Object(
  {
    code: Code,
    kind: StringEnum(FIGURE_KINDS, { description: 'figure = 全国の数値、benchmark = 指標と比べられる比較系列' }),
    title: Text(200, '名称'),
    definition: Text(1000, '定義（何を数えたか）'),
    value: Type.Number(),
    unit: Text(20, '単位'),
    asOf: Nullable(IsoDate, { description: '時点（YYYY-MM-DD）' }),
    fiscalYear: Nullable(Type.Integer({ minimum: 1990, maximum: 2100 }), { description: '年度' }),
    ...factFields,
  },
  { additionalProperties: false },
);

export const ReferencePack = Type.Object(
  {
    $schema: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Literal(PACK_FORMAT, { maxLength: 50 }),
    formatVersion: Type.Literal(PACK_FORMAT_VERSION),
    version: Type.String({ pattern: '^\\d{4}\\.\\d{2}\\.\\d{1,3}$', description: '版（YYYY.MM.N、新しい版ほど大きい）' }),
    title: Text(200, 'データパックの名称'),
    publishedOn: IsoDate,
    description: Text(2000, '説明', 0),
    sources: Type.Record(Code, PackSource, { description: '出典の一覧（コード → 資料）' }),
    categories: Type.Array(PackCategory, { minItems: 1, maxItems: 100 }),
    businessAreas: Type.Array(PackBusinessArea, { minItems: 1, maxItems: 100 }),
    deadlines: Type.Array(PackDeadline, { maxItems: 200 }),
    extensionRules: Type.Array(PackExtensionRule, { maxItems: 50 }),
    steps: PackSteps,
    figures: Type.Array(PackFigure, { maxItems: 200 }),
  },
  { additionalProperties: false, title: '国の参照データ（データパック）' },
);

export type ReferencePack = Static<typeof ReferencePack>;
export type PackSource = Static<typeof PackSource>;
export type PackDeadline = Static<typeof PackDeadline>;
export type PackFigure = Static<typeof PackFigure>;
export type PackExtensionRule = Static<typeof PackExtensionRule>;
