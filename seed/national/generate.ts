/**
 * The national data set (生成データ): 47 prefectures and 1,741 municipalities, each with its business
 * areas × the step template, a small plan (sections, five core items with milestones), two KPIs with
 * quarterly values FY2022–FY2026, and the 特定移行支援システム calibrated to the published figure.
 *
 * No npm package ships the list of municipalities with their codes, so the municipalities are generated:
 * names 「生成市0001」 etc., codes = real prefecture code + generated 3 digits + a valid check digit,
 * `is_sample = 1`. Prefecture names and codes are real. Kinds follow the real totals (792 市 incl.
 * 20 designated cities, 23 特別区 in 東京都, 743 町, 183 村).
 *
 * Calibration (scale 1), with 1 body business area ≈ 1 system:
 * - 34,592 systems: 1,741 municipalities × 20 areas, minus 416 towns/villages whose 生活保護 is handled by
 *   the prefecture, plus 47 prefectures × 4 areas (生活保護, 児童扶養手当, 障害者福祉, 健康管理).
 * - 特定移行支援システム: 3,770 of those systems (10.9%) at 643 of 1,788 bodies (36.0%), as published
 *   for the end of July 2025. `--scale s` multiplies the municipalities and scales every target.
 * - Each 特定移行支援システム gets its own extension of std_migration (body + business area, the date of the
 *   active pack's `migration_support` rule): the body's other systems keep the 2026-03-31 deadline, so an
 *   ordinary system still open after it counts as past the deadline even in a body with extended ones.
 * Everything is drawn from mulberry32(seed): the same seed gives the same database.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../../server/db/client.ts';
import { localGovCheckDigit } from '../../server/domain/local-gov-code.ts';
import type { MilestoneStatus } from '../../server/domain/labels.ts';
import { addDays, compareIsoDates } from '../../server/domain/dates.ts';
import { withRollupTriggersOff } from '../../server/rollups/maintain.ts';
import { activeSupportRule, DEMO_AS_OF, hashSeed, mulberry32, reportedOn, stamp, stepStatuses } from '../demo/helpers.ts';
import { PREFECTURES } from './prefectures.ts';

export const NATIONAL_TARGETS = {
  bodies: 1788,
  municipalities: 1741,
  systems: 34592,
  supportBodies: 643,
  supportSystems: 3770,
  cities: 792,
  designatedCities: 20,
  wards: 23,
  towns: 743,
  villages: 183,
  withoutWelfare: 416,
} as const;

const PREFECTURE_AREAS = ['生活保護', '児童扶養手当', '障害者福祉', '健康管理'];
const SECTIONS = ['情報政策課', '市民課', '税務課', '福祉課'];
/** `deadline`: [national deadline code, index of the milestone that answers it]. */
const CORE_ITEMS: ReadonlyArray<{ category: string; title: string; deadline?: readonly [string, number]; milestones: ReadonlyArray<[string, string]> }> = [
  { category: 'standardization', title: '基幹業務システムの標準化・共通化', deadline: ['std_migration', 2], milestones: [['Fit&Gap分析', '2024-03-31'], ['ベンダ選定', '2024-12-27'], ['標準準拠システムへ移行', '2026-03-31']] },
  { category: 'gov_cloud', title: 'ガバメントクラウドへの移行', deadline: ['gov_cloud', 2], milestones: [['移行計画の策定', '2024-06-28'], ['接続環境の構築', '2025-06-30'], ['ガバメントクラウドで稼働', '2026-03-31']] },
  { category: 'online_procedures', title: '行政手続のオンライン化', deadline: ['online_priority27', 0], milestones: [['優先27手続', '2023-03-31'], ['追加手続', '2025-03-31'], ['利用促進', '2027-03-31']] },
  { category: 'ai_rpa', title: 'AI・RPAの導入', milestones: [['対象業務の選定', '2023-09-29'], ['RPA導入', '2024-09-30'], ['AI活用の拡大', '2026-12-25']] },
  { category: 'telework', title: 'テレワークの推進', milestones: [['運用要綱の制定', '2022-12-28'], ['端末整備', '2024-03-29'], ['利用拡大', '2027-03-31']] },
];

