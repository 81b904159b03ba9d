/**
 * 静的出力 (issue 21): the public pages and open data of a body as plain files, for towns that publish through
 * their CMS or any web server with no API behind it — the same renderer as the live pages (pages.ts) with
 * relative links, so the files open from any folder or URL:
 *
 *   index.html              the body's page
 *   items/<itemId>.html     one page per published item
 *   public.css              the one stylesheet (no script is needed: the charts are inline SVG)
 *   data/public.json        everything, as GET /api/public/:bodyCode/public.json answers it
 *   data/items.csv …        the four CSV tables, as the API serves them
 *
 * The source is the same as the live pages': the latest closed quarter and HQ's publication (404 there is an
 * error here, with the same Japanese message).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/client.ts';
import { buildPublicView, publicSource, type PublicViewData } from '../services/public-view.ts';
import { publicTableCsv, PUBLIC_TABLE_FILES, type PublicTable } from '../services/public-data.ts';
import { PUBLIC_CSS } from './plugin.ts';
import { renderIndex, renderItem, staticLinks } from './pages.ts';

export function writePublicExport(db: Db, bodyCode: string, outDir: string): { view: PublicViewData; files: string[] } {
  const view = buildPublicView(db, publicSource(db, bodyCode));
  const files: Record<string, string> = {
    'index.html': renderIndex(view, staticLinks('')),
    'public.css': PUBLIC_CSS,
    'data/public.json': `${JSON.stringify(view, null, 2)}\n`,
  };
  for (const item of view.items) files[`items/${item.id}.html`] = renderItem(view, item, staticLinks('../'));
  for (const t of Object.keys(PUBLIC_TABLE_FILES) as PublicTable[]) files[`data/${PUBLIC_TABLE_FILES[t].file}`] = publicTableCsv(view, t);
  // Items unpublished since the last export must not linger: the generated folders are written afresh.
  rmSync(join(outDir, 'items'), { recursive: true, force: true });
  rmSync(join(outDir, 'data'), { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    const path = join(outDir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text, 'utf8');
  }
  return { view, files: Object.keys(files).sort() };
}
