/**
 * 上天草市 (熊本県): the real schedule of 「上天草版デジタル・トランスフォーメーション（DX）推進計画」
 * (令和4年3月31日, 企画政策部行革デジタル戦略課), section 3.3 「計画的な取組」, with SAMPLE progress.
 *
 * What is real: the plan (title, period FY2022–FY2025, adoption date, owner section), the item titles, the
 * milestone titles and their planned fiscal years (3.3), the 25 classes a year target, the national target
 * years quoted in the plan, and two facts from the plan's text (the security policy revised in 令和3年9月,
 * the convenience-store certificate service started on 令和3年9月1日).
 * What is sample (サンプル, `isSample`): every other actual date and status, the sections other than
 * 行革デジタル戦略課, the items and milestones added in FY2025–FY2026 where the plan slipped, the business
 * area progress, the deadline extension and all KPI values.
 *
 * The sample progress is chosen so that, as of DEMO_AS_OF (2026-11-23), the data shows every state under the
 * product's own rules (server/domain/adherence.ts, item-status.ts; server/services/assessment.ts):
 * - milestone: done on time, done late, overdue, upcoming, 対象外 (not_applicable).
 * - item: 完了, 期限後完了, 順調, 遅延, 要注意, 期限超過; parents roll up (the worst of their own milestones and
 *   their children). See KAMIAMAKUSA_EXPECTED_ITEM_STATES.
 */
import { fiscalYearEnd, fiscalYearStart } from '../../server/domain/fiscal.ts';
import type { ItemStatus } from '../../server/domain/labels.ts';
import {
  annual,
  BodyBuilder,
  LIVE_STEPS_DONE,
  quarterly,
  type AreaSpec,
  type Ref,
  type Tx,
} from './helpers.ts';

export const KAMIAMAKUSA_CODE = '432121';

const PLAN_TITLE = '上天草版デジタル・トランスフォーメーション（DX）推進計画';
const PLAN_SOURCE =
  '上天草市企画政策部行革デジタル戦略課「上天草版デジタル・トランスフォーメーション（DX）推進計画」（令和4年3月31日）。' +
  '対象期間は1.3「令和4年度から令和7年度までの4年間」。取組事項と予定時期は3.3「計画的な取組」のスケジュール表による。' +
  '実績日・進捗状況・指標値・担当課（行革デジタル戦略課を除く）はサンプルデータ。';

const DX = '行革デジタル戦略課';
const SECTIONS = [
  DX,
  '市民課',
  '税務課',
  '保険年金課',
  '健康づくり推進課',
  '福祉課',
  '高齢者支援課',
  '子育て支援課',
  '学校教育課',
  '総務課',
  '選挙管理委員会事務局',
] as const;

/** Plan-schedule note: the planned dates are real, the progress is not. */
const PLANNED = (fys: string) => `予定は計画3.3のとおり（${fys}）。実績・状況はサンプル。`;

export const KAMIAMAKUSA_ITEM_TITLES = {
  standardization: '自治体情報システムの標準化・共通化',
  govCloud: 'ガバメントクラウドへ移行',
  migrationSupport: '標準準拠システムへの移行（特定移行支援：介護保険・後期高齢者医療業務）',
  mynumber: 'マイナンバーカードの普及促進',
  online: '自治体の行政手続のオンライン化',
  online1: '【第1弾】27件：「自治体DX推進計画」で示された令和4年度末までにオンライン化する手続',
  online2: '【第2弾】16件：「デジタルガバメント実行計画」で示された優先してオンライン化を推進すべき手続',
  online3: '【第3弾】1,386件：上記以外の各種手続',
  security: 'セキュリティ対策の徹底',
  aiRpa: 'AI・RPAの導入促進',
  telework: 'テレワークの推進',
  regional: '地域社会のデジタル化',
} as const;

const T = KAMIAMAKUSA_ITEM_TITLES;

/**
 * The status (domain code) each 上天草市 item is designed to have on DEMO_AS_OF, as assessBodyPlan computes it
 * (rolled up: a parent takes the worst of its own milestones and its children). Each national deadline sits on
 * the milestone that answers it, as the plan's 3.3 「【参考】国が掲げる目標時期」 column reads.
 */
