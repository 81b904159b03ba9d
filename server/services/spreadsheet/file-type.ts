/**
 * What an uploaded file is, told by its bytes (never by its name or Content-Type: town halls rename
 * files, and browsers guess types from names). A zip goes on to the workbook reader (which tells
 * .ods, .docx, .xlsb and other zips apart); text goes on to the CSV reader; everything else is
 * refused here with what it is and what to do, in Japanese.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { unreadable } from './errors.ts';

export type Container = 'zip' | 'text';

const SAVE_AS_XLSX = 'Excel で開き、「名前を付けて保存」で「Excel ブック（.xlsx）」を選んで保存し直してください（CSV なら「CSV UTF-8（コンマ区切り）」）。';
const NOT_A_SHEET = '取り込めるのは「進捗管理表」の Excel ブック（.xlsx）と CSV です。ダウンロードして編集したファイルを選んでください。';

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** An OLE2 compound file (Office 97-2003, or an encrypted Office 2007+ file): which one, by its stream names. */
async function compoundFileKind(path: string): Promise<'encrypted' | 'xls' | 'doc' | 'ppt' | 'other'> {
  // Directory entries hold UTF-16LE names; scanning the file for them avoids following the FAT chains.
  const names: [string, 'encrypted' | 'xls' | 'doc' | 'ppt'][] = [
    ['EncryptedPackage', 'encrypted'],
    ['Workbook', 'xls'],
    ['Book', 'xls'],
    ['WordDocument', 'doc'],
    ['PowerPoint Document', 'ppt'],
  ];
  const needles = names.map(([n, kind]) => [Buffer.from(n, 'utf16le'), kind] as const);
  const found = new Set<string>();
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const buf = Buffer.concat([carry, chunk as Buffer]);
    for (const [needle, kind] of needles) if (buf.includes(needle)) found.add(kind);
    carry = buf.subarray(Math.max(0, buf.length - 64));
  }
  for (const [, kind] of names) if (found.has(kind)) return kind;
  return 'other';
}

/** Zip or text, else throws 400 IMPORT_UNREADABLE saying what the file is. */
export async function detectContainer(path: string): Promise<Container> {
  const fh = await open(path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (head.length === 0) throw unreadable('ファイルが空です。', 'empty');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const kind = await compoundFileKind(path);
    if (kind === 'encrypted') {
      throw unreadable('パスワードで保護（暗号化）された Excel ファイルです。Excel でパスワードを解除してから保存し直してください。', 'encrypted');
    }
    if (kind === 'xls') throw unreadable(`Excel 97-2003 形式（.xls）です。${SAVE_AS_XLSX}`, 'xls');
    if (kind === 'doc') throw unreadable(`Word 97-2003 形式の文書（.doc）です。${NOT_A_SHEET}`, 'doc');
    if (kind === 'ppt') throw unreadable(`PowerPoint 97-2003 形式（.ppt）です。${NOT_A_SHEET}`, 'ppt');
    throw unreadable(`Office 97-2003 形式のファイルです。${SAVE_AS_XLSX}`, 'ole2');
  }
  // BIFF without the compound file wrapper (Excel 2.x–4.x worksheets).
  if (head.length >= 4 && [0x0009, 0x0209, 0x0409, 0x0809].includes(head.readUInt16LE(0)) && head[2]! < 0x20 && head[3] === 0x00) {
    throw unreadable(`古い Excel 形式（.xls）です。${SAVE_AS_XLSX}`, 'xls');
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) throw unreadable(`PDF ファイルです。${NOT_A_SHEET}`, 'pdf');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) throw unreadable(`画像（PNG）のファイルです。${NOT_A_SHEET}`, 'png');
  if (startsWith(head, [0xff, 0xd8, 0xff])) throw unreadable(`画像（JPEG）のファイルです。${NOT_A_SHEET}`, 'jpeg');
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) throw unreadable(`画像（GIF）のファイルです。${NOT_A_SHEET}`, 'gif');
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21])) throw unreadable('RAR 形式の圧縮ファイルです。展開して、中の .xlsx か CSV を選んでください。', 'rar');
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf])) throw unreadable('7z 形式の圧縮ファイルです。展開して、中の .xlsx か CSV を選んでください。', '7z');
  if (startsWith(head, [0x1f, 0x8b])) throw unreadable('gzip 形式の圧縮ファイルです。展開して、中の .xlsx か CSV を選んでください。', 'gzip');
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw unreadable('Unicode テキスト（UTF-16）形式です。Excel で「CSV UTF-8（コンマ区切り）」を選んで保存し直してください。', 'utf-16');
  }
  const text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().slice(0, 2048).toLowerCase();
  if (text.startsWith('<')) {
    if (text.includes('urn:schemas-microsoft-com:office:spreadsheet')) throw unreadable(`Excel 2003 XML スプレッドシート形式です。${SAVE_AS_XLSX}`, 'xml-spreadsheet');
    if (/<(html|table|!doctype html)/.test(text)) throw unreadable(`Web ページ（HTML）形式です（拡張子が .xls でも中身は HTML です）。${SAVE_AS_XLSX}`, 'html');
    throw unreadable(`XML ファイルです。${NOT_A_SHEET}`, 'xml');
  }
  // Text has no NUL bytes (UTF-8 and Shift_JIS never contain one).
  if (head.includes(0)) throw unreadable(`Excel ブック（.xlsx）でも CSV でもないファイルです（種類を判別できません）。${NOT_A_SHEET}`, 'binary');
  return 'text';
}
