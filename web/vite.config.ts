import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Paths are resolved from this file, so `vite --config web/vite.config.ts` works from the repo root.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** `$domain/…` = server/domain (rules: dates, fiscal years, 和暦, labels); `$schemas/…` = server/schemas (types only). */
export const sharedAliases = {
  $domain: fileURLToPath(new URL('../server/domain', import.meta.url)),
  $schemas: fileURLToPath(new URL('../server/schemas', import.meta.url)),
};

/**
 * Writes `name.br` and `name.gz` beside every text asset of the build, compressed once at the highest
 * levels, so the server (@fastify/static `preCompressed`) sends them without compressing per request:
 * a town-hall PC on a 10 Mbps LGWAN link gets the chart code in a third of the bytes. Files under 1 KiB
 * are left alone (the headers would outweigh the saving).
 */
function precompress(outDir: string): Plugin {
  const compressible = /\.(js|css|html|svg|json|txt)$/;
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return {
    name: 'dx-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!compressible.test(file)) continue;
        const raw = readFileSync(file);
        if (raw.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

const outDir = fileURLToPath(new URL('./dist', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  // Keep Vite's dependency cache in the repo's node_modules, not in web/node_modules.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/web', import.meta.url)),
  plugins: [svelte(), precompress(outDir)],
  // The one copy of the business rules and API types, shared with the server (see web/README.md).
  resolve: { alias: sharedAliases },
  build: {
    outDir,
    emptyOutDir: true,
    // No inline assets: keeps the bundle compatible with a strict CSP (no data: URIs needed).
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
