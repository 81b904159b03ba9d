/**
 * The package structure of an OOXML file (Open Packaging Conventions, ECMA-376 Part 2): content types,
 * relationships and part names. Targets are resolved as OPC part names, relative to the source part
 * (`worksheets/sheet1.xml` from `/xl/workbook.xml`, as Excel and LibreOffice write) or absolute
 * (`/xl/worksheets/sheet1.xml`, as openpyxl writes), percent-encoding decoded, `.` and `..` resolved.
 */
import type { ReadLimits } from './limits.ts';
import { parseXml, localName } from './xml.ts';
import type { ZipFile } from './zip.ts';

export interface Relationship {
  id: string;
  /** The last segment of the relationship type URI (`worksheet`, `sharedStrings`, `officeDocument`…):
   * transitional (schemas.openxmlformats.org) and strict (purl.oclc.org) types end alike. */
  type: string;
  /** The target part name, absolute without the leading slash (`xl/worksheets/sheet1.xml`); null for external targets. */
  part: string | null;
}

/** `/xl/workbook.xml` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`. */
export function resolvePart(sourcePart: string, target: string): string {
  let t = target.split('#')[0]!;
  try {
    t = decodeURIComponent(t);
  } catch {
    /* a literal % stays as it is */
  }
  t = t.replace(/\\/g, '/');
  const base = t.startsWith('/') ? [] : sourcePart.replace(/^\//, '').split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package's own: `_rels/.rels`. */
export function relsPartOf(part: string): string {
  const p = part.replace(/^\//, '');
  const slash = p.lastIndexOf('/');
  return `${p.slice(0, slash + 1)}_rels/${p.slice(slash + 1)}.rels`;
}

/** The relationships of `sourcePart` ('' for the package), or [] when it has none. */
export async function readRelationships(zip: ZipFile, sourcePart: string, limits: ReadLimits): Promise<Relationship[]> {
  const name = sourcePart ? relsPartOf(sourcePart) : '_rels/.rels';
  const entry = zip.entry(name);
  if (!entry) return [];
  const out: Relationship[] = [];
  await parseXml(zip.read(entry, 4 * 1024 * 1024), name, limits, (p) => {
    p.on('opentag', (tag) => {
      if (localName(tag.name) !== 'Relationship') return;
      const a = tag.attributes;
      const type = (a.Type ?? '').split('/').pop() ?? '';
      const external = (a.TargetMode ?? '').toLowerCase() === 'external';
      out.push({ id: a.Id ?? '', type, part: external || !a.Target ? null : resolvePart(sourcePart ? `/${sourcePart}` : '/', a.Target) });
    });
  });
  return out;
}

export interface ContentTypes {
  /** The content type of a part (Override by part name, else Default by extension). */
  of(part: string): string | null;
}

export async function readContentTypes(zip: ZipFile, limits: ReadLimits): Promise<ContentTypes | null> {
  const entry = zip.entry('[Content_Types].xml');
  if (!entry) return null;
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  await parseXml(zip.read(entry, 4 * 1024 * 1024), '[Content_Types].xml', limits, (p) => {
    p.on('opentag', (tag) => {
      const a = tag.attributes;
      const name = localName(tag.name);
      if (name === 'Default' && a.Extension) defaults.set(a.Extension.toLowerCase(), a.ContentType ?? '');
      if (name === 'Override' && a.PartName) overrides.set(resolvePart('/', a.PartName).toLowerCase(), a.ContentType ?? '');
    });
  });
  return {
    of: (part) => overrides.get(part.toLowerCase()) ?? defaults.get(part.split('.').pop()?.toLowerCase() ?? '') ?? null,
  };
}
