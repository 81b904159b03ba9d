/**
 * Reading a CSV file record by record (csv-parse, streamed). Encoding: a UTF-8 BOM, else valid UTF-8,
 * else Shift_JIS (CP932, as Excel saves 「CSV（コンマ区切り）」). A record longer than
 * `maxRecordChars`, more than `maxColumns` cells with values or a cell over `maxCellChars` is refused
 * while reading: csv-parse holds one record at a time, never more.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { columnLetter } from '../../domain/sheet-cells.ts';
import { unreadable } from './errors.ts';
import { limitMessages, overLimit, type ReadLimits } from './limits.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'shift_jis';

/** UTF-8 with BOM, valid UTF-8, or else Shift_JIS (CP932): read through the file once. */
export async function detectEncoding(path: string): Promise<Encoding> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await fh.read(head, 0, 3, 0);
    if (bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  } finally {
    await fh.close();
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'shift_jis';
  }
}

export interface CsvRecord {
  /** 1-based line of the record in the file (records with quoted line breaks count as one). */
  number: number;
  cells: string[];
}

/** The file's records, one at a time. */
export async function* readCsvRecords(path: string, encoding: Encoding, limits: ReadLimits): AsyncGenerator<CsvRecord> {
  const source = createReadStream(path);
  const text = encoding === 'shift_jis' ? source.pipe(iconv.decodeStream('cp932')) : source.pipe(iconv.decodeStream('utf-8', { stripBOM: true }));
  const parser = text.pipe(parse({ relax_column_count: true, relax_quotes: true, bom: true, max_record_size: limits.maxRecordChars }));
  let n = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      n++;
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i]!;
        if (c.length > limits.maxCellChars) throw overLimit('maxCellChars', limitMessages.cell(limits, `${n}行目 ${columnLetter(i + 1)}列`));
        if (i >= limits.maxColumns && c.trim() !== '') throw overLimit('maxColumns', limitMessages.columns(limits, `${n}行目`));
      }
      yield { number: n, cells };
    }
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode) throw e;
    if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw overLimit('maxRecordChars', limitMessages.record(limits, n + 1));
    throw unreadable('CSVファイルとして読み取れません（引用符の対応などを確認してください）。');
  } finally {
    source.destroy();
    parser.destroy();
  }
}
