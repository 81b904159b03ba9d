/** 進捗管理表の出力と一括取込 (issue 8). Mirrored in web/src/lib/types.ts. */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, StringEnum } from './common.ts';

export const WorkbookQuery = Type.Object(
  { sectionId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const WorkbookCsvQuery = Type.Object(
  {
    sectionId: Type.Optional(Id),
    sheet: Type.Optional(
      Type.Unsafe<'items' | 'milestones' | 'kpiValues'>({
        type: 'string',
        enum: ['items', 'milestones', 'kpiValues'],
        description: 'シート（items: 取組、milestones: マイルストーン（既定）、kpiValues: 指標値）',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ImportUploadQuery = Type.Object(
  { sectionId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'この課の取組の行だけを取り込む' })) },
  { additionalProperties: false },
);

export const ImportParams = Type.Object({ importId: Id });

const Kind = <const T extends readonly string[]>(...values: T) => StringEnum(values);

export const ImportCounts = Type.Object({
  create: Type.Integer(),
  update: Type.Integer(),
  unchanged: Type.Integer(),
  conflict: Type.Integer(),
  refused: Type.Integer(),
  error: Type.Integer(),
});

export const ImportChange = Type.Object({
  sheet: Type.String(),
  row: Type.Integer(),
  kind: Kind('create', 'update'),
  entity: Kind('plan', 'item', 'milestone', 'kpiValue'),
  id: Nullable(Type.Integer()),
  label: Type.String(),
  fields: Type.Array(
    Type.Object({
      field: Type.String(),
      label: Type.String(),
      from: Nullable(Type.String()),
      to: Nullable(Type.String()),
    }),
  ),
});

export const ImportProblem = Type.Object({
  sheet: Type.String(),
  row: Type.Integer(),
  column: Nullable(Type.String({ description: '列（例: F）' })),
  columnLabel: Nullable(Type.String({ description: '列の見出し（例: 予定日）' })),
  kind: Kind('error', 'conflict', 'refused'),
  message: Type.String(),
});

export const ImportPreview = Type.Object({
  importId: Type.Integer(),
  bodyId: Type.Integer(),
  sectionId: Nullable(Type.Integer()),
  fileName: Type.String(),
  format: Kind('xlsx', 'csv'),
  encoding: Nullable(Kind('utf-8', 'utf-8-bom', 'shift_jis')),
  status: Kind('preview', 'applied'),
  createdAt: Type.String(),
  createdBy: Type.String({ description: '取り込んだ人（表示名）' }),
  rows: Type.Integer({ description: '読み取ったデータ行の数' }),
  counts: ImportCounts,
  canApply: Type.Boolean({ description: '競合・権限外・エラーがなく、登録か更新が1行以上あるとき true' }),
  changes: Type.Array(ImportChange, { description: '登録・更新する行（先頭200行）' }),
  problems: Type.Array(ImportProblem, { description: '競合・権限外・エラー（先頭500件）' }),
  truncated: Type.Object({ changes: Type.Boolean(), problems: Type.Boolean() }),
  applied: Nullable(Type.Object({ create: Type.Integer(), update: Type.Integer(), at: Type.String() })),
});

export const ImportApplied = Type.Object({
  importId: Type.Integer(),
  status: Type.Literal('applied'),
  applied: Type.Object({ create: Type.Integer(), update: Type.Integer() }),
});

export type ImportPreview = Static<typeof ImportPreview>;
export type ImportApplied = Static<typeof ImportApplied>;
export type ImportChange = Static<typeof ImportChange>;
export type ImportProblem = Static<typeof ImportProblem>;
export type ImportCounts = Static<typeof ImportCounts>;

/**
 * The caller's running import (issue 16): an upload being read and checked, or an apply, with its progress.
 * `waiting`: another import holds the write lock (or all workers are busy); the rows are checked after it.
 */
export const ImportProgress = Type.Object({
  running: Nullable(
    Type.Object({
      kind: Kind('upload', 'apply'),
      phase: Kind('receiving', 'reading', 'waiting', 'checking', 'storing'),
      bodyId: Type.Integer(),
      importId: Nullable(Type.Integer({ description: '反映のときの取込番号（アップロードでは確認の後に決まる）' })),
      bytesReceived: Type.Integer({ description: '受け取ったバイト数' }),
      rowsRead: Type.Integer({ description: '読み取った行' }),
      rowsChecked: Type.Integer({ description: '確認した行' }),
      rowsTotal: Nullable(Type.Integer({ description: '全行数（読み取りが終わると決まる）' })),
      startedAt: Type.String(),
    }),
  ),
});
export type ImportProgress = Static<typeof ImportProgress>;
export type RunningImport = NonNullable<ImportProgress['running']>;
