/**
 * 松戸市 (千葉県): ENTIRELY SAMPLE data (サンプル) for comparisons. The body is real (code, name) and has a real
 * 「松戸市行政デジタル化ビジョン」 (quoted in seeds/000); the plan below, its items, progress, sections and
 * KPIs are invented and do not describe the city's actual plan.
 *
 * Mix designed for DEMO_AS_OF (2026-11-23): a large city behind on standardization (期限超過, 11 of 20 areas
 * live), two tax areas as 特定移行支援システム answering directly to the std_migration_support deadline
 * (順調), online usage below its own target (no national comparison: no national series has its definition).
 */
import { fiscalYearEnd, fiscalYearStart } from '../../server/domain/fiscal.ts';
import {
  annual,
  BodyBuilder,
  LIVE_STEPS_DONE,
  quarterly,
  type AreaSpec,
  type Ref,
  type Tx,
} from './helpers.ts';

export const MATSUDO_CODE = '122076';

const DX = 'デジタル行政推進課';
const SECTIONS = [
  DX,
  '市民課',
  '市民税課',
  '資産税課',
  '国保年金課',
  '健康推進課',
  '障害福祉課',
  '介護保険課',
  '生活支援課',
  '子育て支援課',
  '学務課',
  '総務課',
  '文書管理課',
  '収納課',
  '選挙管理委員会事務局',
] as const;

const SAMPLE = '（サンプル）';

