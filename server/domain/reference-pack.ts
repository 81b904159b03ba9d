/**
 * Rules of the national data pack that its JSON Schema cannot say, and the difference between two sets
 * of facts. Framework-free: the service (server/services/reference-pack.ts) loads rows and packs, calls
 * these, and writes.
 *
 * - Codes are unique within each list; every fact cites sources the pack defines; a deadline's category
 *   and an extension rule's deadline exist; an extension rule pushes its deadline later.
 * - A date's precision is honest: 'fiscal_year' dates are a March 31st, 'month' dates a month's last day.
 * - 確認済み (confirmed) needs at least one primary source (or the product's own definition); anything
 *   resting on press or commentary alone is 要確認.
 * - No text a user can read names an internal file (「DOMAIN.md」「seeds/004」「reference.ts」 …).
 */
import { compareIsoDates, isValidIsoDate as isIsoDate } from './dates.ts';

/** The pack's shape as this module needs it (structurally the TypeBox type of server/schemas/reference-pack.ts). */
export interface PackLike {
  version: string;
  sources: Record<string, { publisher: string; title: string; publishedOn: string | null; url: string | null; kind: string; note?: string }>;
  categories: Array<{ code: string; name: string; description: string; isCore: boolean } & Fact>;
  businessAreas: Array<{ code: string; name: string } & Fact>;
  deadlines: Array<{ code: string; title: string; dueDate: string; datePrecision: string; category: string | null } & Fact>;
  extensionRules: Array<{ code: string; title: string; deadline: string; extendedDueDate: string; datePrecision: string; scope: string } & Fact>;
  steps: { numbering: string; title: string; items: Array<{ code: string; phase: string; name: string }> } & Fact;
  figures: Array<{ code: string; kind: string; title: string; definition: string; value: number; unit: string; asOf: string | null; fiscalYear: number | null } & Fact>;
}
interface Fact {
  status: string;
  sources: string[];
  note?: string | undefined;
}

export interface PackProblem {
  /** Where, as a JSON path (deadlines[3].dueDate). */
  path: string;
  message: string;
}

/** File names a user must never read: the product's own documents, seed files and sources. */
const INTERNAL_NAME = /(DOMAIN|STACK|README)\.md|seeds\/\d+|\b[\w-]+\.(md|ts|tsx|js|mjs|sqlite|svelte)\b/i;
const URL_IN_TEXT = /https?:\/\/\S+/g;

/** The internal file name a text mentions (URLs aside), or null. */
export function internalFileName(text: string): string | null {
  return INTERNAL_NAME.exec(text.replace(URL_IN_TEXT, ''))?.[0] ?? null;
}