export const KAMIAMAKUSA_EXPECTED_ITEM_STATES: Readonly<Record<string, ItemStatus>> = {
  [T.standardization]: 'past_deadline', // 「標準準拠システムへ移行」 still open after std_migration 2026-03-31
  [T.govCloud]: 'done', // done late vs the plan (2026-01-19 vs 2025-03-31), before the national deadline
  [T.migrationSupport]: 'at_risk', // 延長後の期限 2031-03-31; 2030-12-27 + 146 days' delay lands after it
  // 普及策 (the step the 令和4年度 target measures) was planned by the plan itself through FY2024 and finished
  // 2025-03-28: after the national target. The 利活用策 of FY2025 answers no deadline.
  [T.mynumber]: 'done_late',
  [T.online]: 'delayed', // its own milestone is done; 【第2弾】 and 【第3弾】 are late (roll-up)
  [T.online1]: 'done_late', // 運用開始 2023-06-30, after the 27-procedure deadline 2023-03-31
  [T.online2]: 'delayed', // 運用開始 planned 2025-03-31 still open; no national deadline
  [T.online3]: 'delayed', // 随時 milestones planned to 2026-03-31 still open
  [T.security]: 'done', // the policy was revised in 令和3年9月, before the 令和4年度 deadline
  [T.aiRpa]: 'done', // one milestone 対象外 (with its reason)
  [T.telework]: 'on_track', // FY2026 follow-up in progress, due 2027-03-31
  [T.regional]: 'on_track', // FY2026 classes in progress, due 2027-03-31
};

