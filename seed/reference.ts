/**
 * Reference data every installation needs: categories (取組分野), national deadlines (国が掲げる目標時期),
 * the 20 standardization business areas (標準化対象20業務) and the standardization step template.
 *
 * `seedReference` is idempotent: each row is inserted or updated by its `code`, in one transaction, and a
 * row whose values already match is left untouched (its `updated_at` does not move). Rows users added
 * with other codes are never deleted.
 *
 * Sources: /work/shared/DOMAIN.md (the product's domain brief) and the documents it is drawn from
 * (seeds/000 千葉県DX推進協議会 部会通信, seeds/002 上天草版DX推進計画, seeds/004). Facts marked *(verify)* in
 * the brief are stored with `needsVerification = true`: they are data an administrator can correct, never
 * logic.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';
import {
  businessAreas,
  categories,
  nationalDeadlines,
  standardizationSteps,
} from '../server/db/schema.ts';

export interface CategorySeed {
  code: string;
  name: string;
  description: string;
  isCore: boolean;
}

/** Core five first (the product is built around them), then the national plan's other priorities. */
export const CATEGORIES: readonly CategorySeed[] = [
  {
    code: 'standardization',
    name: '標準化・共通化',
    description: '自治体情報システム（基幹業務20業務）の標準化・共通化：標準準拠システムへの移行',
    isCore: true,
  },
  {
    code: 'gov_cloud',
    name: 'ガバメントクラウド移行',
    description: '標準準拠システム等を稼働させるガバメントクラウドへの移行',
    isCore: true,
  },
  {
    code: 'online_procedures',
    name: '行政手続のオンライン化',
    description: 'マイナポータル等による行政手続のオンライン化と、その利用の促進',
    isCore: true,
  },
  {
    code: 'ai_rpa',
    name: 'AI・RPA',
    description: 'AI（AI-OCR・生成AI等）・RPAの利用推進による業務の効率化',
    isCore: true,
  },
  {
    code: 'telework',
    name: 'テレワーク',
    description: 'テレワークの推進（運用要綱の整備と庁内での実施）',
    isCore: true,
  },
  {
    code: 'frontyard',
    name: 'フロントヤード改革',
    description: '住民と行政との接点（窓口・オンライン等）の多様化・充実化（書かない窓口等）',
    isCore: false,
  },
  {
    code: 'mynumber',
    name: 'マイナンバーカード',
    description: 'マイナンバーカードの普及促進・利用の推進',
    isCore: false,
  },
  {
    code: 'security',
    name: 'セキュリティ対策',
    description: 'セキュリティポリシーの改定とそれに基づく対策の徹底',
    isCore: false,
  },
  {
    code: 'eltax',
    name: 'eLTAX公金収納',
    description: '公金収納におけるeLTAXの活用（地方税統一QRコード等）',
    isCore: false,
  },
  {
    code: 'paperless',
    name: 'ペーパーレス・電子決裁',
    description: 'ペーパーレス化の推進、電子文書管理・電子決裁の推進',
    isCore: false,
  },
  {
    code: 'opendata',
    name: 'オープンデータ',
    description: 'オープンデータの推進・官民データ活用の推進',
    isCore: false,
  },
  {
    code: 'regional_digital',
    name: '地域社会のデジタル化',
    description: '地域社会のデジタル化、デジタル・デバイド対策（スマホ講習会等）',
    isCore: false,
  },
  {
    code: 'digital_hr',
    name: 'デジタル人材の確保・育成',
    description: 'デジタル人材の確保・育成、職員研修（一人情シス対策を含む）',
    isCore: false,
  },
  {
    code: 'other',
    name: 'その他',
    description: '上記以外の取組（BPR、Web会議、議会のデジタル化等）',
    isCore: false,
  },
];

export interface DeadlineSeed {
  code: string;
  title: string;
  /** Plain `YYYY-MM-DD`, a calendar date in Japan. */
  dueDate: string;
  /** A category code from CATEGORIES, or null. */
  category: string | null;
  sourceText: string;
  needsVerification: boolean;
}

