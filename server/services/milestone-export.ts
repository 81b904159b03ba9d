/**
 * Every milestone of the country (or of one prefecture) as CSV, streamed: rows are read from a
 * read-only connection of their own with `iterate()` and pulled only as fast as the client takes them
 * (back-pressure through `pipeline`), so memory stays flat for any size and the main connection stays
 * free for other requests while a long export runs. The rows are one consistent snapshot (the read
 * transaction of the iterator). UTF-8 with BOM, CRLF, formula cells defused (services/csv.ts).
 */
import Database from 'better-sqlite3';
import { PassThrough, type Readable } from 'node:stream';
import type { Db } from '../db/client.ts';
import { ADHERENCE_SHORT_LABELS, MILESTONE_STATUS_LABELS, type MilestoneStatus } from '../domain/labels.ts';
import { CSV_BOM, csvLine } from './csv.ts';

export const MILESTONE_EXPORT_HEADER = ['団体コード', '都道府県', '団体名', '分野', '取組', '担当課', 'マイルストーン', '予定日', '実績日', '状況', '予定との関係'] as const;

/** The query (also run by the benchmark's `sqlite3 -csv` comparison): body code order, then plan order. */
export const MILESTONE_EXPORT_SQL = `SELECT b.code, b.prefecture_name, b.name, c.name AS category, i.title AS item, s.name AS section,
    m.title AS milestone, m.planned_date, m.actual_date, m.status
  FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id JOIN local_bodies b ON b.id = p.body_id
  JOIN categories c ON c.id = i.category_id JOIN sections s ON s.id = i.section_id
  WHERE @pref IS NULL OR b.prefecture_code = @pref
  ORDER BY b.code, p.id, i.sort_order, i.id, m.sort_order, m.id`;

type Row = [string, string, string, string, string, string, string, string, string | null, MilestoneStatus];

/** 予定との関係 as of `today`, by the rule of domain/adherence.ts (on strings, per row, without allocation). */
function adherenceLabel(planned: string, actual: string | null, status: MilestoneStatus, today: string): string {
  if (status === 'not_applicable') return ADHERENCE_SHORT_LABELS.not_applicable;
  if (status === 'done') return ADHERENCE_SHORT_LABELS[(actual ?? planned) <= planned ? 'done_on_time' : 'done_late'];
  return ADHERENCE_SHORT_LABELS[planned < today ? 'overdue' : 'upcoming'];
}

const readers = new WeakMap<Db, Database.Database>();

/** A read-only connection to the same file, opened once per app database. */
function readerOf(db: Db): Database.Database {
  let r = readers.get(db);
  if (!r || !r.open) {
    r = new Database(db.$client.name, { readonly: true, fileMustExist: true });
    readers.set(db, r);
  }
  return r;
}

export function closeExportReader(db: Db): void {
  readers.get(db)?.close();
  readers.delete(db);
}

export function milestonesCsv(db: Db, prefectureCode: string | null, today: string): Readable {
  const it = readerOf(db).prepare(MILESTONE_EXPORT_SQL).raw().iterate({ pref: prefectureCode }) as IterableIterator<Row>;
  const out = new PassThrough();
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    it.return?.(); // an aborted download releases the statement (and its read snapshot)
  };
  // 500 lines per write; wait for 'drain' when the client is slower than the database (back-pressure).
  const pump = () => {
    for (;;) {
      let chunk = '';
      for (let n = 0; n < 500; n++) {
        const next = it.next();
        if (next.done) {
          finish();
          out.end(chunk);
          return;
        }
        const [code, pref, body, category, item, section, milestone, planned, actual, status] = next.value;
        chunk += csvLine([code, pref, body, category, item, section, milestone, planned, actual, MILESTONE_STATUS_LABELS[status], adherenceLabel(planned, actual, status, today)]);
      }
      if (!out.write(chunk)) return void out.once('drain', pump);
    }
  };
  out.once('close', finish);
  out.once('error', finish);
  out.write(CSV_BOM + csvLine(MILESTONE_EXPORT_HEADER));
  setImmediate(pump);
  return out;
}
