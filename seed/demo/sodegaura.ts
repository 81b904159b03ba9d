/**
 * 袖ケ浦市 (千葉県): ENTIRELY SAMPLE data (サンプル) for comparisons. The body is real (code, name); the plan,
 * its items, progress, sections and KPIs are invented and do not describe the city's actual plan.
 *
 * Mix designed for DEMO_AS_OF (2026-11-23): standardization finished (a little late, before the deadline),
 * Gov-Cloud not yet (standard systems run at the vendor's data centre for now) with a body-scoped
 * extension of the gov_cloud deadline to 2027-03-31 under which it is 要注意; no 期限超過 item.
 */
import { fiscalYearEnd, fiscalYearStart } from '../../server/domain/fiscal.ts';
import {
  BodyBuilder,
  LIVE_STEPS_DONE,
  quarterly,
  type AreaSpec,
  type Ref,
  type Tx,
} from './helpers.ts';

export const SODEGAURA_CODE = '122297';

const DX = 'デジタル推進課';
const SECTIONS = [
  DX,
  '市民課',
  '税務課',
  '保険年金課',
  '健康推進課',
  '障がい者支援課',
  '高齢者支援課',
  '生活支援課',
  '子育て支援課',
  '学校教育課',
  '総務課',
  '選挙管理委員会事務局',
] as const;

const SAMPLE = '（サンプル）';

