/**
 * A bounded zip reader for uploaded office files: the central directory (whose size and entry count
 * are checked before it is read), then one entry at a time, inflated as a stream. Nothing is trusted:
 * an entry is refused when its declared size is over the limits, and reading stops as soon as more
 * bytes come out than it declared (a zip bomb that lies about its sizes) or than the limits allow;
 * the CRC is checked at the end. Encrypted entries and methods other than stored/deflate are refused.
 *
 * Plain functions over a file path (no framework objects), so the reader can run in a worker thread.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { limitMessages, overLimit, type ReadLimits } from './limits.ts';
import { unreadable } from './errors.ts';

export interface ZipEntry {
  /** The name as stored (OPC part names are matched case-insensitively: see `entry`). */
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The largest central directory read: 1,000 entries of long names fit in well under 1 MiB. */
const MAX_CENTRAL_BYTES = 1024 * 1024;

const corrupt = () => unreadable('Excelファイル（.xlsx）として読み取れません（ファイルが壊れているか、途中までしかありません）。保存し直したファイルを選んでください。');

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Counts what every entry of one file inflates to, against the file-wide limit. */
export class ZipFile {
  private inflated = 0;
  private readonly byName: Map<string, ZipEntry>;

  private constructor(
    readonly path: string,
    readonly entries: readonly ZipEntry[],
    private readonly limits: ReadLimits,
  ) {
    this.byName = new Map();
    for (const e of entries) {
      const key = e.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  /** Reads the central directory. Throws 400 (not a zip we can read) or 413 (too many entries). */
  static async open(path: string, limits: ReadLimits): Promise<ZipFile> {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      if (size < 22) throw corrupt();
      const tailLength = Math.min(size, 22 + 0xffff);
      const tail = await readAt(fh, size - tailLength, tailLength);
      let at = -1;
      for (let i = tail.length - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD) {
          at = i;
          break;
        }
      }
      if (at < 0) throw corrupt();
      let count = tail.readUInt16LE(at + 10);
      let cdSize = tail.readUInt32LE(at + 12);
      let cdOffset = tail.readUInt32LE(at + 16);
      if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
        // Zip64: the real figures are in the zip64 end record, found through its locator.
        const locatorAt = size - tailLength + at - 20;
        if (locatorAt < 0) throw corrupt();
        const locator = await readAt(fh, locatorAt, 20);
        if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw corrupt();
        const recordAt = Number(locator.readBigUInt64LE(8));
        const record = await readAt(fh, recordAt, 56);
        if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw corrupt();
        count = Number(record.readBigUInt64LE(32));
        cdSize = Number(record.readBigUInt64LE(40));
        cdOffset = Number(record.readBigUInt64LE(48));
      }
      if (count > limits.maxZipEntries) throw overLimit('maxZipEntries', limitMessages.entries(limits));
      if (cdSize > MAX_CENTRAL_BYTES || cdOffset + cdSize > size) throw corrupt();
      const cd = await readAt(fh, cdOffset, cdSize);
      const entries: ZipEntry[] = [];
      let p = 0;
      for (let i = 0; i < count; i++) {
        if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw corrupt();
        const nameLength = cd.readUInt16LE(p + 28);
        const extraLength = cd.readUInt16LE(p + 30);
        const commentLength = cd.readUInt16LE(p + 32);
        if (p + 46 + nameLength + extraLength + commentLength > cd.length) throw corrupt();
        const entry: ZipEntry = {
          flags: cd.readUInt16LE(p + 8),
          method: cd.readUInt16LE(p + 10),
          crc: cd.readUInt32LE(p + 16),
          compressedSize: cd.readUInt32LE(p + 20),
          uncompressedSize: cd.readUInt32LE(p + 24),
          localHeaderOffset: cd.readUInt32LE(p + 42),
          // Part names are ASCII (percent-encoded otherwise); bit 11 says UTF-8, which covers them too.
          name: cd.toString('utf8', p + 46, p + 46 + nameLength),
        };
        readZip64Extra(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
        entries.push(entry);
        p += 46 + nameLength + extraLength + commentLength;
      }
      return new ZipFile(path, entries, limits);
    } finally {
      await fh.close();
    }
  }

  /** The entry of an OPC part name (`xl/workbook.xml`, no leading slash), matched case-insensitively. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\//, '').toLowerCase());
  }

  /**
   * The entry's bytes, inflated chunk by chunk. `maxBytes` (default: the part limit) bounds this
   * entry; every entry read also counts against the file's total.
   */
  async *read(entry: ZipEntry, maxBytes = this.limits.maxPartBytes, tooBig = () => overLimit('maxPartBytes', limitMessages.part(this.limits, entry.name))): AsyncGenerator<Buffer> {
    if (entry.flags & 1) {
      throw unreadable('パスワードで保護（暗号化）されたファイルは読み取れません。パスワードを解除して保存し直してください。');
    }
    if (entry.method !== 0 && entry.method !== 8) throw corrupt();
    if (entry.uncompressedSize > maxBytes) throw tooBig();
    if (this.inflated + entry.uncompressedSize > this.limits.maxTotalBytes) throw overLimit('maxTotalBytes', limitMessages.total(this.limits));
    const fh = await open(this.path, 'r');
    let dataStart: number;
    try {
      const local = await readAt(fh, entry.localHeaderOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw corrupt();
      dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    } finally {
      await fh.close();
    }
    if (entry.compressedSize === 0) {
      if (entry.uncompressedSize !== 0) throw corrupt();
      return;
    }
    const raw = createReadStream(this.path, { start: dataStart, end: dataStart + entry.compressedSize - 1 });
    const source = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    raw.on('error', (e) => source.destroy(e));
    let bytes = 0;
    let crc = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        this.inflated += chunk.length;
        // More than the entry declared: a bomb lying about its size, or a broken file. Stop here.
        if (bytes > entry.uncompressedSize) throw corrupt();
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('Z_')) throw corrupt();
      throw e;
    } finally {
      source.destroy();
      raw.destroy();
    }
    if (bytes !== entry.uncompressedSize || crc >>> 0 !== entry.crc >>> 0) throw corrupt();
  }

  /** A small entry read whole (relationships, content types, workbook.xml), bounded by `maxBytes`. */
  async text(entry: ZipEntry, maxBytes = 4 * 1024 * 1024): Promise<string> {
    const parts: Buffer[] = [];
    for await (const chunk of this.read(entry, maxBytes)) parts.push(chunk);
    return Buffer.concat(parts).toString('utf8');
  }
}

/** Sizes and offset above 4 GiB live in the zip64 extra field (id 1), in this order, when the 32-bit field is all ones. */
function readZip64Extra(extra: Buffer, e: ZipEntry) {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const next = () => {
        if (q + 8 > p + 4 + length) throw corrupt();
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (e.uncompressedSize === 0xffffffff) e.uncompressedSize = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localHeaderOffset === 0xffffffff) e.localHeaderOffset = next();
      return;
    }
    p += 4 + length;
  }
}
