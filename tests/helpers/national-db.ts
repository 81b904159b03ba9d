/**
 * A national database file (seed/national, 生成データ) for tests that run the real server on it:
 * reference data, the generated bodies at `scale` (1 = 1,788 bodies), and three accounts —
 * an admin, a prefecture user of `prefectureCode` (default: the prefecture with the most bodies), and a
 * viewer of one body of that prefecture.
 * Start a server on it with `startServer({ env: { DATABASE_PATH: path } })`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '../../server/auth/users.ts';
import { openDatabase } from '../../server/db/client.ts';
import { generateNational } from '../../seed/national/generate.ts';
import { seedReference } from '../../seed/reference.ts';

export const NATIONAL_PASSWORD = 'national-e2e-password';
export const NATIONAL_USERS = { admin: 'nat-admin', prefecture: 'nat-pref', viewer: 'nat-viewer' } as const;

export interface NationalDatabase {
  path: string;
  bodies: number;
  /** The prefecture of the prefecture user and the viewer (given, or the one with the most bodies). */
  prefectureCode: string;
  /** The viewer's body (a municipality of `prefectureCode`). */
  viewerBody: { id: number; code: string; name: string };
  buildSeconds: number;
  remove: () => void;
}

export async function buildNationalDatabase(options: { scale: number; seed?: number; prefectureCode?: string }): Promise<NationalDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'dx-national-'));
  const path = join(dir, 'national.sqlite');
  const started = performance.now();
  const db = openDatabase(path);
  try {
    seedReference(db);
    const summary = generateNational(db, { seed: options.seed ?? 1, scale: options.scale });
    const prefectureCode =
      options.prefectureCode ??
      (db.$client.prepare('SELECT prefecture_code AS code FROM local_bodies GROUP BY prefecture_code ORDER BY count(*) DESC, prefecture_code LIMIT 1').get() as { code: string }).code;
    await createUser(db, { username: NATIONAL_USERS.admin, role: 'admin', password: NATIONAL_PASSWORD });
    await createUser(db, { username: NATIONAL_USERS.prefecture, role: 'prefecture', prefectureCode, password: NATIONAL_PASSWORD });
    const viewerBody = db.$client
      .prepare("SELECT id, code, name FROM local_bodies WHERE prefecture_code = ? AND kind <> 'prefecture' ORDER BY code LIMIT 1")
      .get(prefectureCode) as { id: number; code: string; name: string };
    await createUser(db, { username: NATIONAL_USERS.viewer, role: 'viewer', bodyCode: viewerBody.code, password: NATIONAL_PASSWORD });
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    return {
      path,
      prefectureCode,
      bodies: summary.bodies,
      viewerBody,
      buildSeconds: (performance.now() - started) / 1000,
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } finally {
    db.$client.close();
  }
}
