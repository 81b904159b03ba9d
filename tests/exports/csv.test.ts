/**
 * services/csv.ts writes what csv-stringify writes with `bom`, `record_delimiter: 'windows'` and
 * `escape_formulas` (the library every earlier export used): checked on random strings and numbers,
 * including quotes, commas, formula starts and their full-width forms — except line breaks, which
 * csv-stringify leaves unquoted with CRLF records when they are a lone CR or LF, and we always quote.
 */
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvDocument, csvLine } from '../../server/services/csv.ts';

const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', 'ａ', '＝', '＋', '－', '＠', '𠮷', ' ', 'x') }),
  fc.integer().map(String),
);
const cell = fc.oneof(tricky, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));

describe('csvLine', () => {
  it('equals csv-stringify with escape_formulas and CRLF, for any cells', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => {
        // With CRLF records csv-stringify leaves a lone CR or LF unquoted (a broken record); we quote every
        // line break (RFC 4180; Excel reads it as a line break in the cell): checked separately below.
        fc.pre(cells.every((c) => typeof c !== 'string' || !/[\r\n]/.test(c)));
        expect(csvLine(cells)).toBe(stringify([cells], { record_delimiter: 'windows', escape_formulas: true }));
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes any line break, lone CR or LF included (csv-stringify does not)', () => {
    expect(csvLine(['a\rb', '\r', 'x\ny', '\n'])).toBe('"a\rb","\'\r","x\ny","\n"\r\n');
  });

  it('defuses formulas and quotes what needs quoting', () => {
    expect(csvLine(['=1+1', '-2', -2, '＠SUM(A1)', 'a,b', 'say "hi"', '改行\r\nあり', null, ''])).toBe(
      `'=1+1,'-2,-2,'＠SUM(A1),"a,b","say ""hi""","改行\r\nあり",,\r\n`,
    );
  });
});

describe('csvDocument', () => {
  it('starts with the BOM, then the header and the rows', async () => {
    const chunks: Buffer[] = [];
    for await (const c of csvDocument(['団体', '値'], [['上天草市', 1], ['=x', null]])) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.slice(1)).toBe(`団体,値\r\n上天草市,1\r\n'=x,\r\n`);
  });
});
