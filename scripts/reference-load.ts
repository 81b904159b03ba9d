/**
 * `npm run reference:load -- FILE.json [--apply --as ADMIN_USERNAME] [--rollback --as ADMIN_USERNAME]`
 *
 * Loads a national data pack (国の参照データ) into the database at DATABASE_PATH (default data/dx.sqlite).
 * Without --apply it only checks the file and prints what would change: facts added / changed / removed,
 * facts kept because municipal data refers to them, and the bodies whose statuses would change. With
 * --apply it applies it in one transaction, recorded in the audit trail as the administrator named by --as.
 * --rollback (no file) returns to the pack that was active before the current one.
 *
 * Exit codes: 0 done, 1 refused (invalid pack, not newer, nothing to roll back), 2 usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { openDatabase, type Db } from '../server/db/client.ts';
import { runAsActor } from '../server/audit/context.ts';
import { todayInJapan } from '../server/domain/dates.ts';
import { AppError } from '../server/errors.ts';
import { validateLikeBody } from '../server/plugins/validation.ts';
import { ReferencePack } from '../server/schemas/reference-pack.ts';
import type { PackPreview } from '../server/schemas/reference-packs.ts';
import { activePack, applyPack, previewPack, rollbackPack } from '../server/services/reference-pack.ts';

const USAGE = 'usage: npm run reference:load -- FILE.json [--apply --as ADMIN_USERNAME] | --rollback --as ADMIN_USERNAME';

function printPreview(p: PackPreview, out: (s: string) => void) {
  out(`データパック: ${p.title}（版 ${p.version}、${p.publishedOn}）`);
  out(`適用中: ${p.current ? `${p.current.title}（版 ${p.current.version}）` : 'なし'}`);
  out(`追加 ${p.counts.added}件・変更 ${p.counts.changed}件・削除 ${p.counts.removed}件`);
  const mark = { added: '＋', changed: '～', removed: '－' } as const;
  for (const c of p.changes) {
    out(`  ${mark[c.change]} [${c.sectionLabel}] ${c.code} ${c.title}`);
    if (c.change === 'changed') for (const f of c.fields) out(`      ${f.field}: ${f.before || '（なし）'} → ${f.after || '（なし）'}`);
  }
  for (const k of p.kept) out(`  ※ [${k.sectionLabel}] ${k.code} ${k.title}: ${k.reason}`);
  out(`状況が変わる団体: ${p.statusChanges.bodyCount}団体（取組 ${p.statusChanges.itemCount}件）`);
  for (const b of p.statusChanges.bodies) {
    const systems = b.systemsPastDeadline.before !== b.systemsPastDeadline.after ? `、期限を過ぎて未完了のシステム ${b.systemsPastDeadline.before} → ${b.systemsPastDeadline.after}` : '';
    out(`  ${b.code} ${b.name}${systems}`);
    for (const i of b.items) out(`      ${i.title}: ${i.beforeLabel} → ${i.afterLabel}`);
  }
}

function actorFor(db: Db, username: string | undefined) {
  if (!username) throw new AppError(400, 'USAGE', `適用と戻しには、変更履歴に記録する管理者を --as で指定してください。\n${USAGE}`);
  const user = db.$client.prepare("SELECT id, username FROM users WHERE username = ? AND role = 'admin' AND disabled = 0").get(username) as { id: number; username: string } | undefined;
  if (!user) throw new AppError(400, 'USAGE', `管理者「${username}」が見つかりません（役割 admin の有効な利用者を指定してください）。`);
  return { userId: user.id, username: `${user.username}（reference:load）`, note: '', requestId: `cli-${randomUUID()}`, bodyId: null, itemId: null, sectionId: null };
}

export function main(argv: string[], out: (s: string) => void = console.log, err: (s: string) => void = console.error): number {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { apply: { type: 'boolean', default: false }, rollback: { type: 'boolean', default: false }, as: { type: 'string' }, help: { type: 'boolean', default: false } },
      allowPositionals: true,
    }));
  } catch (e) {
    err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help || (positionals.length !== 1 && !values.rollback) || (values.rollback && positionals.length > 0)) {
    (values.help ? out : err)(USAGE);
    return values.help ? 0 : 2;
  }
  const db = openDatabase(process.env.DATABASE_PATH ?? 'data/dx.sqlite');
  const today = todayInJapan();
  try {
    if (values.rollback) {
      const active = activePack(db);
      if (!active) throw new AppError(409, 'PACK_NO_PREVIOUS', '適用中のデータパックがありません。');
      const r = runAsActor(actorFor(db, values.as), () => rollbackPack(db, active.info.id, today));
      printPreview(r, out);
      out(`前の版に戻しました: ${r.pack.title}（版 ${r.pack.version}）`);
      return 0;
    }
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
    } catch (e) {
      throw new AppError(400, 'PACK_UNREADABLE', `ファイルを JSON として読めません: ${(e as Error).message}`);
    }
    const schemaErrors = validateLikeBody(ReferencePack, input);
    if (schemaErrors.length > 0) throw new AppError(400, 'PACK_INVALID', `データパックが形式（reference/pack.schema.json）に合いません（${schemaErrors.length}件）。`, schemaErrors);
    const pack = input as ReferencePack;
    if (!values.apply) {
      const p = previewPack(db, pack, today);
      printPreview(p, out);
      out(p.newer ? '確認のみ（変更していません）。適用するには --apply --as 管理者名 を付けてください。' : `この版は適用中の版（${p.current?.version}）より新しくないため、適用できません。`);
      return 0;
    }
    const r = runAsActor(actorFor(db, values.as), () => applyPack(db, pack, today));
    printPreview(r, out);
    out(`適用しました: ${r.pack.title}（版 ${r.pack.version}、ID ${r.pack.id}）`);
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    err(e.message);
    for (const f of e.errors ?? []) err(`  ${f.field}: ${f.message}`);
    return 1;
  } finally {
    db.$client.close();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) process.exitCode = main(process.argv.slice(2));
