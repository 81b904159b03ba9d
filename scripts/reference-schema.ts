/**
 * `npm run reference:schema`: writes reference/pack.schema.json, the JSON Schema of the national data pack,
 * from its one definition (server/schemas/reference-pack.ts). tests/reference/pack.test.ts fails when the
 * committed file and the definition differ.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ReferencePack } from '../server/schemas/reference-pack.ts';

export const SCHEMA_PATH = fileURLToPath(new URL('../reference/pack.schema.json', import.meta.url));

export function packJsonSchema(): string {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'pack.schema.json',
    description:
      '自治体DX進捗ダッシュボードの国の参照データ（データパック）。各事実に出典（sources のコード）と状況（confirmed = 確認済み / unverified = 要確認）を付す。' +
      'スキーマで表せない規則（コードの重複なし、参照先の存在、期限の順序、内部ファイル名の禁止）はアプリが読み込み時に確かめる。',
    ...JSON.parse(JSON.stringify(ReferencePack)),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_PATH, packJsonSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
