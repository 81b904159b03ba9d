/**
 * The history part of `npm run bench` (issue 13): the generated national data recorded as adopted on 2022-04-01, then
 * four quarters of simulated updates recorded at the end of each quarter (per body: two milestones move on — started,
 * or finished on the quarter's last day —, one is re-planned 90 days later with a reason, and two KPI values are
 * revised), all through the history triggers (`runAsRecorded`, server/audit/context.ts). Then the size of the history.
 */
import { runAsRecorded } from '../server/audit/context.ts';
import type { Db } from '../server/db/client.ts';
import { addDays, endOfJapanDay } from '../server/domain/dates.ts';
import { fiscalQuarterEnd, type Quarter } from '../server/domain/fiscal.ts';
import { countVersions } from '../server/repositories/history.ts';

/** When the generated plans count as adopted (what a reader as of an earlier day sees: nothing). */
export const GENERATED_AT = '2022-04-01T00:00:00.000Z';

export const SIMULATED_QUARTERS: { fiscalYear: number; quarter: Quarter }[] = [
  { fiscalYear: 2025, quarter: 3 },
  { fiscalYear: 2025, quarter: 4 },
  { fiscalYear: 2026, quarter: 1 },
  { fiscalYear: 2026, quarter: 2 },
];

/** Runs `generate` recorded as made on 2022-04-01 (the bench's stand-in for the plans' adoption). */
export const asGenerated = <T>(generate: () => T): T => runAsRecorded({ at: GENERATED_AT, username: '（生成データ）', note: '' }, generate);

export function simulateQuarters(db: Db): { updates: number } {
  const q = db.$client;
  const bodies = q.prepare('SELECT DISTINCT body_id AS id FROM plans ORDER BY body_id').all() as { id: number }[];
  const msOf = q.prepare(
    `SELECT m.id, m.status, m.planned_date AS planned FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id
     WHERE p.body_id = ? AND m.status IN ('not_started', 'in_progress') ORDER BY m.id LIMIT 3`,
  );
  const valuesOf = q.prepare('SELECT v.id FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id WHERE k.body_id = ? ORDER BY v.fiscal_year DESC, v.quarter DESC LIMIT 2');
  const start = q.prepare("UPDATE milestones SET status = 'in_progress', actual_start_date = ?, version = version + 1, updated_at = ? WHERE id = ?");
  const finish = q.prepare("UPDATE milestones SET status = 'done', actual_date = ?, version = version + 1, updated_at = ? WHERE id = ?");
  const replan = q.prepare('UPDATE milestones SET planned_date = ?, version = version + 1, updated_at = ? WHERE id = ?');
  const revise = q.prepare('UPDATE kpi_values SET value = value + 1, version = version + 1, updated_at = ? WHERE id = ?');
  let updates = 0;
  for (const fq of SIMULATED_QUARTERS) {
    const day = fiscalQuarterEnd(fq.fiscalYear, fq.quarter);
    const at = endOfJapanDay(day).replace('14:59:59.999', '09:00:00.000');
    q.transaction(() => {
      for (const b of bodies) {
        const [a, c, r] = msOf.all(b.id) as { id: number; status: string; planned: string }[];
        runAsRecorded({ at, username: '（生成データ）', note: '' }, () => {
          for (const m of [a, c]) {
            if (!m) continue;
            (m.status === 'not_started' ? start : finish).run(day, at, m.id);
            updates++;
          }
          for (const v of valuesOf.all(b.id) as { id: number }[]) {
            revise.run(at, v.id);
            updates++;
          }
        });
        if (r) {
          runAsRecorded({ at, username: '（生成データ）', note: '事業者の体制変更による計画変更（シミュレーション）' }, () => replan.run(addDays(r.planned, 90), at, r.id));
          updates++;
        }
      }
    })();
  }
  return { updates };
}

/** Versions per table, their bytes of JSON, and the pages the table and its indexes take (dbstat when available). */
export function historySize(db: Db) {
  const q = db.$client;
  const versions = countVersions(db);
  const dataBytes = (q.prepare('SELECT coalesce(sum(length(data)), 0) AS n FROM row_versions').get() as { n: number }).n;
  let bytesOnDisk: number | null;
  try {
    bytesOnDisk = (q.prepare("SELECT sum(pgsize) AS n FROM dbstat WHERE name IN ('row_versions', 'row_versions_body_idx', 'row_versions_row_idx')").get() as { n: number }).n;
  } catch {
    bytesOnDisk = null; // SQLite built without the dbstat table
  }
  return { versions, total: versions.reduce((s, v) => s + v.n, 0), dataBytes, bytesOnDisk };
}
