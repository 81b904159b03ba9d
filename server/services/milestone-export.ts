/**
 * Every milestone of the country (or of one prefecture) as CSV, streamed: rows are read from a
 * read-only connection of their own with `iterate()` and pulled only as fast as the client takes them
 * (back-pressure through `pipeline`), so memory stays flat for any size and the main connection stays
 * free for other requests while a long export runs. The rows are one consistent snapshot (the read
 * transaction of the iterator). UTF-8 with BOM, CRLF, formula cells defused (services/csv.ts).
 */
import { PassThrough, type Readable } from 'node:stream';
import type { Db } from '../db/client.ts';
import { ADHERENCE_SHORT_LABELS, MILESTONE_STATUS_LABELS, type MilestoneStatus } from '../domain/labels.ts';
import { iterateMilestoneRows } from '../repositories/milestone-rows.ts';
import { CSV_BOM, csvLine } from './csv.ts';

export { closeExportReader } from '../repositories/milestone-rows.ts';

export const MILESTONE_EXPORT_HEADER = ['団体コード', '都道府県', '団体名', '分野', '取組', '担当課', 'マイルストーン', '予定日', '実績日', '状況', '予定との関係'] as const;


/** 予定との関係 as of `today`, by the rule of domain/adherence.ts (on strings, per row, without allocation). */
function adherenceLabel(planned: string, actual: string | null, status: MilestoneStatus, today: string): string {
  if (status === 'not_applicable') return ADHERENCE_SHORT_LABELS.not_applicable;
  if (status === 'done') return ADHERENCE_SHORT_LABELS[(actual ?? planned) <= planned ? 'done_on_time' : 'done_late'];
  return ADHERENCE_SHORT_LABELS[planned < today ? 'overdue' : 'upcoming'];
}

export function milestonesCsv(db: Db, prefectureCode: string | null, today: string): Readable {
  const it = iterateMilestoneRows(db, prefectureCode);
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