export function seedMatsudo(tx: Tx, ref: Ref): void {
  const b = new BodyBuilder(
    tx,
    ref,
    {
      code: MATSUDO_CODE,
      name: '松戸市',
      prefectureCode: '12',
      prefectureName: '千葉県',
      kind: 'city',
      population: 498_000, // approx. (約49.8万人)
      isSample: true, // everything below is invented
    },
    '2022-03-25',
    { [DX]: '2026-11-18', 市民税課: '2026-09-02', 収納課: '2026-10-26' },
  );
  b.addSections(SECTIONS);
  b.addPlan({
    title: '松戸市DX推進計画（サンプル）',
    startFy: 2022,
    endFy: 2025,
    adoptedOn: '2022-03-25',
    sourceText:
      'サンプルデータ：松戸市の実際の計画ではありません。団体間の比較を示すために作成した架空の計画です。' +
      '（松戸市の実際の方針は「松戸市行政デジタル化ビジョン」を参照。）',
  });

  const std = b.addItem({
    title: '自治体情報システムの標準化・共通化',
    category: 'standardization',
    section: DX,
    targetFy: 2025,
    sample: true,
    milestones: [
      { title: 'フィット&ギャップ分析', start: fiscalYearStart(2022), planned: fiscalYearEnd(2022), actual: '2023-03-30', status: 'done' },
      { title: 'ベンダ選定・調達', planned: '2024-03-29', actual: '2024-09-30', status: 'done', note: `${SAMPLE}仕様の再整理で半年遅れ。` },
      {
        title: '標準準拠システムへの移行', deadline: 'std_migration',
        start: fiscalYearStart(2025),
        planned: fiscalYearEnd(2025),
        actualStart: '2025-04-01',
        status: 'in_progress',
        note: `${SAMPLE}特定移行支援の2業務を除く18業務中11業務が本稼働。`,
      },
      { title: '残る7業務の移行', start: fiscalYearStart(2026), planned: fiscalYearEnd(2026), actualStart: '2026-04-01', status: 'in_progress', createdOn: '2026-04-01', note: `${SAMPLE}令和8年度に追加した予定。` },
    ],
  });

  const support = b.addItem({
    title: '標準準拠システムへの移行（特定移行支援：固定資産税・個人住民税）',
    category: 'standardization',
    section: '資産税課',
    parent: std,
    targetFy: 2029,
    sample: true,
    createdOn: '2025-01-30',
    milestones: [
      { title: '特定移行支援システムの該当申出', planned: '2025-01-31', actual: '2025-01-30', status: 'done' },
      { title: '移行計画の策定', planned: fiscalYearEnd(2025), actual: '2026-03-19', status: 'done' },
      { title: 'ベンダ選定・調達', start: fiscalYearStart(2027), planned: '2027-12-28', status: 'not_started' },
      { title: '標準準拠システムへの移行（本稼働）', deadline: 'std_migration_support', planned: '2030-01-31', status: 'not_started' },
    ],
  });

  b.addItem({
    title: 'ガバメントクラウドへの移行',
    category: 'gov_cloud',
    section: DX,
    targetFy: 2025,
    sample: true,
    milestones: [
      { title: 'ガバメントクラウドへの移行', deadline: 'gov_cloud', start: fiscalYearStart(2024), planned: '2025-12-26', actual: '2026-03-16', status: 'done' },
    ],
  });

  const online = b.addItem({
    title: '子育て・介護等27手続のオンライン化（マイナポータル）',
    category: 'online_procedures',
    section: '子育て支援課',
    targetFy: 2022,
    sample: true,
    milestones: [{ title: '運用開始', deadline: 'online_priority27', start: fiscalYearStart(2022), planned: fiscalYearEnd(2022), actual: '2022-12-01', status: 'done' }],
  });

  b.addItem({
    title: '電子申請の拡充（施設予約・粗大ごみ受付等）',
    category: 'online_procedures',
    section: DX,
    targetFy: 2026,
    sample: true,
    milestones: [
      { title: '公共施設予約のオンライン化', planned: '2025-06-30', actual: '2025-06-02', status: 'done' },
      { title: '粗大ごみ収集申込のオンライン化', planned: fiscalYearEnd(2025), actual: '2026-03-02', status: 'done' },
      { title: '各種証明書の郵送請求のオンライン化', start: fiscalYearStart(2026), planned: '2027-01-29', actualStart: '2026-06-01', status: 'in_progress' },
    ],
  });

  const rpa = b.addItem({
    title: 'RPAの全庁展開（30業務）',
    category: 'ai_rpa',
    section: DX,
    targetFy: 2024,
    sample: true,
    milestones: [
      { title: '15業務への導入', start: fiscalYearStart(2023), planned: '2024-03-29', actual: '2024-03-28', status: 'done' },
      { title: '残り15業務への導入', start: fiscalYearStart(2024), planned: fiscalYearEnd(2024), actualStart: '2024-05-07', status: 'in_progress', note: `${SAMPLE}9業務まで導入。` },
    ],
  });

  b.addItem({
    title: 'セキュリティポリシーの改定',
    category: 'security',
    section: DX,
    targetFy: 2022,
    sample: true,
    milestones: [{ title: '改定・施行', deadline: 'security_policy', planned: fiscalYearEnd(2022), actual: '2023-03-28', status: 'done' }],
  });

  b.addItem({
    title: '地方税統一QRコード（eLTAX）による公金収納',
    category: 'eltax',
    section: '収納課',
    targetFy: 2026,
    sample: true,
    milestones: [
      { title: '地方税の納付書へのQRコード印字', planned: '2023-09-29', actual: '2023-09-26', status: 'done' },
      { title: '税外公金（保育料等）への拡大', start: fiscalYearStart(2025), planned: '2026-09-30', actualStart: '2025-10-01', status: 'in_progress' },
    ],
  });

  const paper = b.addItem({
    title: '電子決裁・文書管理システムの全庁導入',
    category: 'paperless',
    section: '文書管理課',
    targetFy: 2023,
    sample: true,
    milestones: [{ title: '全庁導入', start: fiscalYearStart(2023), planned: '2024-03-29', actual: '2024-06-28', status: 'done' }],
  });

  b.addItem({
    title: 'テレワークの推進',
    category: 'telework',
    section: '総務課',
    targetFy: 2022,
    sample: true,
    milestones: [{ title: 'テレワーク実施要領の改定', planned: fiscalYearEnd(2022), actual: '2023-03-20', status: 'done' }],
  });

  b.addKpi({
    name: 'オンライン申請利用率',
    unit: '%',
    direction: 'higher',
    item: online,
    baseline: [2021, 20.5],
    target: [2025, 70],
    notes: SAMPLE,
    values: quarterly(2022, 1, [22.0, 25.1, 28.4, 31.0, 34.2, 37.5, 40.3, 43.8, 46.0, 48.9, 51.2, 53.7, 55.9, 58.0, 59.6, 61.2, 62.4, 63.0]),
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
    values: quarterly(2022, 1, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 9, 10, 11]),
  });
  b.addKpi({
    name: 'RPAによる削減時間',
    unit: '時間/年',
    kind: 'period',
    direction: 'higher',
    item: rpa,
    baseline: [2021, 3000],
    target: [2025, 20000],
    notes: SAMPLE,
    values: annual(2022, [5200, 8100, 10400, 12900]),
  });
  b.addKpi({
    name: 'コピー用紙の使用枚数',
    unit: '万枚/年',
    kind: 'period',
    direction: 'lower',
    item: paper,
    baseline: [2021, 2850],
    target: [2025, 1700],
    notes: SAMPLE,
    values: annual(2022, [2700, 2310, 1960, 1650]),
  });

  const area = (section: string, frontier: 'all' | string): AreaSpec => ({
    section,
    item: std,
    progress: frontier === 'all' || frontier >= 'step38' ? { frontier, overrides: LIVE_STEPS_DONE } : { frontier },
  });
  b.addBusinessAreas(
    {
      住民基本台帳: area('市民課', 'all'),
      選挙人名簿管理: area('選挙管理委員会事務局', 'all'),
      固定資産税: { section: '資産税課', item: support, migrationSupport: true, progress: { frontier: 'step11' } },
      個人住民税: { section: '市民税課', item: support, migrationSupport: true, progress: { frontier: 'step10' } },
      法人住民税: area('市民税課', 'step39'),
      軽自動車税: area('市民税課', 'all'),
      戸籍: area('市民課', 'all'),
      戸籍の附票: area('市民課', 'all'),
      印鑑登録: area('市民課', 'step40'),
      国民健康保険: area('国保年金課', 'step32'),
      国民年金: area('国保年金課', 'all'),
      障害者福祉: area('障害福祉課', 'step28'),
      後期高齢者医療: area('国保年金課', 'step31'),
      介護保険: area('介護保険課', 'step27'),
      児童手当: area('子育て支援課', 'all'),
      生活保護: area('生活支援課', 'step12'),
      健康管理: area('健康推進課', 'step13'),
      就学: area('学務課', 'step39'),
      児童扶養手当: area('子育て支援課', 'all'),
      '子ども・子育て支援': area('子育て支援課', 'step33'),
    },
    MATSUDO_CODE,
    '2026-10-30',
  );
}