/** Versions are YYYY.MM.N; compared segment by segment as numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function lastDayOfMonth(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}

function datePrecisionProblem(date: string, precision: string): string | null {
  if (precision === 'fiscal_year' && !date.endsWith('-03-31')) return `年度末の期限は3月31日にしてください（${date}）。`;
  if (precision === 'month' && !lastDayOfMonth(date)) return `月までの期限は、その月の末日にしてください（${date}）。`;
  return null;
}

/** Every semantic problem of a pack already valid against its JSON Schema; [] when it can be loaded. */
export function checkPack(pack: PackLike): PackProblem[] {
  const problems: PackProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const unique = (list: { code: string }[], path: string, label: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.code)) add(`${path}[${i}].code`, `${label}のコード「${x.code}」が重複しています。`);
      seen.add(x.code);
    });
  };
  unique(pack.categories, 'categories', '分野');
  unique(pack.businessAreas, 'businessAreas', '標準化対象業務');
  unique(pack.deadlines, 'deadlines', '国の期限');
  unique(pack.extensionRules, 'extensionRules', '延長の規則');
  unique(pack.steps.items, 'steps.items', '手順');
  unique(pack.figures, 'figures', '全国の数値');

  const checkFact = (f: Fact, path: string) => {
    f.sources.forEach((code, i) => {
      if (!(code in pack.sources)) add(`${path}.sources[${i}]`, `出典「${code}」が sources に定義されていません。`);
    });
    const kinds = f.sources.map((c) => pack.sources[c]?.kind);
    if (f.status === 'confirmed' && !kinds.some((k) => k === 'primary' || k === 'product')) {
      add(`${path}.status`, '確認済みにするには一次資料（または本製品の定義）を出典に含めてください。報道・解説だけなら要確認（unverified）です。');
    }
  };
  pack.categories.forEach((c, i) => checkFact(c, `categories[${i}]`));
  pack.businessAreas.forEach((a, i) => checkFact(a, `businessAreas[${i}]`));
  pack.figures.forEach((f, i) => checkFact(f, `figures[${i}]`));
  checkFact(pack.steps, 'steps');

  const categoryCodes = new Set(pack.categories.map((c) => c.code));
  const deadlines = new Map(pack.deadlines.map((d) => [d.code, d]));
  pack.deadlines.forEach((d, i) => {
    const path = `deadlines[${i}]`;
    checkFact(d, path);
    if (!isIsoDate(d.dueDate)) add(`${path}.dueDate`, `期限（${d.dueDate}）は存在する日付にしてください。`);
    else {
      const p = datePrecisionProblem(d.dueDate, d.datePrecision);
      if (p) add(`${path}.dueDate`, p);
    }
    if (d.category !== null && !categoryCodes.has(d.category)) add(`${path}.category`, `分野「${d.category}」がパックにありません。`);
  });
  pack.extensionRules.forEach((r, i) => {
    const path = `extensionRules[${i}]`;
    checkFact(r, path);
    const d = deadlines.get(r.deadline);
    if (!d) add(`${path}.deadline`, `国の期限「${r.deadline}」がパックにありません。`);
    if (!isIsoDate(r.extendedDueDate)) add(`${path}.extendedDueDate`, `延長後の期限（${r.extendedDueDate}）は存在する日付にしてください。`);
    else {
      const p = datePrecisionProblem(r.extendedDueDate, r.datePrecision);
      if (p) add(`${path}.extendedDueDate`, p);
      if (d && isIsoDate(d.dueDate) && compareIsoDates(r.extendedDueDate, d.dueDate) <= 0) {
        add(`${path}.extendedDueDate`, `延長後の期限（${r.extendedDueDate}）は元の期限（${d.dueDate}）より後にしてください。`);
      }
    }
  });
  pack.figures.forEach((f, i) => {
    if (f.asOf !== null && !isIsoDate(f.asOf)) add(`figures[${i}].asOf`, `時点（${f.asOf}）は存在する日付にしてください。`);
    if (f.asOf === null && f.fiscalYear === null) add(`figures[${i}]`, '時点（asOf）か年度（fiscalYear）のどちらかを指定してください。');
  });

  // Every text a user can read: no internal file names.
  const texts: [string, string][] = [];
  const collect = (value: unknown, path: string) => {
    if (typeof value === 'string') texts.push([path, value]);
    else if (Array.isArray(value)) value.forEach((v, i) => collect(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (k !== 'url' && k !== '$schema') collect(v, path ? `${path}.${k}` : k);
    }
  };
  collect(pack, '');
  for (const [path, text] of texts) {
    const name = internalFileName(text);
    if (name) add(path, `利用者に表示される文に内部のファイル名「${name}」が含まれています。資料名（発行者・題名）で書いてください。`);
  }
  return problems;
}

// ---- differences ---------------------------------------------------------------------------------

export const PACK_SECTIONS = ['categories', 'businessAreas', 'deadlines', 'extensionRules', 'steps', 'figures', 'sources'] as const;
export type PackSection = (typeof PACK_SECTIONS)[number];
export const PACK_SECTION_LABELS: Record<PackSection, string> = {
  categories: '分野',
  businessAreas: '標準化対象業務',
  deadlines: '国の期限',
  extensionRules: '延長の規則',
  steps: '手順テンプレート',
  figures: '全国の数値・比較系列',
  sources: '出典',
};

/** One fact reduced to what a pack sets: display title and comparable fields (values as text). */
export interface FactRecord {
  title: string;
  fields: Record<string, string>;
}
export type FactSet = Record<PackSection, Map<string, FactRecord>>;

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}
export interface FactChange {
  section: PackSection;
  code: string;
  title: string;
  change: 'added' | 'changed' | 'removed';
  fields: FieldChange[];
}

