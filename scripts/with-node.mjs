#!/usr/bin/env node
// Run a command on a Node.js that meets package.json "engines" (Node 24 LTS).
//
//   node scripts/with-node.mjs <command> [args...]   run it (npm start / npm test go through this)
//   node scripts/with-node.mjs --env                 print `export PATH=… npm_config_nodedir=…` for a shell
//                                                    (nothing when the machine's Node is new enough):
//                                                    eval "$(node scripts/with-node.mjs --env)"
//
// Why: the README promises `npm install && npm start` on a machine whose own Node may be older (Debian 12
// ships Node 20, end-of-life since April 2026). When the running Node is older than "engines", this script
// takes the pinned Node 24 from the npm registry (the package node-<platform>-<arch>, which holds bin/node
// and the C headers), caches it under ~/.cache/dx-dashboard/, rebuilds better-sqlite3's native addon for it
// when the addon was built for another Node (offline: the headers come with the package), and runs the
// command with that Node first on PATH. When the running Node is new enough it is used as it is.
// Written for any Node ≥ 14 (no newer syntax or APIs): it has to run on the old Node to say what is wrong.
// Failures end with one bilingual message and exit 1, never a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node release used when the machine's own is too old. Keep in step with .node-version. */
const PINNED_NODE = '24.22.3';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheRoot = process.env.DX_NODE_CACHE || path.join(os.homedir(), '.cache', 'dx-dashboard');

/** @param {string} ja @param {string} en @returns {never} */
function fail(ja, en) {
  console.error(`[node] ${ja}\n[node] ${en}`);
  process.exit(1);
}

/** @param {string} v "24.1.0" or "v24.1.0" @returns {number[]} */
function parseVersion(v) {
  return v.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
}

