import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Paths are resolved from this file, so `vite --config web/vite.config.ts` works from the repo root.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** `$domain/…` = server/domain (rules: dates, fiscal years, 和暦, labels); `$schemas/…` = server/schemas (types only). */
export const sharedAliases = {
  $domain: fileURLToPath(new URL('../server/domain', import.meta.url)),
  $schemas: fileURLToPath(new URL('../server/schemas', import.meta.url)),
};

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  // Keep Vite's dependency cache in the repo's node_modules, not in web/node_modules.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/web', import.meta.url)),
  plugins: [svelte()],
  // The one copy of the business rules and API types, shared with the server (see web/README.md).
  resolve: { alias: sharedAliases },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
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
