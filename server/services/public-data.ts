/**
 * オープンデータ (issue 21): the public view as CSV tables, one file per table, written by the one CSV writer
 * (services/csv.ts: UTF-8 BOM, CRLF, formula cells defused). Every row carries the quarter, the day it was
 * closed and the licence, so a file copied on its own still says what it is. Column names are documented in
 * the README (「公開ページとオープンデータ」); `tests/public/` checks they match.
 */
import { csvLine, CSV_BOM, type CsvValue } from './csv.ts';
import type { PublicViewData } from './public-view.ts';
import type { PUBLIC_TABLES } from '../schemas/public.ts';

export type PublicTable = (typeof PUBLIC_TABLES)[number];

/** File names of the tables (the same in the API's URLs and in the static export). */
export const PUBLIC_TABLE_FILES: Record<PublicTable, { file: string; title: string }> = {
  items: { file: 'items.csv', title: '取組' },
  milestones: { file: 'milestones.csv', title: 'マイルストーン' },
  kpis: { file: 'kpis.csv', title: '指標' },
  'kpi-values': { file: 'kpi-values.csv', title: '指標の推移' },
};

const META_HEADER = ['団体コード', '団体名', '四半期', '基準日', '締めた日', 'ライセンス'] as const;
const meta = (v: PublicViewData): CsvValue[] => [v.body.code, v.body.name, v.quarter.label, v.quarter.asOf, v.quarter.closedOn, v.licence];

export const PUBLIC_TABLE_HEADERS: Record<PublicTable, readonly string[]> = {
  items: [...META_HEADER, '取組ID', '分野', '取組', '担当課', '状況', '予定開始日', '予定完了日', '着手日', '完了日', '国の期限', '期限日', '期限に答えるマイルストーン', '公開用の説明・実績'],
  milestones: [...META_HEADER, 'マイルストーンID', '取組ID', '取組', 'マイルストーン', '状況', '予定開始日', '予定日', '着手日', '完了日', '国の期限', '期限日'],
  kpis: [...META_HEADER, '指標ID', '取組ID', '取組', '指標', '単位', '種類', '方向', '基準値', '基準年度', '目標値', '目標年度', '最新の実績値', '最新の時期', '状況', '達成率（%）', '評価'],
  'kpi-values': [...META_HEADER, '指標ID', '指標', '単位', '年度', '四半期', '時期', '実績値', '計画値'],
};

const percent = (a: number | null) => (a === null ? null : Math.round(a * 1000) / 10);

export function publicTableRows(v: PublicViewData, table: PublicTable): CsvValue[][] {
  const m = meta(v);
  switch (table) {
    case 'items':
      return v.items.flatMap((i) => {
        const base = [i.id, i.categoryName, i.title, i.sectionName, i.statusLabel, i.plannedStart, i.plannedEnd, i.actualStart, i.actualEnd];
        // One row per deadline the item answers (none: one row with the deadline columns empty).
        const ds = i.deadlines.length ? i.deadlines : [null];
        return ds.map((d) => [...m, ...base, d ? `${d.title}（${d.label}）` : null, d?.date ?? null, d?.milestoneTitle ?? null, i.publicText]);
      });
    case 'milestones':
      return v.items.flatMap((i) =>
        i.milestones.map((ms) => [
          ...m,
          ms.id,
          i.id,
          i.title,
          ms.title,
          ms.statusLabel,
          ms.plannedStartDate,
          ms.plannedDate,
          ms.actualStartDate,
          ms.actualDate,
          ms.deadline ? `${ms.deadline.title}（${ms.deadline.label}）` : null,
          ms.deadline?.date ?? null,
        ]),
      );
    case 'kpis':
      return v.items.flatMap((i) =>
        i.kpis.map((k) => [
          ...m,
          k.id,
          i.id,
          i.title,
          k.name,
          k.unit,
          k.kindLabel,
          k.directionLabel,
          k.baselineValue,
          k.baselineFiscalYear,
          k.targetValue,
          k.targetFiscalYear,
          k.latestValue,
          k.latestLabel,
          k.statusLabel,
          percent(k.achievement),
          k.rating ?? '－',
        ]),
      );
    case 'kpi-values':
      return v.items.flatMap((i) => i.kpis.flatMap((k) => k.series.map((p) => [...m, k.id, k.name, k.unit, p.fiscalYear, p.quarter, p.label, p.actual, p.expected])));
  }
}

/** A whole table as CSV text (BOM included). */
export function publicTableCsv(v: PublicViewData, table: PublicTable): string {
  let text = CSV_BOM + csvLine(PUBLIC_TABLE_HEADERS[table]);
  for (const r of publicTableRows(v, table)) text += csvLine(r);
  return text;
}
