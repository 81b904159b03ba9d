/**
 * `npm run public:export -- --body 432121 --out dir/`: writes the body's public pages and open data as static
 * files (server/public-site/export.ts) from the database at DATABASE_PATH (default data/dx.sqlite).
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/client.ts';
import { AppError } from '../server/errors.ts';
import { writePublicExport } from '../server/public-site/export.ts';

const USAGE = '使い方: npm run public:export -- --body 団体コード（6桁） --out 出力先フォルダー';

export function main(argv: string[], out: (s: string) => void = console.log, err: (s: string) => void = console.error): number {
  let values: { body?: string; out?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { body: { type: 'string' }, out: { type: 'string' } }, strict: true }));
  } catch (e) {
    err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.body || !/^[0-9]{6}$/.test(values.body) || !values.out) {
    err(USAGE);
    return 2;
  }
  const db = openDatabase(process.env.DATABASE_PATH ?? 'data/dx.sqlite');
  try {
    const { view, files } = writePublicExport(db, values.body, values.out);
    out(`${view.body.name}（${view.quarter.label}、${view.items.length}件の取組）を ${values.out} に書き出しました（${files.length}ファイル）。`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      err(`${e.message}（DX推進本部が取組を公開し、四半期を締めると出力できます）`);
      return 1;
    }
    throw e;
  } finally {
    db.$client.close();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) process.exitCode = main(process.argv.slice(2));
