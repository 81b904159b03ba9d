/**
 * Issue 14 item 1 against the real server process (`node --import tsx server/server.ts`, as `npm
 * start` runs it): the review's hostile uploads leave the process small and answering, and a server
 * killed in the middle of an import cleans up after itself when it starts again.
 *
 * - The bombs (450 MB of shared strings in a ~0.5 MB file, honest and lying sizes; a 200 MB cell; a
 *   100 MB cell; 1.1 M rows as xlsx and as a 12 MB CSV; broken XML) are all refused, /api/health keeps
 *   answering, no file is left in the upload's work directory or the server's TMPDIR, and the process's peak RSS (VmHWM, /proc/<pid>/status, whole life incl. start-up) stays
 *   under 400 MB.
 * - SIGKILL while a file is being received, and again while one is being read: after a restart the
 *   work directory is empty and no import or import row is left.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_NS, MILESTONE_HEADER, rowXml, sheetXml, xlsxOf } from '../helpers/xlsx.ts';
import { deflated, deflatedRepeat, deflatedStream } from '../helpers/zip.ts';
import { loginAs, startChild, type Child, type Session } from './child.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MiB = 1024 * 1024;

let dir: string;
let databasePath: string;
let child: Child | null = null;

let serverTmp: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dx-import-attacks-'));
  databasePath = join(dir, 'dx.sqlite');
  // The server's own temp dir (TMPDIR): libraries that buffer entries in temp files would leave them here.
  serverTmp = join(dir, 'tmp');
  mkdirSync(serverTmp);
});
const ENV = () => ({ RATE_LIMIT_PER_MINUTE: '0', TMPDIR: serverTmp });
afterAll(async () => {
  await child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const workDir = () => `${databasePath}-imports`;
const workEntries = () => (existsSync(workDir()) ? readdirSync(workDir()) : []);
const status = (pid: number, key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

async function until(what: string, cond: () => boolean, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function tableCounts() {
  const db = new Database(databasePath, { readonly: true });
  try {
    const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { imports: n('imports'), import_rows: n('import_rows'), import_previews: n('import_previews') };
  } finally {
    db.close();
  }
}

async function post(s: Session, bodyId: number, file: Buffer, type = XLSX) {
  const res = await fetch(`${child!.baseUrl}/api/bodies/${bodyId}/imports`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': type },
    body: file,
  });
  return { status: res.status, json: (await res.json()) as { code: string; message: string } };
}

/** Starts sending `file` (promising all of it) and leaves the request open; returns it to destroy. */
function slowUpload(s: Session, bodyId: number, first: Buffer, total: number, type = XLSX) {
  const url = new URL(child!.baseUrl);
  const req = request({
    host: url.hostname,
    port: url.port,
    method: 'POST',
    path: `/api/bodies/${bodyId}/imports`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': type, 'content-length': String(total) },
  });
  req.on('error', () => undefined);
  req.write(first);
  return req;
}

const header = rowXml(1, MILESTONE_HEADER);