/** The national deadlines table of DOMAIN.md, with where each date comes from. */
export const NATIONAL_DEADLINES: readonly DeadlineSeed[] = [
  {
    code: 'std_migration',
    title: '標準準拠システムへの移行',
    dueDate: '2026-03-31',
    category: 'standardization',
    sourceText:
      '基幹業務20業務の標準準拠システムへの移行：令和7年度（2025年度）末。「地方公共団体情報システム標準化基本方針」（令和4年10月）が設定（標準化法自体は期限を定めていない）。' +
      '上天草版DX推進計画 3.3「【参考】国が掲げる目標時期：令和7年度」／千葉県DX推進協議会 部会通信「標準システムへの移行は、R7 年度末（2026 年 3 月末）が完了目標とのこと」。',
    needsVerification: false,
  },
  {
    code: 'std_migration_support',
    title: '特定移行支援システムの移行',
    dueDate: '2031-03-31',
    category: 'standardization',
    sourceText:
      '特定移行支援システム（旧称：移行困難システム）は個別に移行完了時期を設定し、概ね令和7年度から5年以内。報道では令和12年度（2030年度）末と読まれている（要確認：一次資料で未確認）。' +
      '2025年7月末時点で34,592システム中3,770システム（10.9%）、1,788団体中643団体（36.0%）が該当。',
    needsVerification: true,
  },
  {
    code: 'gov_cloud',
    title: 'ガバメントクラウドへの移行（標準準拠システムの稼働環境）',
    dueDate: '2026-03-31',
    category: 'gov_cloud',
    sourceText:
      '標準準拠システムを稼働させるガバメントクラウド環境：令和7年度（2025年度）まで（DOMAIN.md）。' +
      '上天草版DX推進計画 3.3 ではガバメントクラウドへの移行を2023～2024年度、標準準拠システムへの移行を2025年度に予定。',
    needsVerification: false,
  },
  {
    code: 'online_priority27',
    title: 'マイナポータルからのオンライン手続（27手続）',
    dueDate: '2023-03-31',
    category: 'online_procedures',
    sourceText:
      '上天草版DX推進計画 4.2(1)「子育て関係(15手続)、介護関係(11手続)、被災者支援(罹災証明書の発行申請)の27手続について、令和4年度末までに、マイナポータルから」オンライン化。' +
      '3.3「【第1弾】・・・27件「自治体DX推進計画」で示された令和4年度末までにオンライン化する手続」。都道府県は自動車保有関係4手続を加えた31手続。' +
      'なお別の二次資料は令和5年度とする（要確認）。',
    needsVerification: false,
  },
  {
    code: 'mynumber_card',
    title: 'マイナンバーカードのほぼ全住民への普及',
    dueDate: '2023-03-31',
    category: 'mynumber',
    sourceText:
      '上天草版DX推進計画 3.3「マイナンバーカードの普及促進」【参考】国が掲げる目標時期：令和4年度（令和4年度末までにほぼ全住民にカードが行き渡る）。',
    needsVerification: false,
  },
  {
    code: 'security_policy',
    title: 'セキュリティポリシーの改定（国のガイドライン準拠）',
    dueDate: '2023-03-31',
    category: 'security',
    sourceText:
      '上天草版DX推進計画 3.3「セキュリティ対策の徹底」【参考】国が掲げる目標時期：令和4年度（令和2年12月改定の「地方公共団体における情報セキュリティポリシーに関するガイドライン」等に基づく見直し）。',
    needsVerification: false,
  },
  {
    code: 'one_person_it',
    title: '「一人情シス」団体の半減',
    dueDate: '2026-03-31',
    category: 'digital_hr',
    sourceText:
      '「国は、DX・情報関係業務を担当する職員が1人以下の『一人情シス』状態の団体を2025年度中に半減させることを目標としています」（seeds/004）。',
    needsVerification: false,
  },
  {
    code: 'national_dx_plan_period_end',
    title: '自治体DX推進計画（国）の対象期間終了',
    dueDate: '2026-03-31',
    category: null,
    sourceText:
      '国の「自治体デジタル・トランスフォーメーション（DX）推進計画」の対象期間：2021年1月～2026年3月。' +
      '上天草版DX推進計画 1.3「国の『自治体デジタル・トランスフォーメーション(DX)推進計画』と最終年度を合わせて、令和4年度から令和7年度までの4年間」。',
    needsVerification: false,
  },
];

