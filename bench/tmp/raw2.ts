import Database from 'better-sqlite3';
import { registerAuditFunctions, runAsActor } from '../../server/audit/context.ts';
const raw = new Database('/tmp/perf/national.sqlite');
raw.pragma('journal_mode = WAL'); raw.pragma('synchronous = FULL');
registerAuditFunctions(raw);
const ids = (raw.prepare("SELECT id FROM milestones WHERE status='in_progress' ORDER BY id LIMIT 64").all() as {id:number}[]).map(r=>r.id);
const upd = raw.prepare("UPDATE milestones SET note = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
const tx = raw.transaction((id: number, note: string) => upd.run(note, id));
for (const audited of [false, true]) {
  let n = 0; const until = performance.now() + 4000;
  const loop = () => { while (performance.now() < until) tx(ids[n % ids.length]!, `raw ${n++}`); };
  if (audited) runAsActor({ userId: 1, username: 'bench-admin', note: '', requestId: 'x', bodyId: null, itemId: null, sectionId: null }, loop); else loop();
  console.log(audited ? 'audited' : 'plain', 'updates/s', Math.round(n / 4));
}
console.log(raw.pragma('wal_autocheckpoint'));