describe('hostile uploads against the real server process', () => {
  it('bombs, huge cells and a million rows: refused, health answers, peak RSS under 400 MB', { timeout: 600_000 }, async () => {
    child = await startChild(databasePath, ENV());
    const hq = await loginAs(child.baseUrl, 'demo-hq');
    const bodyId = ((await (await fetch(`${child.baseUrl}/api/auth/me`, { headers: { cookie: hq.cookie } })).json()) as { body: { id: number } }).body.id;
    const pid = child.proc.pid!;
    const idle = status(pid, 'VmRSS');

    const strings = await deflatedRepeat('xl/sharedStrings.xml', `<sst xmlns="${MAIN_NS}">`, `<si><t>${'A'.repeat(1000)}</t></si>`, 450_000, '</sst>');
    const sheet = deflated('xl/worksheets/sheet1.xml', sheetXml(header));
    const bomb = (declaredSize?: number) => xlsxOf([{ name: 'マイルストーン', entry: sheet }], { sharedStrings: { ...strings, declaredSize } });
    const cell = async (mb: number) =>
      xlsxOf([
        {
          name: 'マイルストーン',
          entry: await deflatedRepeat('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN_NS}"><sheetData>${header}<row r="2"><c r="I2" t="inlineStr"><is><t>`, 'A', mb * 1_000_000, '</t></is></c></row></sheetData></worksheet>'),
        },
      ]);
    const millionRows = xlsxOf([
      {
        name: 'マイルストーン',
        entry: await deflatedStream(
          'xl/worksheets/sheet1.xml',
          (function* () {
            yield `<worksheet xmlns="${MAIN_NS}"><sheetData>${header}`;
            for (let i = 2; i <= 1_100_001; i++) yield `<row r="${i}"><c><v>${i}</v></c><c><v>1</v></c><c/><c/><c t="inlineStr"><is><t>x</t></is></c></row>`;
            yield '</sheetData></worksheet>';
          })(),
        ),
      },
    ]);
    const csvLines = [MILESTONE_HEADER.join(',')];
    for (let i = 1; i <= 1_100_000; i++) csvLines.push(`${i % 1000},1,,,xy`);
    const attacks: [string, Buffer, string, number][] = [
      ['broken XML', xlsxOf([{ name: 'マイルストーン', entry: deflated('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN_NS}"><sheetData>${header}<row><c><v>1</c>`) }]), XLSX, 400],
      ['zip bomb, 450 MB of shared strings, honest sizes', bomb(), XLSX, 413],
      ['zip bomb declaring 1 KB', bomb(1024), XLSX, 400],
      ['zip bomb declaring 30 MB', bomb(30 * MiB), XLSX, 400],
      ['one 200 MB cell', await cell(200), XLSX, 413],
      ['one 100 MB cell', await cell(100), XLSX, 413],
      ['1.1 M rows (xlsx)', millionRows, XLSX, 413],
      ['1.1 M rows (12 MB CSV)', Buffer.from(csvLines.join('\n')), 'text/csv', 413],
    ];
    const report: string[] = [];
    for (const [name, file, type, expected] of attacks) {
      const t0 = Date.now();
      const res = await post(hq, bodyId, file, type);
      expect(res.status, `${name}: ${JSON.stringify(res.json)}`).toBe(expected);
      expect(res.json.message).toMatch(/[ぁ-ん]/);
      const health = await fetch(`${child.baseUrl}/api/health`);
      expect(health.ok).toBe(true);
      expect(workEntries(), name).toEqual([]);
      // (tsx keeps its compile cache there: tsx-<uid>.)
      expect(readdirSync(serverTmp).filter((f) => !f.startsWith('tsx-')), `${name}: files left in the server's TMPDIR`).toEqual([]);
      report.push(`${name}: ${(file.length / MiB).toFixed(2)} MiB → ${res.status} in ${Date.now() - t0} ms, VmHWM ${Math.round(status(pid, 'VmHWM') / MiB)} MiB`);
    }
    const peak = status(pid, 'VmHWM');
    console.log(`server RSS idle ${Math.round(idle / MiB)} MiB; peak (VmHWM) ${Math.round(peak / MiB)} MiB\n  ${report.join('\n  ')}`);
    expect(peak).toBeLessThan(400 * MiB);
    expect(tableCounts()).toEqual({ imports: 0, import_rows: 0, import_previews: 0 });
  });

  it('SIGKILL mid-upload and mid-read: after a restart no work directory, import or row is left', { timeout: 300_000 }, async () => {
    child ??= await startChild(databasePath, ENV());
    let hq = await loginAs(child.baseUrl, 'demo-hq');
    const bodyId = ((await (await fetch(`${child.baseUrl}/api/auth/me`, { headers: { cookie: hq.cookie } })).json()) as { body: { id: number } }).body.id;

    // 1. Killed while the file is being received.
    slowUpload(hq, bodyId, Buffer.alloc(256 * 1024, 0x41), 20 * MiB, 'text/csv');
    const uploadFiles = () => workEntries().filter((d) => existsSync(join(workDir(), d, 'upload')) && statSync(join(workDir(), d, 'upload')).size > 0);
    await until('the upload is being written', () => uploadFiles().length > 0);
    await child.kill();
    expect(workEntries().length).toBe(1);
    child = await startChild(databasePath, ENV());
    expect(workEntries()).toEqual([]);

    // 2. Killed while the file is being read (rows spooled, not yet stored).
    hq = await loginAs(child.baseUrl, 'demo-hq');
    const lines = [MILESTONE_HEADER.join(',')];
    for (let i = 1; i <= 99_000; i++) lines.push(`,,,存在しない取組${i},工程${i},2027/03/31,,未着手,${'備考'.repeat(20)}`);
    const csv = Buffer.from(lines.join('\r\n'));
    const req = slowUpload(hq, bodyId, csv, csv.length, 'text/csv');
    req.end();
    const spool = () => workEntries().some((d) => existsSync(join(workDir(), d, 'rows.tsv')) && statSync(join(workDir(), d, 'rows.tsv')).size > 0);
    await until('the rows are being read', spool);
    await child.kill();
    expect(workEntries().length).toBe(1);
    child = await startChild(databasePath, ENV());
    expect(workEntries()).toEqual([]);
    expect(tableCounts()).toEqual({ imports: 0, import_rows: 0, import_previews: 0 });
    await child.stop();
    child = null;
  });
});
