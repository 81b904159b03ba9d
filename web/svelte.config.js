// Svelte compiler options shared by vite-plugin-svelte (vite root = web/) and svelte-check.
/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: {
    // Runes only: legacy `export let`, `$:` and stores-as-state are compile errors in this folder.
    runes: true,
  },
};
