/**
 * The national data pack shipped with the product (reference/default-pack.json): valid against its JSON
 * Schema, every fact sourced and with a status, no internal file names; the committed JSON Schema equals
 * its TypeBox definition; and the rules the schema cannot say (server/domain/reference-pack.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultPack } from '../../seed/reference.ts';
import { checkPack, compareVersions, diffFacts, internalFileName, managedCodes, packFacts } from '../../server/domain/reference-pack.ts';
import { validateLikeBody } from '../../server/plugins/validation.ts';
import { ReferencePack } from '../../server/schemas/reference-pack.ts';
import { packJsonSchema, SCHEMA_PATH } from '../../scripts/reference-schema.ts';

const clone = () => structuredClone(defaultPack());

describe('the shipped pack', () => {
  const pack = defaultPack();

  it('is valid against its JSON Schema and the rules of the domain', () => {
    expect(validateLikeBody(ReferencePack, pack)).toEqual([]);
    expect(checkPack(pack)).toEqual([]);
  });

  it('gives every fact a status and at least one source with a publisher and a title', () => {
    const facts = [...pack.categories, ...pack.businessAreas, ...pack.deadlines, ...pack.extensionRules, ...pack.figures, pack.steps];
    for (const f of facts) {
      expect(['confirmed', 'unverified']).toContain(f.status);
      expect(f.sources.length).toBeGreaterThan(0);
      for (const code of f.sources) expect(pack.sources[code]).toMatchObject({ publisher: expect.any(String), title: expect.any(String) });
    }
  });

  it('marks as 要確認 what rests on press or commentary alone, and drops the unsourced 57.6% benchmark', () => {
    const byCode = Object.fromEntries(pack.deadlines.map((d) => [d.code, d]));
    expect(byCode.std_migration!.status).toBe('confirmed');
    expect(byCode.std_migration_support!.status).toBe('unverified');
    expect(byCode.one_person_it!.status).toBe('unverified');
    expect(byCode.eltax_public_funds).toMatchObject({ dueDate: '2026-09-30', datePrecision: 'month', status: 'confirmed' });
    const benchmark = pack.figures.find((f) => f.kind === 'benchmark')!;
    expect(benchmark).toMatchObject({ value: 52.6, fiscalYear: 2018, status: 'confirmed' });
    expect(benchmark.definition).toContain('オンライン利用促進対象手続');
    expect(JSON.stringify(pack)).not.toContain('57.6');
    expect(JSON.stringify(pack)).not.toContain('78.3');
  });

  it('names no internal file anywhere a user can read', () => {
    const text = JSON.stringify(pack);
    for (const name of ['DOMAIN.md', 'STACK.md', 'seeds/', 'reference.ts']) expect(text).not.toContain(name);
  });

  it('says its step template is the product’s, not the ministry’s', () => {
    expect(pack.steps.numbering).toBe('product');
    expect(pack.steps.title).toMatch(/本製品.*総務省/);
  });

  it('has its JSON Schema committed as generated (npm run reference:schema)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(packJsonSchema());
  });
});

describe('checkPack', () => {
  const messages = (p: ReturnType<typeof clone>) => checkPack(p).map((x) => `${x.path}: ${x.message}`);

  it('refuses duplicate codes, unknown sources and categories', () => {
    const p = clone();
    p.deadlines.push({ ...p.deadlines[0]! });
    p.deadlines[1]!.sources = ['nowhere'];
    p.deadlines[2]!.category = 'no_such_category';
    const m = messages(p);
    expect(m.some((x) => x.includes('重複'))).toBe(true);
    expect(m.some((x) => x.startsWith('deadlines[1].sources[0]') && x.includes('nowhere'))).toBe(true);
    expect(m.some((x) => x.startsWith('deadlines[2].category'))).toBe(true);
  });

  it('refuses 確認済み resting on press alone', () => {
    const p = clone();
    const f = p.figures.find((x) => x.code === 'support_bodies_2025_10')!; // a press report only
    f.status = 'confirmed';
    expect(messages(p).some((x) => x.includes('一次資料'))).toBe(true);
  });

  it('keeps dates honest to their precision and extensions after their deadline', () => {
    const p = clone();
    p.deadlines.find((x) => x.code === 'std_migration')!.dueDate = '2026-03-30'; // a fiscal year ends on March 31
    p.deadlines.find((x) => x.code === 'eltax_public_funds')!.dueDate = '2026-09-01'; // a month's deadline is its last day
    p.extensionRules[0]!.extendedDueDate = '2025-03-31';
    const m = messages(p);
    expect(m.some((x) => x.includes('3月31日'))).toBe(true);
    expect(m.some((x) => x.includes('末日'))).toBe(true);
    expect(m.some((x) => x.startsWith('extensionRules[0].extendedDueDate') && x.includes('より後'))).toBe(true);
  });

  it('refuses internal file names in any text a user reads (URLs aside)', () => {
    const p = clone();
    p.deadlines[0]!.note = 'ガバメントクラウドへの移行（DOMAIN.md）';
    p.sources.product!.note = '根拠は seeds/004 の記事';
    const m = messages(p);
    expect(m.some((x) => x.startsWith('deadlines[0].note') && x.includes('DOMAIN.md'))).toBe(true);
    expect(m.some((x) => x.startsWith('sources.product.note') && x.includes('seeds/004'))).toBe(true);
    expect(internalFileName('https://www.soumu.go.jp/main_content/000919516.pdf を参照')).toBeNull();
    expect(internalFileName('seed/reference.ts より')).toBe('reference.ts');
  });
});

describe('versions and differences', () => {
  it('compares versions segment by segment', () => {
    expect(compareVersions('2026.12.0', '2026.9.3')).toBe(1);
    expect(compareVersions('2026.12.0', '2026.12.0')).toBe(0);
    expect(compareVersions('2026.12.2', '2026.12.10')).toBe(-1);
  });

  it('lists added, changed and removed facts (removed only among those a pack put in)', () => {
    const before = clone();
    const after = clone();
    after.deadlines.find((d) => d.code === 'std_migration_support')!.dueDate = '2032-03-31';
    after.deadlines = after.deadlines.filter((d) => d.code !== 'one_person_it');
    after.figures.push({ ...after.figures[0]!, code: 'new_figure', title: '新しい数値', value: 1 });
    const current = packFacts(before);
    const changes = diffFacts(current, packFacts(after), managedCodes(current));
    const byCode = Object.fromEntries(changes.map((c) => [c.code, c]));
    expect(byCode.std_migration_support).toMatchObject({ section: 'deadlines', change: 'changed', fields: [{ field: 'dueDate', before: '2031-03-31', after: '2032-03-31' }] });
    expect(byCode.one_person_it).toMatchObject({ section: 'deadlines', change: 'removed' });
    expect(byCode.new_figure).toMatchObject({ section: 'figures', change: 'added' });
    expect(changes).toHaveLength(3);
    // A row no pack put in is not a pack's to remove.
    const unmanaged = managedCodes(current);
    unmanaged.deadlines.delete('one_person_it');
    expect(diffFacts(current, packFacts(after), unmanaged).some((c) => c.code === 'one_person_it')).toBe(false);
  });
});