/** 標準化対象20業務, in DOMAIN.md's order (area01..area20). */
export const BUSINESS_AREA_NAMES: readonly string[] = [
  '住民基本台帳',
  '選挙人名簿管理',
  '固定資産税',
  '個人住民税',
  '法人住民税',
  '軽自動車税',
  '戸籍',
  '戸籍の附票',
  '印鑑登録',
  '国民健康保険',
  '国民年金',
  '障害者福祉',
  '後期高齢者医療',
  '介護保険',
  '児童手当',
  '生活保護',
  '健康管理',
  '就学',
  '児童扶養手当',
  '子ども・子育て支援',
];

export function businessAreaCode(index0: number): string {
  return `area${String(index0 + 1).padStart(2, '0')}`;
}

export interface StepSeed {
  code: string;
  phase: string;
  name: string;
}

/**
 * PROVISIONAL step template (暫定テンプレート). The ministry's dashboard tracks about 40 steps per business
 * area from its migration handbook (手順書), whose exact list we do not have. This template follows the
 * phases seen in the source documents (現行システム調査, Fit&Gap分析, BPR, ベンダ選定・調達, データクレンジング・移行,
 * 共同WG, 運用テスト, 本稼働) and is reference data: administrators may rename, add or re-order steps.
 * Each phase name says （暫定） so the UI shows that it is not the ministry's wording.
 */
const PROVISIONAL = '（暫定）';
const STEP_PHASES: ReadonlyArray<readonly [phase: string, steps: readonly string[]]> = [
  [
    '計画・体制',
    [
      '推進体制の整備（責任者・担当者の決定）',
      '移行計画（全体スケジュール）の作成',
      '予算の確保・補助金（デジタル基盤改革支援補助金）の申請',
    ],
  ],
  [
    '現行システム調査',
    [
      '現行システムの概要調査（構成・契約・経費）',
      '現行業務フロー・帳票の把握',
      '独自カスタマイズ・独自施策の洗い出し',
      '他システムとのデータ連携の洗い出し',
    ],
  ],
  [
    'Fit&Gap分析',
    [
      '標準仕様書の確認',
      '標準仕様書と現行システム（運用）との比較（フィット&ギャップ分析）',
      'ギャップへの対応方針の決定（業務見直し・オプション機能の採否）',
    ],
  ],
  [
    'BPR（業務プロセスの見直し）',
    ['見直し後の業務フローの作成', '独自施策・事務処理要領の見直し', '帳票・様式の見直し'],
  ],
  [
    'ベンダ選定・調達',
    [
      'RFI（情報提供依頼）の実施',
      '調達方式の決定・調達仕様書の作成',
      'ベンダの選定・契約締結',
      '現行ベンダとの移行・契約終了の協議',
    ],
  ],
  ['共同WG', ['共同利用団体・共同ワーキンググループでの検討', '共同調達・共同利用方式の合意']],
  [
    'ガバメントクラウド環境',
    [
      'ガバメントクラウド利用の申請',
      'ネットワーク（接続回線）の整備',
      '環境構築（運用管理補助者との調整を含む）',
    ],
  ],
  [
    'データクレンジング・移行',
    [
      '移行データ項目の確認（データ要件・連携要件）',
      'データクレンジング（名寄せ・不整合データの修正）',
      '文字の同定（行政事務標準文字への対応）',
      '移行データの抽出・変換',
      '移行リハーサル（データ移行テスト）',
    ],
  ],
  [
    'システム構築・連携',
    [
      '標準準拠システムの構築・パラメータ設定',
      '庁内他システムとの連携改修',
      '条例・規則等の改正',
    ],
  ],
  [
    '運用テスト',
    [
      '単体・結合テスト',
      '運用テスト（業務シナリオによる確認）',
      '職員研修・操作研修',
      '運用手順書・マニュアルの整備',
    ],
  ],
  ['本稼働', ['本番データ移行', '本稼働判定', '本稼働（切替）']],
  ['稼働後', ['稼働後の安定化・課題対応', '旧システムの停止・データ消去', '移行効果の検証・報告']],
];