export function seedSodegaura(tx: Tx, ref: Ref): void {
  const b = new BodyBuilder(
    tx,
    ref,
    {
      code: SODEGAURA_CODE,
      name: '袖ケ浦市',
      prefectureCode: '12',
      prefectureName: '千葉県',
      kind: 'city',
      population: 64_000, // approx. (約6.4万人)
      isSample: true, // everything below is invented
    },
    '2022-06-28',
    { [DX]: '2026-11-12', 市民課: '2026-10-30', 総務課: '2026-08-03' },
  );
  b.addSections(SECTIONS);
  b.addPlan({
    title: '袖ケ浦市DX推進計画（サンプル）',
    startFy: 2022,
    endFy: 2026,
    adoptedOn: '2022-06-28',
    sourceText: 'サンプルデータ：袖ケ浦市の実際の計画ではありません。団体間の比較を示すために作成した架空の計画です。',
  });

  const std = b.addItem({
    title: '自治体情報システムの標準化・共通化',
    category: 'standardization',
    section: DX,
    targetFy: 2025,
    sample: true,
    milestones: [
      { title: '現行システム調査・フィット&ギャップ分析', start: fiscalYearStart(2023), planned: '2023-12-28', actual: '2023-12-22', status: 'done' },
      { title: 'ベンダ選定・調達', planned: '2024-03-29', actual: '2024-05-31', status: 'done', note: `${SAMPLE}再見積りのため2か月遅れ。` },
      { title: 'データ移行・運用テスト', start: fiscalYearStart(2025), planned: '2025-12-26', actual: '2025-12-19', status: 'done' },
      { title: '標準準拠システムへの移行（本稼働）', deadline: 'std_migration', planned: '2026-01-31', actual: '2026-02-02', status: 'done' },
    ],
  });

  b.addItem({
    title: 'ガバメントクラウドへの移行',
    category: 'gov_cloud',
    section: DX,
    targetFy: 2026,
    sample: true,
    notes: `${SAMPLE}標準準拠システムは暫定的に事業者のデータセンターで稼働。国の目標時期を団体として2027-03-31まで延長。`,
    milestones: [
      { title: 'ガバメントクラウド利用の申請', planned: '2025-06-30', actual: '2025-06-20', status: 'done' },
      { title: '接続回線の調達', start: fiscalYearStart(2026), planned: '2026-09-30', actualStart: '2026-05-18', status: 'in_progress', note: `${SAMPLE}入札不調で再公告。` },
      { title: '本番環境への移行', deadline: 'gov_cloud', planned: '2027-02-26', status: 'not_started' },
    ],
  });
  b.addExtension({
    deadline: 'gov_cloud',
    extendedDueDate: '2027-03-31',
    reason: `${SAMPLE}事業者のリソース不足によりガバメントクラウドへの移行時期を延長（団体単位）。`,
    sourceText: `${SAMPLE}架空の延長。`,
    createdOn: '2025-11-10',
  });

  b.addItem({
    title: '子育て・介護等27手続のオンライン化（マイナポータル）',
    category: 'online_procedures',
    section: '子育て支援課',
    targetFy: 2022,
    sample: true,
    milestones: [
      { title: '運用開始', deadline: 'online_priority27', start: fiscalYearStart(2022), planned: fiscalYearEnd(2022), actual: '2023-03-15', status: 'done' },
    ],
  });

  b.addItem({
    title: '書かない窓口の導入',
    category: 'frontyard',
    section: '市民課',
    targetFy: 2026,
    sample: true,
    milestones: [
      { title: '窓口業務のBPR', planned: '2025-12-26', actual: '2026-01-30', status: 'done' },
      { title: '市民課窓口での試行', start: fiscalYearStart(2026), planned: '2026-10-30', actual: '2026-10-28', status: 'done' },
      { title: '本格導入', planned: fiscalYearEnd(2026), status: 'not_started' },
    ],
  });

  b.addItem({
    title: '生成AIの全庁導入とRPAの拡大',
    category: 'ai_rpa',
    section: DX,
    targetFy: 2026,
    sample: true,
    milestones: [
      { title: '生成AIの試行', planned: '2024-12-27', actual: '2024-12-20', status: 'done' },
      { title: '生成AIの全庁導入', planned: '2025-09-30', actual: '2025-09-01', status: 'done' },
      { title: 'RPA対象業務の拡大（10業務）', start: fiscalYearStart(2026), planned: '2026-09-30', actualStart: '2026-04-15', status: 'in_progress' },
    ],
  });

  b.addItem({
    title: 'テレワークの推進',
    category: 'telework',
    section: '総務課',
    targetFy: 2026,
    sample: true,
    milestones: [
      { title: 'モバイル端末の配備', planned: '2024-03-29', actual: '2024-03-26', status: 'done' },
      { title: '利用拡大（全課で月1回以上）', start: fiscalYearStart(2026), planned: fiscalYearEnd(2026), actualStart: '2026-04-01', status: 'in_progress' },
    ],
  });

  b.addItem({
    title: 'マイナンバーカードの普及促進',
    category: 'mynumber',
    section: '市民課',
    targetFy: 2022,
    sample: true,
    milestones: [
      { title: '出張申請受付の実施', deadline: 'mynumber_card', start: fiscalYearStart(2022), planned: fiscalYearEnd(2022), actual: '2023-03-31', status: 'done' },
    ],
  });

  b.addKpi({
    name: 'オンライン申請利用率',
    unit: '%',
    direction: 'higher',
    baseline: [2022, 12.0],
    target: [2026, 50],
    notes: SAMPLE,
    values: quarterly(2022, 1, [12.5, 14.0, 15.8, 17.1, 19.0, 20.6, 22.3, 24.0, 26.2, 28.0, 29.9, 31.5, 33.4, 35.2, 37.0, 39.1, 41.0, 43.6]),
  });
  b.addKpi({
    name: '標準準拠システム移行済み業務数',
    unit: '業務',
    kind: 'cumulative',
    direction: 'higher',
    item: std,
    baseline: [2021, 0],
    target: [2025, 20],
    notes: SAMPLE,
    values: quarterly(2022, 1, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 20, 20]),
  });
  b.addKpi({
    name: '窓口平均待ち時間',
    unit: '分',
    direction: 'lower',
    baseline: [2023, 25],
    target: [2026, 10],
    notes: `${SAMPLE}市民課窓口の平均待ち時間（四半期平均）。`,
    values: quarterly(2024, 1, [24, 23, 25, 22, 21, 20, 19, 18, 16, 15]),
  });

  // All 20 areas live on standard-compliant systems; the Gov-Cloud steps are still open everywhere.
  const overrides = { ...LIVE_STEPS_DONE, step20: 'done', step21: 'in_progress', step22: 'not_started' } as const;
  const live = (section: string, frontier: 'all' | string = 'all'): AreaSpec => ({ section, item: std, progress: { frontier, overrides } });
  b.addBusinessAreas(
    {
      住民基本台帳: live('市民課'),
      選挙人名簿管理: live('選挙管理委員会事務局'),
      固定資産税: live('税務課'),
      個人住民税: live('税務課', 'step40'),
      法人住民税: live('税務課'),
      軽自動車税: live('税務課'),
      戸籍: live('市民課'),
      戸籍の附票: live('市民課'),
      印鑑登録: live('市民課'),
      国民健康保険: live('保険年金課'),
      国民年金: live('保険年金課'),
      障害者福祉: live('障がい者支援課', 'step39'),
      後期高齢者医療: live('保険年金課'),
      介護保険: live('高齢者支援課', 'step40'),
      児童手当: live('子育て支援課'),
      生活保護: live('生活支援課'),
      健康管理: live('健康推進課'),
      就学: live('学校教育課'),
      児童扶養手当: live('子育て支援課'),
      '子ども・子育て支援': live('子育て支援課', 'step38'),
    },
    SODEGAURA_CODE,
    '2026-10-30',
  );
}