export function seedKamiamakusa(tx: Tx, ref: Ref): void {
  const b = new BodyBuilder(
    tx,
    ref,
    {
      code: KAMIAMAKUSA_CODE,
      name: '上天草市',
      prefectureCode: '43',
      prefectureName: '熊本県',
      kind: 'city',
      population: 24_000, // approx. (約2.4万人); not an official figure
      isSample: false, // a real body with a real plan; its invented values carry isSample themselves
    },
    '2022-03-31',
    // When each section last reported on its open milestones: 市民課 has not reported this quarter (FY2026 Q3).
    { [DX]: '2026-11-16', 市民課: '2026-07-14', 総務課: '2026-10-21', 子育て支援課: '2026-10-09' },
  );
  b.addSections(SECTIONS);
  b.addPlan({
    title: PLAN_TITLE,
    startFy: 2022,
    endFy: 2025,
    adoptedOn: '2022-03-31',
    sourceText: PLAN_SOURCE,
  });

  // --- 国設定において目標時期等が定められている取組 -------------------------------------------------
  const std = b.addItem({
    title: T.standardization,
    category: 'standardization',
    section: DX,
    targetFy: 2025,
    sample: false,
    notes:
      '計画3.3・4.3(1)。フィット&ギャップ分析、独自カスタマイズ機能の業務プロセスの見直し（BPR）を進める。' +
      'ガバメントクラウドへの移行と特定移行支援システムは子項目。',
    milestones: [
      {
        title: '標準仕様書と既存システム（運用）との比較',
        start: fiscalYearStart(2021),
        planned: fiscalYearEnd(2022),
        actualStart: '2021-07-01',
        actual: '2023-03-24',
        status: 'done',
        note: PLANNED('2021～2022年度'),
      },
      {
        title: '標準準拠システムへ移行', deadline: 'std_migration',
        start: fiscalYearStart(2025),
        planned: fiscalYearEnd(2025),
        actualStart: '2025-05-12',
        status: 'in_progress',
        note:
          PLANNED('2025年度') +
          '（サンプル）20業務中16業務が本稼働。生活保護・健康管理は運用テスト中。介護保険・後期高齢者医療は特定移行支援システム（子項目）。',
      },
      {
        title: '残る業務（生活保護・健康管理）の標準準拠システムへの移行',
        start: fiscalYearStart(2026),
        planned: '2027-01-29',
        actualStart: '2026-04-01',
        status: 'in_progress',
        createdOn: '2026-04-01',
        note: '（サンプル）計画の遅れを受けて令和8年度に追加した予定。',
        replans: [
          { on: '2026-08-28', from: '2026-09-30', reason: '（サンプル）生活保護システムの運用テストで帳票の不具合が見つかり、本稼働を延期。' },
          { on: '2026-11-13', from: '2026-12-25', reason: '（サンプル）健康管理システムのデータ移行リハーサルをやり直すため、年明けの本稼働に変更。' },
        ],
      },
    ],
  });

  b.addItem({
    title: T.govCloud,
    category: 'gov_cloud',
    section: DX,
    parent: std,
    targetFy: 2024,
    sample: false,
    notes: '計画3.3では標準化・共通化の行の中の予定（2023～2024年度）。ガバメントクラウド移行の分野として独立した項目にした。',
    milestones: [
      {
        title: 'ガバメントクラウド利用の申請',
        planned: '2023-09-29',
        actual: '2023-09-15',
        status: 'done',
        createdOn: '2023-04-03',
        note: '（サンプル）計画3.3にない中間マイルストーン。',
      },
      {
        title: 'ガバメントクラウドへ移行', deadline: 'gov_cloud',
        start: fiscalYearStart(2023),
        planned: fiscalYearEnd(2024),
        actualStart: '2023-10-02',
        actual: '2026-01-19',
        status: 'done',
        note: PLANNED('2023～2024年度') + '（サンプル）接続回線の調達が遅れ、移行完了は2026年1月（国の目標時期には間に合った）。',
      },
    ],
  });

  const support = b.addItem({
    title: T.migrationSupport,
    category: 'standardization',
    section: DX,
    parent: std,
    targetFy: 2030,
    sample: true,
    createdOn: '2025-01-24',
    notes:
      '（サンプル）特定移行支援システムに該当したとする2業務の移行。国の目標時期（2026-03-31）をこの項目について2031-03-31まで延長（deadline_extensions）。',
    milestones: [
      {
        title: '特定移行支援システムの該当申出',
        planned: '2025-01-31',
        actual: '2025-01-24',
        status: 'done',
      },
      {
        title: '移行スケジュール（移行計画）の再策定',
        planned: '2025-09-30',
        actual: '2026-02-20',
        status: 'done',
        note: '（サンプル）ベンダとの協議が長引き約5か月遅れ。',
      },
      {
        title: '標準準拠システムのベンダ選定・調達',
        start: fiscalYearStart(2026),
        planned: '2026-06-30',
        actualStart: '2026-04-01',
        status: 'in_progress',
        note: '（サンプル）応札者がなく再公告。',
        replans: [{ on: '2026-02-20', from: '2026-03-31', fromStart: fiscalYearStart(2025), reason: '（サンプル）移行計画の再策定に合わせ、調達の時期を令和8年度第1四半期に変更。' }],
      },
      {
        title: 'データ移行・運用テスト',
        start: fiscalYearStart(2029),
        planned: '2030-09-30',
        status: 'not_started',
      },
      {
        title: '標準準拠システムへの移行（本稼働）', deadline: 'std_migration',
        planned: '2030-12-27',
        status: 'not_started',
      },
    ],
  });
  b.addExtension({
    deadline: 'std_migration',
    itemId: support,
    extendedDueDate: '2031-03-31',
    reason: '（サンプル）介護保険・後期高齢者医療の現行システムが特定移行支援システムに該当したため、移行完了時期を個別に設定。',
    sourceText:
      '特定移行支援システム（旧称：移行困難システム）は概ね令和7年度から5年以内に移行（令和12年度末と読まれる・要確認）。上天草市が該当したかどうかはサンプル。',
    createdOn: '2025-02-14',
  });

  b.addItem({
    title: T.mynumber,
    category: 'mynumber',
    section: '市民課',
    targetFy: 2025,
    sample: false,
    notes: '計画3.3・4.2(2)。国が掲げる目標時期は令和4年度。',
    milestones: [
      {
        title: 'コンビニ交付サービスの開始',
        planned: '2021-09-01',
        actual: '2021-09-01',
        status: 'done',
        sample: false,
        note: '実績：計画4.2(1)「令和3年9月1日から…「コンビニ交付サービス」を開始」。計画3.3の予定にはない。',
      },
      {
        title: 'マイナンバーカード普及策の実施（休日窓口の開設・企業等における申請窓口の開設等）', deadline: 'mynumber_card',
        start: fiscalYearStart(2021),
        planned: fiscalYearEnd(2024),
        actualStart: '2021-04-01',
        actual: '2025-03-28',
        status: 'done',
        note: PLANNED('2021～2024年度'),
      },
      {
        title: 'マイナンバーカード利活用策の実施（マイナンバーカードを活用したオンライン申請等）',
        start: fiscalYearStart(2025),
        planned: fiscalYearEnd(2025),
        actualStart: '2025-04-01',
        actual: '2026-03-27',
        status: 'done',
        note: PLANNED('2025年度'),
      },
    ],
  });

  const online = b.addItem({
    title: T.online,
    category: 'online_procedures',
    section: DX,
    targetFy: 2025,
    sample: false,
    notes: '計画3.3・4.2(1)。「実現性」「効果性」の高い手続から優先的にオンライン化。第1弾～第3弾は子項目。',
    milestones: [
      {
        title: '「実現性」、「効果性」の高い手続から優先的にオンライン化を実施',
        start: fiscalYearStart(2022),
        planned: fiscalYearEnd(2025),
        actualStart: '2022-04-01',
        actual: '2026-03-31',
        status: 'done',
        note: PLANNED('2022～2025年度') + '子項目（第2弾・第3弾）は未了。',
      },
    ],
  });
  b.addItem({
    title: T.online1,
    category: 'online_procedures',
    section: '子育て支援課',
    parent: online,
    targetFy: 2022,
    sample: false,
    notes: '子育て関係15手続・介護関係11手続・被災者支援（罹災証明書の発行申請）1手続をマイナポータルからオンライン化（計画4.2(1)）。',
    milestones: [
      {
        title: 'オンライン化に向けた準備',
        start: fiscalYearStart(2021),
        planned: fiscalYearEnd(2022),
        actualStart: '2021-06-01',
        actual: '2022-12-16',
        status: 'done',
        note: PLANNED('2021～2022年度'),
      },
      {
        title: '運用開始', deadline: 'online_priority27',
        planned: fiscalYearEnd(2022),
        actual: '2023-06-30',
        status: 'done',
        note: '予定は令和4年度末（計画4.2(1)・国の目標時期）。（サンプル）介護関係の一部手続の様式対応が遅れ、27手続すべての運用開始は2023年6月。',
      },
    ],
  });
  b.addItem({
    title: T.online2,
    category: 'online_procedures',
    section: '市民課',
    parent: online,
    targetFy: 2024,
    sample: false,
    milestones: [
      {
        title: 'オンライン化に向けた準備',
        start: fiscalYearStart(2022),
        planned: fiscalYearEnd(2023),
        actualStart: '2022-04-01',
        actual: '2024-03-29',
        status: 'done',
        note: PLANNED('2022～2023年度'),
      },
      {
        title: '運用開始',
        start: fiscalYearStart(2024),
        planned: fiscalYearEnd(2024),
        actualStart: '2024-10-01',
        status: 'in_progress',
        note: PLANNED('2024年度') + '（サンプル）16件中11件で運用開始。残り5件は庁内システム連携の改修待ち。',
      },
    ],
  });
  b.addItem({
    title: T.online3,
    category: 'online_procedures',
    section: DX,
    parent: online,
    targetFy: 2025,
    sample: false,
    notes: '準備が整った手続から随時オンライン化。',
    milestones: [
      {
        title: 'オンライン化に向けた準備（随時）',
        start: fiscalYearStart(2023),
        planned: fiscalYearEnd(2025),
        actualStart: '2023-04-01',
        status: 'in_progress',
        note: PLANNED('2023～2025年度・随時'),
      },
      {
        title: '運用開始（随時）',
        start: fiscalYearStart(2023),
        planned: fiscalYearEnd(2025),
        actualStart: '2023-07-03',
        status: 'in_progress',
        note: PLANNED('随時') + '（サンプル）1,386件中412件で運用開始。',
      },
    ],
  });

  b.addItem({
    title: T.security,
    category: 'security',
    section: DX,
    targetFy: 2025,
    sample: false,
    notes: '計画3.3・4.4(1)。',
    milestones: [
      {
        title: '上天草市セキュリティポリシーの改正', deadline: 'security_policy',
        start: fiscalYearStart(2021),
        planned: fiscalYearEnd(2021),
        actual: '2021-09-30',
        status: 'done',
        sample: false,
        note: '予定は計画3.3のとおり（2021年度）。実績：計画4.4(1)「令和3年9月に『上天草市情報セキュリティポリシー』を改訂」（日は不明のため月末とした）。',
      },
      {
        title: '改正版セキュリティポリシーに基づくセキュリティ対策の徹底',
        start: fiscalYearStart(2022),
        planned: fiscalYearEnd(2025),
        actualStart: '2022-04-01',
        actual: '2026-03-31',
        status: 'done',
        note: PLANNED('2022～2025年度'),
      },
    ],
  });

  // --- その他の取組 ------------------------------------------------------------------------------------
  const aiRpa = b.addItem({
    title: T.aiRpa,
    category: 'ai_rpa',
    section: DX,
    targetFy: 2025,
    sample: false,
    notes: '計画3.3・4.3(2)。AI-OCR・RPA等の活用による業務の効率化。',
    milestones: [
      { title: '5業務に係るシステム導入', start: fiscalYearStart(2021), planned: fiscalYearEnd(2021), actual: '2022-03-18', status: 'done', note: PLANNED('2021年度') },
      { title: '導入対象業務選定（2021年度）', start: fiscalYearStart(2021), planned: fiscalYearEnd(2021), actual: '2022-02-25', status: 'done', note: PLANNED('2021年度') },
      {
        title: '22業務に係るシステム導入',
        start: fiscalYearStart(2022),
        planned: fiscalYearEnd(2022),
        actual: '2023-07-31',
        status: 'done',
        note: PLANNED('2022年度') + '（サンプル）AI-OCRの帳票設計に時間を要し4か月遅れ。',
      },
      { title: '4業務に係るシステム導入', start: fiscalYearStart(2023), planned: fiscalYearEnd(2023), actual: '2024-03-22', status: 'done', note: PLANNED('2023年度') },
      { title: '導入対象業務選定（2025年度）', start: fiscalYearStart(2025), planned: fiscalYearEnd(2025), actual: '2026-02-27', status: 'done', note: PLANNED('2025年度') },
      {
        title: '必要に応じたシステム導入（随時）',
        start: fiscalYearStart(2025),
        planned: fiscalYearEnd(2025),
        status: 'not_applicable',
        note: PLANNED('2025年度・随時') + '（サンプル）2025年度の選定の結果、新たなシステム導入は不要と判断（対象外）。',
      },
    ],
  });

  b.addItem({
    title: T.telework,
    category: 'telework',
    section: '総務課',
    targetFy: 2025,
    sample: false,
    notes: '計画3.3・4.6(1)。',
    milestones: [
      { title: 'テレワーク運用要綱の策定', start: fiscalYearStart(2021), planned: fiscalYearEnd(2021), actual: '2022-03-25', status: 'done', note: PLANNED('2021年度') },
      {
        title: 'テレワーク運用要綱に基づく庁内テレワークの推進',
        start: fiscalYearStart(2022),
        planned: fiscalYearEnd(2025),
        actualStart: '2022-04-01',
        actual: '2026-03-31',
        status: 'done',
        note: PLANNED('2022～2025年度'),
      },
      {
        title: 'テレワーク運用要綱の見直し（利用実績を踏まえた改定）',
        start: fiscalYearStart(2026),
        planned: fiscalYearEnd(2026),
        actualStart: '2026-05-11',
        status: 'in_progress',
        createdOn: '2026-04-01',
        note: '（サンプル）計画期間後の継続取組。コロナ禍後に利用が減ったため対象業務を見直す。',
      },
    ],
  });

  const classes: Array<[fy: number, actual: string, note: string]> = [
    [2021, '2022-03-22', '（サンプル）開催18回（感染拡大期に一部中止）。'],
    [2022, '2023-03-17', '（サンプル）開催25回。'],
    [2023, '2024-03-15', '（サンプル）開催26回。'],
    [2024, '2025-03-14', '（サンプル）開催25回。'],
    [2025, '2026-03-13', '（サンプル）開催27回。'],
  ];
  const regional = b.addItem({
    title: T.regional,
    category: 'regional_digital',
    section: DX,
    targetFy: 2025,
    sample: false,
    notes: '計画3.3「スマホ講習会の開催 25回/年」・4.5(1)デジタル・デバイド対策。',
    milestones: [
      ...classes.map(([fy, actual, note]) => ({
        title: `スマホ講習会の開催（${fy}年度・25回/年）`,
        start: fiscalYearStart(fy),
        planned: fiscalYearEnd(fy),
        actual,
        status: 'done' as const,
        note: PLANNED('25回/年') + note,
      })),
      {
        title: 'スマホ講習会の開催（2026年度・25回/年）',
        start: fiscalYearStart(2026),
        planned: fiscalYearEnd(2026),
        actualStart: '2026-05-20',
        status: 'in_progress',
        createdOn: '2026-04-01',
        note: '（サンプル）計画期間後も継続。11月までに14回開催。',
      },
    ],
  });

  // --- KPIs (all values sample) --------------------------------------------------------------------
  b.addKpi({
    name: 'オンライン申請利用率',
    unit: '%',
    direction: 'higher',
    item: online,
    baseline: [2021, 8.2],
    target: [2025, 70],
    notes: '（サンプル）オンライン化済み手続の受付件数に占めるオンライン受付の割合。国の「オンライン利用促進対象手続のオンライン利用率」とは定義が異なるため、全国の値とは比べない。',
    values: quarterly(2022, 1, [9.0, 10.4, 11.8, 13.5, 15.2, 17.0, 18.9, 21.3, 23.0, 24.8, 26.9, 29.1, 31.0, 32.6, 34.8, 37.2, 38.5, 40.1]),
  });
  b.addKpi({
    name: 'マイナンバーカード交付率',
    unit: '%',
    direction: 'higher',
    baseline: [2021, 38.6],
    target: [2025, 80],
    notes: '（サンプル）人口に対する交付枚数の割合（四半期末）。',
    values: quarterly(2022, 1, [44.1, 50.3, 58.7, 66.2, 70.4, 71.8, 72.9, 74.0, 75.1, 76.0, 77.2, 78.3, 79.4, 80.6, 81.7, 82.5, 83.0, 83.4]),
  });
  b.addKpi({
    name: 'RPAによる削減時間',
    unit: '時間/年',
    direction: 'higher',
    kind: 'period',
    item: aiRpa,
    baseline: [2021, 1200],
    target: [2027, 8000],
    notes: '（サンプル）RPA・AI-OCRを導入した業務の年間削減時間。',
    values: annual(2022, [2900, 4400, 5300, 6100]),
  });
  b.addKpi({
    name: 'スマホ講習会 開催回数',
    unit: '回',
    direction: 'higher',
    kind: 'period',
    item: regional,
    baseline: [2021, 18],
    target: [2025, 25],
    notes: '目標「25回/年」は計画3.3の記載。基準値・実績はサンプル。',
    values: annual(2022, [25, 26, 25, 27]),
  });
  b.addKpi({
    name: '標準準拠システム移行済み業務数',
    unit: '業務',
    direction: 'higher',
    kind: 'cumulative',
    item: std,
    baseline: [2021, 0],
    target: [2025, 20],
    notes: '（サンプル）標準化対象20業務のうち標準準拠システムで本稼働した業務数（四半期末）。',
    values: quarterly(2022, 1, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 6, 14, 15, 16]),
  });
  b.addKpi({
    name: '情報システム運用経費',
    unit: '千円',
    direction: 'lower',
    kind: 'period',
    item: std,
    baseline: [2021, 182000],
    target: [2025, 165000],
    notes: '（サンプル）基幹業務系システムの年間運用経費。移行期間の二重稼働とクラウド利用料で増加している。',
    values: annual(2022, [184300, 189700, 198200, 206500]),
    retargets: [{ on: '2025-04-15', from: [2025, 158000], reason: '（サンプル）ガバメントクラウド利用料の見積りを反映して目標値を見直し。' }],
  });

  // --- Standardization: 20 business areas, every template step ---------------------------------------
  // Live areas: 本稼働 done; a few still have post-go-live steps open (旧システムの停止, 効果検証).
  const live = (section: string, frontier: 'all' | string = 'all'): AreaSpec => ({
    section,
    item: std,
    progress: { frontier, overrides: LIVE_STEPS_DONE },
  });
  b.addBusinessAreas(
    {
      住民基本台帳: live('市民課'),
      選挙人名簿管理: live('選挙管理委員会事務局'),
      固定資産税: live('税務課', 'step39'),
      個人住民税: live('税務課'),
      法人住民税: live('税務課'),
      軽自動車税: live('税務課', 'step40'),
      戸籍: live('市民課'),
      戸籍の附票: live('市民課'),
      印鑑登録: live('市民課'),
      国民健康保険: live('保険年金課', 'step39'),
      国民年金: live('保険年金課'),
      障害者福祉: live('福祉課'),
      後期高齢者医療: { section: '保険年金課', item: support, migrationSupport: true, progress: { frontier: 'step15' } },
      介護保険: { section: '高齢者支援課', item: support, migrationSupport: true, progress: { frontier: 'step16' } },
      児童手当: live('子育て支援課'),
      生活保護: { section: '福祉課', item: std, progress: { frontier: 'step32' } },
      健康管理: { section: '健康づくり推進課', item: std, progress: { frontier: 'step31' } },
      就学: live('学校教育課', 'step40'),
      児童扶養手当: live('子育て支援課'),
      '子ども・子育て支援': live('子育て支援課'),
    },
    KAMIAMAKUSA_CODE,
    '2026-10-30',
  );
}