/** @param {number[]} a @param {number[]} b @returns {boolean} a >= b */
function atLeast(a, b) {
  for (let i = 0; i < 3; i += 1) {
    const x = a[i] || 0;
    const y = b[i] || 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** The minimum from package.json "engines.node" (only the ">=X.Y.Z" form is used in this project). */
function requiredVersion() {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const range = String((pkg.engines && pkg.engines.node) || '');
  const match = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(range.trim());
  if (!match) fail(`package.json の engines.node（${range}）を読めません。`, `Cannot read package.json engines.node (${range}).`);
  return { range, min: parseVersion(match[1]) };
}

/** The npm package holding this platform's Node binary, or null where none is published for it. */
function platformPackage() {
  /** @type {Record<string, string>} */
  const platforms = { linux: 'linux', darwin: 'darwin' };
  /** @type {Record<string, string>} */
  const arches = { x64: 'x64', arm64: 'arm64' };
  const platform = platforms[process.platform];
  const arch = arches[process.arch];
  if (!platform || !arch) return null;
  return `node-${platform}-${arch}`;
}

/** @param {string} need @param {string} why @returns {never} */
function pleaseInstall(need, why) {
  return fail(
    `${why.split(' / ')[0]} Node.js ${process.versions.node} では動きません。Node.js ${need}（推奨: 24 LTS）をインストールして、npm install からやり直してください。`,
    `${why.split(' / ')[1]} Node.js ${process.versions.node} is too old: install Node.js ${need} (recommended: 24 LTS), then run npm install again.`,
  );
}

/**
 * The pinned Node's folder (bin/node, include/node), fetched from the npm registry into the cache once.
 * @param {string} need the engines range, for messages
 */
function pinnedNode(need) {
  const pkgName = platformPackage();
  if (!pkgName) pleaseInstall(need, `この OS・CPU（${process.platform}-${process.arch}）用の Node.js は自動で取得できません。 / No Node.js package for ${process.platform}-${process.arch} to fetch.`);
  const dir = path.join(cacheRoot, `${pkgName}-${PINNED_NODE}`);
  const nodeBin = path.join(dir, 'bin', 'node');
  if (existsSync(nodeBin)) return dir;

  console.error(`[node] Node.js ${process.versions.node} は ${need} を満たさないため、Node.js ${PINNED_NODE} を npm レジストリから取得します。`);
  console.error(`[node] Node.js ${process.versions.node} does not meet ${need}: fetching Node.js ${PINNED_NODE} (${pkgName}) from the npm registry into ${dir} …`);
  mkdirSync(cacheRoot, { recursive: true });
  const work = mkdtempSync(path.join(cacheRoot, '.fetch-'));
  try {
    const pack = spawnSync('npm', ['pack', `${pkgName}@${PINNED_NODE}`, '--silent', '--pack-destination', work], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const tarball = pack.status === 0 ? path.join(work, pack.stdout.trim().split('\n').pop() || '') : '';
    const unreachable = `npm レジストリから ${pkgName}@${PINNED_NODE} を取得できませんでした。 / Could not fetch ${pkgName}@${PINNED_NODE} from the npm registry.`;
    if (!tarball || !existsSync(tarball)) pleaseInstall(need, unreachable);
    const untar = spawnSync('tar', ['-xzf', tarball, '-C', work], { stdio: 'inherit' });
    if (untar.status !== 0 || !existsSync(path.join(work, 'package', 'bin', 'node'))) pleaseInstall(need, unreachable);
    // Rename is atomic: a second process that raced us finds either nothing or a complete folder.
    if (!existsSync(nodeBin)) renameSync(path.join(work, 'package'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

/**
 * Load better-sqlite3 with `nodeBin`; rebuild the addon for that Node when it was built for another one.
 * @param {string} nodeBin @param {NodeJS.ProcessEnv} env @param {string} need
 */
function ensureNativeAddon(nodeBin, env, need) {
  const addonDir = path.join(repoRoot, 'node_modules', 'better-sqlite3');
  if (!existsSync(addonDir)) {
    fail('依存パッケージがありません。先に npm install を実行してください。', 'Dependencies are missing: run npm install first.');
  }
  const probe = () =>
    spawnSync(nodeBin, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
  const first = probe();
  if (first.status === 0) return;
  if (!/NODE_MODULE_VERSION|different Node\.js version|ERR_DLOPEN_FAILED|Could not locate the bindings file/.test(first.stderr)) {
    fail(
      `better-sqlite3 を読み込めません: ${first.stderr.trim().split('\n')[0]}`,
      'better-sqlite3 cannot be loaded (see the line above); try `npm rebuild better-sqlite3`.',
    );
  }
  const version = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.error(`[node] better-sqlite3 を ${version} 用にビルドし直します（1〜3分）。`);
  console.error(`[node] Rebuilding better-sqlite3's native addon for Node ${version} (1–3 minutes) …`);
  // build_from_source: skip prebuild-install's download attempt (the machine may be offline) and compile.
  const rebuild = spawnSync('npm', ['rebuild', 'better-sqlite3'], {
    cwd: repoRoot,
    env: { ...env, npm_config_build_from_source: 'true' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (rebuild.status !== 0 || probe().status !== 0) {
    fail(
      `better-sqlite3 を Node.js ${version} 用にビルドできませんでした（python3・make・g++ が必要です）。${need} の Node.js で npm install をやり直してください。`,
      `Could not build better-sqlite3 for Node.js ${version} (it needs python3, make and g++). Run npm install again with Node.js ${need}.`,
    );
  }
}

/** The environment (PATH first) in which `node` meets engines and better-sqlite3 loads. */
function nodeEnvironment() {
  const { range, min } = requiredVersion();
  const env = { ...process.env };
  if (atLeast(parseVersion(process.versions.node), min)) {
    return { env, nodeBin: process.execPath, range, pinnedDir: null };
  }
  const pinnedDir = pinnedNode(range);
  const bin = path.join(pinnedDir, 'bin');
  env.PATH = `${bin}${path.delimiter}${env.PATH || ''}`;
  // node-gyp compiles against these headers instead of downloading them.
  env.npm_config_nodedir = pinnedDir;
  return { env, nodeBin: path.join(bin, 'node'), range, pinnedDir };
}

const args = process.argv.slice(2);
if (args.length === 0) {
  fail('実行するコマンドを指定してください。', 'Usage: node scripts/with-node.mjs <command> [args...] | --env');
}
const { env, nodeBin, range, pinnedDir } = nodeEnvironment();

if (args[0] === '--env') {
  // No addon check here: CI asks for the environment before `npm ci`, which then builds the addon for it.
  if (pinnedDir) {
    console.log(`export PATH=${JSON.stringify(path.join(pinnedDir, 'bin'))}:"$PATH"`);
    console.log(`export npm_config_nodedir=${JSON.stringify(pinnedDir)}`);
  }
  process.exit(0);
}

ensureNativeAddon(nodeBin, env, range);
const [command, ...rest] = args;
const child = spawn(command || '', rest, { cwd: process.cwd(), env, stdio: 'inherit' });
// A server started through this script stops when this script is told to stop (Ctrl-C, SIGTERM).
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, () => child.kill(signal));
child.on('error', (error) => fail(`${command} を実行できません: ${error.message}`, `Cannot run ${command}: ${error.message}`));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  else process.exit(code === null ? 1 : code);
});
