/**
 * The prefectures of the demo municipalities, as bodies without a plan (for prefecture-level views).
 * Real bodies and codes; populations are approximate.
 */
import { insertBody, type Tx } from './helpers.ts';

export const PREFECTURE_CODES = ['430005', '120006'] as const;

export function seedPrefectures(tx: Tx): void {
  insertBody(
    tx,
    {
      code: '430005',
      name: '熊本県',
      prefectureCode: '43',
      prefectureName: '熊本県',
      kind: 'prefecture',
      population: 1_710_000, // approx. (約171万人)
      isSample: false,
    },
    '2022-03-31',
  );
  insertBody(
    tx,
    {
      code: '120006',
      name: '千葉県',
      prefectureCode: '12',
      prefectureName: '千葉県',
      kind: 'prefecture',
      population: 6_270_000, // approx. (約627万人)
      isSample: false,
    },
    '2022-03-31',
  );
}
