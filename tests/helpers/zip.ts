/**
 * Zip files made byte by byte for the reader's tests: ordinary ones, and the hostile ones an attacker
 * sends (an entry that inflates to hundreds of MB from a few hundred KB, sizes that lie). Deflated as a
 * stream, so a 450 MB entry never exists in memory here either.
 */
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface DeflatedEntry {
  name: string;
  compressed: Buffer;
  crc: number;
  size: number;
  /** Written into the headers instead of `size` (a lying zip). */
  declaredSize?: number;
  /** 0 = stored, 8 = deflate (default). */
  method?: number;
}

export function deflated(name: string, data: Buffer | string): DeflatedEntry {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, compressed: deflateRawSync(buf), crc: crc32(buf), size: buf.length };
}

/** An entry from repeated content (prefix + chunk × times + suffix), deflated as a stream at level 9. */
export function deflatedRepeat(name: string, prefix: string, chunk: string, times: number, suffix: string): Promise<DeflatedEntry> {
  return deflatedStream(name, (function* () {
    yield prefix;
    // Blocks of ~1 MiB.
    const per = Math.max(1, Math.floor((1024 * 1024) / Math.max(1, Buffer.byteLength(chunk))));
    const block = chunk.repeat(per);
    let left = times;
    for (; left >= per; left -= per) yield block;
    if (left > 0) yield chunk.repeat(left);
    yield suffix;
  })());
}

/** An entry from pieces of text, deflated as a stream at level 9 (never held whole). */
export async function deflatedStream(name: string, pieces: Iterable<string>): Promise<DeflatedEntry> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  let pending: string[] = [];
  let pendingLength = 0;
  for (const piece of pieces) {
    pending.push(piece);
    pendingLength += piece.length;
    if (pendingLength >= 512 * 1024) {
      await write(Buffer.from(pending.join(''), 'utf8'));
      pending = [];
      pendingLength = 0;
    }
  }
  if (pending.length) await write(Buffer.from(pending.join(''), 'utf8'));
  deflate.end();
  await done;
  return { name, compressed: Buffer.concat(out), crc: crc >>> 0, size };
}

/** The zip file of these entries (local headers, data, central directory, end record). */
export function zipOf(entries: DeflatedEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const data = e.compressed;
    const size = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + data.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}
