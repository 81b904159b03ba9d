/**
 * A town-hall PC has Japanese fonts (Meiryo, Yu Gothic); this Debian machine has none (`fc-list :lang=ja` is
 * empty), and Chromium then looks for a fallback font glyph by glyph — that alone made 概要's layout ~2× slower
 * and would bench a PC that does not exist. The page-load bench therefore gives its Chromium the Noto Sans JP
 * that the PDF export already ships (npm `@expo-google-fonts/noto-sans-jp`, regular and bold) through a
 * fontconfig file of its own: offline, nothing installed on the machine, the tests' browsers unaffected.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Environment for `chromium.launch({ env })` with Noto Sans JP available; `dir` holds the fontconfig file and cache. */
export function japaneseFontEnv(dir: string): NodeJS.ProcessEnv {
  const fontDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/package.json'));
  const dirs = ['400Regular', '700Bold'].map((w) => join(fontDir, w)).filter((d) => existsSync(d));
  mkdirSync(join(dir, 'fontconfig-cache'), { recursive: true });
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
${dirs.map((d) => `  <dir>${d}</dir>`).join('\n')}
  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>
</fontconfig>
`,
  );
  return { ...process.env, FONTCONFIG_FILE: file };
}