export interface NationalOptions {
  seed?: number;
  /** Multiplies the number of municipalities (and every calibration target); 1 = the whole country. */
  scale?: number;
  /** Only the first N prefectures (tests). */
  prefectures?: number;
}

export interface NationalSummary {
  bodies: number;
  municipalities: number;
  systems: number;
  supportBodies: number;
  supportSystems: number;
  steps: number;
  milestones: number;
  kpiValues: number;
}

type Kind = 'prefecture' | 'designated_city' | 'city' | 'ward' | 'town' | 'village';
const KIND_NAME: Record<Kind, string> = { prefecture: '', designated_city: '市', city: '市', ward: '区', town: '町', village: '村' };

function shuffle<T>(a: T[], rng: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length]![1]]!++;
  return out;
}

export function generateNational(db: Db, options: NationalOptions = {}): NationalSummary {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  const rng = mulberry32(hashSeed(`national:${seed}`));
  const sqlite: Database.Database = db.$client;
  if ((sqlite.prepare('SELECT count(*) AS n FROM local_bodies').get() as { n: number }).n > 0) {
    throw new Error('the national data set needs an empty database (run `npm run seed -- --national --reset`)');
  }
  const prefectures = PREFECTURES.slice(0, options.prefectures ?? PREFECTURES.length);
  const T = NATIONAL_TARGETS;
  const share = prefectures.length / PREFECTURES.length;
  const nMunicipalities = Math.max(prefectures.length, Math.round(T.municipalities * scale * share));
  const f = nMunicipalities / T.municipalities;

  // Municipality kinds, then spread over prefectures (東京都 gets the wards).
  const kinds: Kind[] = [];
  const wards = prefectures.some(([c]) => c === '13') ? Math.min(Math.round(T.wards * f), nMunicipalities) : 0;
  const rest = nMunicipalities - wards;
  const [dc, ci, to] = apportion(rest, [T.designatedCities, T.cities - T.designatedCities, T.towns, T.villages]);
  kinds.push(...Array<Kind>(dc!).fill('designated_city'), ...Array<Kind>(ci!).fill('city'), ...Array<Kind>(to!).fill('town'));
  kinds.push(...Array<Kind>(rest - dc! - ci! - to!).fill('village'));
  shuffle(kinds, rng);
  const perPref = apportion(rest, prefectures.map(() => 0.3 + rng()));
  // Every prefecture has at least one municipality.
  for (let i = 0; i < perPref.length; i++) {
    if (perPref[i] !== 0) continue;
    perPref[perPref.indexOf(Math.max(...perPref))]! -= 1;
    perPref[i] = 1;
  }

  const ref = {
    areas: sqlite.prepare('SELECT id, name FROM business_areas ORDER BY sort_order, id').all() as { id: number; name: string }[],
    steps: sqlite.prepare('SELECT id, code FROM standardization_steps ORDER BY sort_order, id').all() as { id: number; code: string }[],
    category: new Map((sqlite.prepare('SELECT code, id FROM categories').all() as { code: string; id: number }[]).map((r) => [r.code, r.id])),
    deadline: new Map((sqlite.prepare('SELECT code, id FROM national_deadlines').all() as { code: string; id: number }[]).map((r) => [r.code, r.id])),
  };
  if (ref.areas.length === 0 || ref.steps.length === 0) throw new Error('reference data is missing: run seedReference first');
  const supportRule = activeSupportRule(db);
  if (!supportRule) throw new Error('the active national data pack has no migration_support extension rule');
  const supportDeadline = ref.deadline.get(supportRule.deadline)!;
  const welfare = ref.areas.find((a) => a.name === '生活保護')!.id;
  const prefAreas = ref.areas.filter((a) => PREFECTURE_AREAS.includes(a.name)).map((a) => a.id);

  const q = {
    body: sqlite.prepare(`INSERT INTO local_bodies (code, name, prefecture_code, prefecture_name, kind, population, is_sample, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`),
    section: sqlite.prepare('INSERT INTO sections (body_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)'),
    plan: sqlite.prepare(`INSERT INTO plans (body_id, title, start_fiscal_year, end_fiscal_year, adopted_on, source_text, created_at, updated_at)
      VALUES (?, ?, 2022, 2026, '2022-03-31', '生成データ（全国規模の性能確認用。実在の計画ではありません）', ?, ?)`),
    item: sqlite.prepare(`INSERT INTO plan_items (plan_id, category_id, section_id, title, target_fiscal_year, sort_order, is_sample, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`),
    milestone: sqlite.prepare(`INSERT INTO milestones (item_id, title, planned_date, actual_date, status, national_deadline_id, sort_order, is_sample, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`),
    kpi: sqlite.prepare(`INSERT INTO kpis (body_id, item_id, name, unit, direction, baseline_value, baseline_fiscal_year, target_value, target_fiscal_year, is_sample, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 2022, ?, 2026, 1, ?, ?)`),
    kpiValue: sqlite.prepare(`INSERT INTO kpi_values (kpi_id, fiscal_year, quarter, value, is_sample, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`),
    area: sqlite.prepare('INSERT INTO body_business_areas (body_id, area_id, section_id, item_id, migration_support, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    step: sqlite.prepare('INSERT INTO body_area_steps (body_area_id, step_id, status, updated_at) VALUES (?, ?, ?, ?)'),
    extension: sqlite.prepare(`INSERT INTO deadline_extensions (deadline_id, body_id, area_id, extended_due_date, reason, created_at)
      VALUES (?, ?, ?, ?, '（生成データ）特定移行支援システム（この業務のみの延長）', ?)`),
  };
  const created = stamp('2022-04-01');

  // ---- bodies and their areas (planned first, so the 特定移行支援 can be calibrated over them) -------
  interface BodyPlan { code: string; name: string; pref: string; prefName: string; kind: Kind; areas: number[] }
  const bodies: BodyPlan[] = [];
  let k = 0;
  prefectures.forEach(([pref, prefName], pi) => {
    bodies.push({ code: `${pref}000${localGovCheckDigit(`${pref}000`)}`, name: prefName, pref, prefName, kind: 'prefecture', areas: prefAreas });
    const n = perPref[pi]!;
    const theKinds = pref === '13' ? [...Array<Kind>(wards).fill('ward'), ...kinds.slice(k, k + n)] : kinds.slice(k, k + n);
    k += n;
    theKinds.forEach((kind, i) => {
      const first5 = `${pref}${String(100 + i).padStart(3, '0')}`;
      const seq = String(bodies.length).padStart(4, '0');
      bodies.push({ code: `${first5}${localGovCheckDigit(first5)}`, name: `生成${KIND_NAME[kind]}${seq}`, pref, prefName, kind, areas: ref.areas.map((a) => a.id) });
    });
  });
  // Towns and villages whose 生活保護 the prefecture handles.
  const small = shuffle(bodies.filter((b) => b.kind === 'town' || b.kind === 'village'), rng);
  for (const b of small.slice(0, Math.round(T.withoutWelfare * f))) b.areas = b.areas.filter((a) => a !== welfare);

  const systems = bodies.reduce((s, b) => s + b.areas.length, 0);
  const supportBodiesN = Math.min(bodies.length, Math.round((T.supportBodies / T.bodies) * bodies.length));
  const supportSystemsN = Math.max(supportBodiesN, Math.round((T.supportSystems / T.systems) * systems));
  const chosen = shuffle([...bodies.keys()], rng).slice(0, supportBodiesN);
  const supportCount = new Map(chosen.map((i) => [i, 1]));
  for (let left = supportSystemsN - supportBodiesN; left > 0; ) {
    const i = chosen[Math.floor(rng() * chosen.length)]!;
    if (supportCount.get(i)! < bodies[i]!.areas.length) {
      supportCount.set(i, supportCount.get(i)! + 1);
      left--;
    }
  }

  let steps = 0;
  let nMilestones = 0;
  let nValues = 0;
  sqlite.transaction(() =>
    withRollupTriggersOff(sqlite, () => {
      bodies.forEach((b, bi) => {
        const r = mulberry32(hashSeed(`${seed}:${b.code}`));
        const population = b.kind === 'prefecture' ? 500_000 + Math.floor(r() * 9_000_000) : b.kind === 'village' ? 500 + Math.floor(r() * 8000) : 5000 + Math.floor(r() * 300_000);
        const bodyId = Number(q.body.run(b.code, b.name, b.pref, b.prefName, b.kind, population, created, created).lastInsertRowid);
        const sectionIds = SECTIONS.map((s) => Number(q.section.run(bodyId, s, created, created).lastInsertRowid));
        const planId = Number(q.plan.run(bodyId, `${b.name} DX推進計画（生成データ）`, created, created).lastInsertRowid);
        let stdItem = 0;
        CORE_ITEMS.forEach((it, ii) => {
          const dl = it.deadline ? (ref.deadline.get(it.deadline[0]) ?? null) : null;
          const itemId = Number(q.item.run(planId, ref.category.get(it.category)!, sectionIds[ii % 2 === 0 ? 0 : 1], it.title, 2025, ii * 10, created, created).lastInsertRowid);
          if (ii === 0) stdItem = itemId;
          it.milestones.forEach(([title, planned], mi) => {
            let status: MilestoneStatus;
            let actual: string | null = null;
            const x = r();
            if (compareIsoDates(planned, DEMO_AS_OF) < 0 && x < 0.8) {
              // done, mostly on time, some late (never after the as-of date)
              const shift = x < 0.55 ? -Math.floor(r() * 60) : Math.floor(r() * 200);
              actual = addDays(planned, shift);
              if (compareIsoDates(actual, DEMO_AS_OF) > 0) actual = DEMO_AS_OF;
              status = 'done';
            } else status = x < 0.9 ? 'in_progress' : 'not_started';
            q.milestone.run(itemId, title, planned, actual, status, it.deadline?.[1] === mi ? dl : null, mi * 10, created, actual ? stamp(actual) : created);
            nMilestones++;
          });
          if (ii === 2) {
            // KPIs: online usage rate and hours saved, quarterly FY2022 Q1 .. the last quarter reported before the as-of date.
            for (const [name, unit, base, target] of [['オンライン利用率', '%', 20, 70], ['自動化による削減時間', '時間', 0, 5000]] as const) {
              const kpiId = Number(q.kpi.run(bodyId, itemId, name, unit, 'higher', base, target, created, created).lastInsertRowid);
              let v = base;
              for (let fy = 2022; fy <= 2026; fy++)
                for (let qq = 1; qq <= 4; qq++) {
                  const on = reportedOn(fy, qq);
                  if (compareIsoDates(on, DEMO_AS_OF) > 0) continue;
                  v += ((target - base) / 20) * (0.4 + r());
                  q.kpiValue.run(kpiId, fy, qq, Math.round(v * 10) / 10, stamp(on), stamp(on));
                  nValues++;
                }
            }
          }
        });
        const support = supportCount.get(bi) ?? 0;
        const supportAreas = new Set(shuffle([...b.areas], r).slice(0, support));
        for (const areaId of b.areas) {
          const ms = supportAreas.has(areaId);
          const bodyAreaId = Number(q.area.run(bodyId, areaId, sectionIds[1 + (areaId % 3)], stdItem, ms ? 1 : 0, created).lastInsertRowid);
          if (ms) q.extension.run(supportDeadline, bodyId, areaId, supportRule.extendedDueDate, created);
          // Ordinary areas: most finished by the deadline, some still at the last steps; 特定移行支援: mid-way.
          const x = r();
          const n = ref.steps.length;
          const frontier = ms ? ref.steps[4 + Math.floor(r() * (n - 12))]!.code : x < 0.86 ? 'all' : ref.steps[n - 1 - Math.floor(r() * 8)]!.code;
          const statuses = stepStatuses(ref.steps, { frontier }, r);
          const at = stamp(ms ? '2026-09-30' : '2026-03-31');
          ref.steps.forEach((s, si) => q.step.run(bodyAreaId, s.id, statuses[si], at));
          steps += n;
        }
      });
    }),
  )();

  return {
    bodies: bodies.length,
    municipalities: bodies.length - prefectures.length,
    systems,
    supportBodies: supportBodiesN,
    supportSystems: supportSystemsN,
    steps,
    milestones: nMilestones,
    kpiValues: nValues,
  };
}
