#!/usr/bin/env node
// Build the web UI (web/dist) only when it is missing or older than its sources.
// Usage: node scripts/ensure-web-build.mjs [--force]   (run from anywhere; paths are repo-relative)
// Prints exactly one line saying what it did; exits 1 if the build fails.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(repoRoot, 'web');
const configFile = path.join(webDir, 'vite.config.ts');
const distIndex = path.join(webDir, 'dist', 'index.html');

/** Inputs whose change requires a rebuild (files or directories, scanned recursively). */
const inputs = [
  path.join(webDir, 'src'),
  path.join(webDir, 'public'),
  path.join(webDir, 'index.html'),
  configFile,
  path.join(webDir, 'svelte.config.js'),
];

/**
 * @param {string} p
 * @returns {{ file: string, mtimeMs: number } | null} newest file under `p`
 */
function newestFile(p) {
  if (!existsSync(p)) return null;
  const st = statSync(p);
  if (!st.isDirectory()) return { file: p, mtimeMs: st.mtimeMs };
  /** @type {{ file: string, mtimeMs: number } | null} */
  let newest = null;
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const found = newestFile(path.join(p, entry.name));
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/** @param {string} p */
function rel(p) {
  return path.relative(repoRoot, p) || '.';
}

/** @returns {string | null} why a build is needed, or null when web/dist is fresh */
function buildReason() {
  if (process.argv.includes('--force')) return '--force was given';
  if (!existsSync(distIndex)) return `${rel(distIndex)} is missing`;
  const builtAt = statSync(distIndex).mtimeMs;
  /** @type {{ file: string, mtimeMs: number } | null} */
  let newest = null;
  for (const input of inputs) {
    const found = newestFile(input);
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  if (newest && newest.mtimeMs > builtAt) return `${rel(newest.file)} is newer than ${rel(distIndex)}`;
  return null;
}

const reason = buildReason();
if (reason === null) {
  console.log(`[web] ${rel(distIndex)} is up to date; skipped the build.`);
  process.exit(0);
}

/** @type {typeof import('vite')} */
let vite;
try {
  vite = await import('vite');
} catch {
  console.error(
    `[web] cannot build web/dist (${reason}): the "vite" package is not installed. Run "npm install" (with dev dependencies) first.`,
  );
  process.exit(1);
}

const started = performance.now();
try {
  // logLevel 'warn': keep output to one line unless something needs attention.
  await vite.build({ configFile, logLevel: 'warn' });
} catch (error) {
  console.error(`[web] build of web/dist failed (${reason}):`, error instanceof Error ? error.message : error);
  process.exit(1);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`[web] built ${rel(path.dirname(distIndex))} in ${seconds}s (${reason}).`);
