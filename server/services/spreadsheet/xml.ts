/**
 * Streaming XML for office parts: saxes (a conformant SAX parser) fed chunk by chunk, with a guard
 * that bounds what the parser must hold at once. saxes keeps a text node, a tag with its attributes,
 * a comment or a CDATA section whole until it ends, so:
 * - at most `maxXmlRunBytes` characters may come between two `<` (bounds text nodes and tags: XML
 *   allows `<` in neither);
 * - `<!` (DOCTYPE, comments, CDATA — which may contain `<`) and `<?` after the XML declaration are
 *   refused: no spreadsheet application writes them into these parts, and OOXML forbids a DTD.
 * No entity is ever expanded beyond the five predefined ones and character references.
 */
import { SaxesParser, type SaxesOptions } from 'saxes';
import { limitMessages, overLimit, type ReadLimits } from './limits.ts';
import { unreadable } from './errors.ts';

/** `x:c` → `c`: element names compared without their prefix (some writers prefix the main namespace). */
export const localName = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

export const brokenXml = (part: string) =>
  unreadable(`Excelファイル（.xlsx）として読み取れません（${part} の XML が壊れています）。表計算ソフトで開いて保存し直してください。`);

type Setup<T, O extends SaxesOptions> = (parser: SaxesParser<O>, emit: (item: T) => void) => void;

/**
 * Parses `source` (the part's bytes) and yields what the handlers set up by `setup` emit, chunk by
 * chunk: a worksheet of any size is read with the memory of one chunk and one row.
 */
export async function* xmlItems<T, O extends SaxesOptions = { xmlns: false }>(
  source: AsyncIterable<Buffer>,
  part: string,
  limits: ReadLimits,
  setup: Setup<T, O>,
  options?: O,
): AsyncGenerator<T> {
  const parser = new SaxesParser<O>((options ?? { xmlns: false }) as O);
  let failure: unknown = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  const out: T[] = [];
  setup(parser, (item) => out.push(item));
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let run = 0;
  let first = true;
  let pendingLt = false;
  const tooLong = () => overLimit('maxXmlRunBytes', limitMessages.xmlRun(limits, part));
  const guard = (s: string) => {
    let from = 0;
    if (pendingLt && s.length) {
      if (s[0] === '!' || (s[0] === '?' && !first)) throw brokenXml(part);
      pendingLt = false;
    }
    for (;;) {
      const lt = s.indexOf('<', from);
      if (lt < 0) break;
      if (run + (lt - from) > limits.maxXmlRunBytes) throw tooLong();
      run = 0;
      const next = s[lt + 1];
      if (next === undefined) pendingLt = true;
      else if (next === '!' || (next === '?' && !(first && lt === 0))) throw brokenXml(part);
      first = false;
      from = lt + 1;
    }
    run += s.length - from;
    if (run > limits.maxXmlRunBytes) throw tooLong();
  };
  const feed = (s: string) => {
    if (first) s = s.replace(/^\uFEFF/, '');
    if (!s) return;
    guard(s);
    parser.write(s);
    if (failure) throw brokenXml(part);
  };
  {
    for await (const chunk of source) {
      if (!decoder) {
        // UTF-8 (every spreadsheet application) or UTF-16 with its byte order mark (allowed by OPC).
        const utf16 = chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff));
        decoder = new TextDecoder(utf16 ? (chunk[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'utf-8');
      }
      feed(decoder.decode(chunk, { stream: true }));
      if (out.length) yield* out.splice(0);
    }
    if (decoder) feed(decoder.decode());
    parser.close();
    if (failure) throw brokenXml(part);
  }
  if (out.length) yield* out.splice(0);
}

/** Runs a small part through `setup` to the end (its handlers fill in the caller's model). */
export async function parseXml<O extends SaxesOptions = { xmlns: false }>(
  source: AsyncIterable<Buffer>,
  part: string,
  limits: ReadLimits,
  setup: (parser: SaxesParser<O>) => void,
  options?: O,
): Promise<void> {
  for await (const _ of xmlItems<never, O>(source, part, limits, (p) => setup(p), options)) void _;
}
