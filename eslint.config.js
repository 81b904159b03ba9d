// ESLint 10 flat config: a small rule set for Svelte 5 + TypeScript (`npm run lint`, run by CI).
// Recommended sets of @eslint/js, typescript-eslint (syntax-only, no type information: tsc and
// svelte-check already type-check) and eslint-plugin-svelte; the few changes below say why.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  {
    ignores: ['web/dist/', 'node_modules/', 'data/', 'migrations/', 'coverage/', 'bench/results/'],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['web/**/*.{ts,js,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // Tests, benchmarks and scripts read JSON responses whose shape the assertions check.
    files: ['tests/**', 'bench/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    rules: {
      // Sanitizers match control characters on purpose.
      'no-control-regex': 'off',
      // Japanese text uses the ideographic space (U+3000) in strings, templates and comments.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true }],
      // Flags any Map/Set/URL built inside a component, even a local one that is not state; Svelte's
      // reactive classes are used where a collection is state.
      'svelte/prefer-svelte-reactivity': 'off',
      // `_name` marks a deliberately unused parameter or destructured rest.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