/**
 * What loading `next` changes in `current`. `managed` lists, per section, the codes an earlier pack put in
 * (only those can be removed: rows users added under other codes are none of a pack's business).
 */
export function diffFacts(current: FactSet, next: FactSet, managed: Record<PackSection, Set<string>>): FactChange[] {
  const out: FactChange[] = [];
  for (const section of PACK_SECTIONS) {
    const before = current[section];
    const after = next[section];
    for (const [code, rec] of after) {
      const old = before.get(code);
      if (!old) {
        out.push({ section, code, title: rec.title, change: 'added', fields: Object.entries(rec.fields).map(([field, v]) => ({ field, before: '', after: v })) });
        continue;
      }
      const fields = Object.keys({ ...old.fields, ...rec.fields })
        .filter((f) => (old.fields[f] ?? '') !== (rec.fields[f] ?? ''))
        .map((field) => ({ field, before: old.fields[field] ?? '', after: rec.fields[field] ?? '' }));
      if (fields.length > 0) out.push({ section, code, title: rec.title, change: 'changed', fields });
    }
    for (const [code, rec] of before) {
      if (!after.has(code) && managed[section].has(code)) {
        out.push({ section, code, title: rec.title, change: 'removed', fields: Object.entries(rec.fields).map(([field, v]) => ({ field, before: v, after: '' })) });
      }
    }
  }
  return out;
}

/** The facts of a pack, in the comparable form. */
export function packFacts(pack: PackLike): FactSet {
  const status = (f: Fact) => (f.status === 'confirmed' ? '確認済み' : '要確認');
  const srcs = (f: Fact) => f.sources.join(', ');
  const m = <T,>(list: T[], fn: (x: T, i: number) => [string, FactRecord]) => new Map(list.map(fn));
  return {
    categories: m(pack.categories, (c, i) => [c.code, { title: c.name, fields: { name: c.name, description: c.description, isCore: String(c.isCore), order: String(i + 1) } }]),
    businessAreas: m(pack.businessAreas, (a, i) => [a.code, { title: a.name, fields: { name: a.name, order: String(i + 1) } }]),
    deadlines: m(pack.deadlines, (d) => [
      d.code,
      { title: d.title, fields: { title: d.title, dueDate: d.dueDate, datePrecision: d.datePrecision, category: d.category ?? '', status: status(d), note: d.note ?? '', sources: srcs(d) } },
    ]),
    extensionRules: m(pack.extensionRules, (r) => [
      r.code,
      { title: r.title, fields: { title: r.title, deadline: r.deadline, extendedDueDate: r.extendedDueDate, scope: r.scope, status: status(r), note: r.note ?? '', sources: srcs(r) } },
    ]),
    steps: m(pack.steps.items, (s, i) => [s.code, { title: s.name, fields: { phase: s.phase, name: s.name, order: String(i + 1) } }]),
    figures: m(pack.figures, (f) => [
      f.code,
      {
        title: f.title,
        fields: { kind: f.kind, title: f.title, definition: f.definition, value: String(f.value), unit: f.unit, asOf: f.asOf ?? '', fiscalYear: f.fiscalYear === null ? '' : String(f.fiscalYear), status: status(f), note: f.note ?? '', sources: srcs(f) },
      },
    ]),
    sources: m(Object.entries(pack.sources), ([code, s]) => [
      code,
      { title: s.title, fields: { publisher: s.publisher, title: s.title, publishedOn: s.publishedOn ?? '', url: s.url ?? '', kind: s.kind, note: s.note ?? '' } },
    ]),
  };
}

export const emptyFactSet = (): FactSet => Object.fromEntries(PACK_SECTIONS.map((s) => [s, new Map()])) as unknown as FactSet;
export const managedCodes = (facts: FactSet): Record<PackSection, Set<string>> =>
  Object.fromEntries(PACK_SECTIONS.map((s) => [s, new Set(facts[s].keys())])) as Record<PackSection, Set<string>>;