export const STEP_TEMPLATE: readonly StepSeed[] = STEP_PHASES.flatMap(([phase, names]) =>
  names.map((name) => ({ phase: `${phase}${PROVISIONAL}`, name })),
).map((s, i) => ({ code: `step${String(i + 1).padStart(2, '0')}`, ...s }));

/**
 * Inserts or updates the reference data. Synchronous, in one transaction; safe to run on every start.
 */
export function seedReference(db: Db): void {
  db.transaction((tx) => {
    CATEGORIES.forEach((c, i) => {
      const values = {
        code: c.code,
        name: c.name,
        description: c.description,
        isCore: c.isCore,
        sortOrder: (i + 1) * 10,
      };
      tx.insert(categories)
        .values(values)
        .onConflictDoUpdate({
          target: categories.code,
          set: { name: values.name, description: values.description, isCore: values.isCore, sortOrder: values.sortOrder },
          setWhere: sql`${categories.name} IS NOT excluded.name OR ${categories.description} IS NOT excluded.description OR ${categories.isCore} IS NOT excluded.is_core OR ${categories.sortOrder} IS NOT excluded.sort_order`,
        })
        .run();
    });

    const categoryIds = new Map(
      tx
        .select({ id: categories.id, code: categories.code })
        .from(categories)
        .all()
        .map((r) => [r.code, r.id] as const),
    );

    for (const d of NATIONAL_DEADLINES) {
      let categoryId: number | null = null;
      if (d.category !== null) {
        const id = categoryIds.get(d.category);
        if (id === undefined) throw new Error(`seedReference: unknown category ${d.category} for deadline ${d.code}`);
        categoryId = id;
      }
      tx.insert(nationalDeadlines)
        .values({
          code: d.code,
          title: d.title,
          dueDate: d.dueDate,
          categoryId,
          sourceText: d.sourceText,
          needsVerification: d.needsVerification,
        })
        .onConflictDoUpdate({
          target: nationalDeadlines.code,
          set: {
            title: d.title,
            dueDate: d.dueDate,
            categoryId,
            sourceText: d.sourceText,
            needsVerification: d.needsVerification,
            updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
          },
          setWhere: sql`${nationalDeadlines.title} IS NOT excluded.title OR ${nationalDeadlines.dueDate} IS NOT excluded.due_date OR ${nationalDeadlines.categoryId} IS NOT excluded.category_id OR ${nationalDeadlines.sourceText} IS NOT excluded.source_text OR ${nationalDeadlines.needsVerification} IS NOT excluded.needs_verification`,
        })
        .run();
    }

    BUSINESS_AREA_NAMES.forEach((name, i) => {
      const code = businessAreaCode(i);
      const sortOrder = i + 1;
      tx.insert(businessAreas)
        .values({ code, name, sortOrder })
        .onConflictDoUpdate({
          target: businessAreas.code,
          set: { name, sortOrder },
          setWhere: sql`${businessAreas.name} IS NOT excluded.name OR ${businessAreas.sortOrder} IS NOT excluded.sort_order`,
        })
        .run();
    });

    STEP_TEMPLATE.forEach((s, i) => {
      const sortOrder = (i + 1) * 10;
      tx.insert(standardizationSteps)
        .values({ code: s.code, phase: s.phase, name: s.name, sortOrder })
        .onConflictDoUpdate({
          target: standardizationSteps.code,
          set: { phase: s.phase, name: s.name, sortOrder },
          setWhere: sql`${standardizationSteps.phase} IS NOT excluded.phase OR ${standardizationSteps.name} IS NOT excluded.name OR ${standardizationSteps.sortOrder} IS NOT excluded.sort_order`,
        })
        .run();
    });
  });
}
