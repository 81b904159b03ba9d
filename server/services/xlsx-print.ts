/**
 * How the workbooks we write print (issue 15): A4 landscape, fit to one page wide (as many pages down
 * as the rows need), the header row repeated on every page, the print area set, a header with the
 * body's name, the document and the sheet, a footer with the page number — and autofilters that
 * LibreOffice keeps as well as Excel. Used by the council workbook (quarter-exports.ts) and the
 * editing workbook (workbook-export.ts), both written with exceljs' streaming WorkbookWriter.
 */
import type ExcelJS from 'exceljs';
import { columnLetter } from '../domain/sheet-cells.ts';

/** Paper size 9 = A4 in SpreadsheetML. */
const A4 = 9;

/** Text for a header/footer section: `&` starts a code there, so a literal one is doubled. */
const literal = (s: string) => s.replace(/&/g, '&&');

export interface PrintHeader {
  /** Left of the header: the body's name. */
  left: string;
  /** Centre: the document (and its quarter or date). */
  center: string;
  /** Left of the footer (e.g. when it was written). */
  footerLeft?: string;
}

/**
 * Options for `addWorksheet` (the streaming writer reads them when the sheet opens): page setup,
 * print area and titles, header and footer. `columns` and `rows` include the header row.
 */
export function printOptions(columns: number, rows: number, header: PrintHeader): Pick<Partial<ExcelJS.AddWorksheetOptions>, 'pageSetup' | 'headerFooter'> {
  return {
    pageSetup: {
      paperSize: A4 as ExcelJS.PaperSize,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      // 0: as many pages down as needed.
      fitToHeight: 0,
      printTitlesRow: '1:1',
      // exceljs writes `$` before the given text: `A$1` becomes the absolute `$A$1`.
      printArea: `A$1:${columnLetter(columns)}$${Math.max(1, rows)}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    },
    headerFooter: {
      oddHeader: `&L${literal(header.left)}&C${literal(header.center)}&R&A`,
      oddFooter: `${header.footerLeft ? `&L${literal(header.footerLeft)}` : ''}&C&P / &N`,
    },
  };
}

export interface SheetFilter {
  /** Position of the sheet in the workbook (0-based), as `localSheetId`. */
  index: number;
  name: string;
  /** `A1:L40`: the header row and the data. */
  range: string;
}

/**
 * Adds `_xlnm._FilterDatabase` for each filtered sheet: Excel writes this defined name with every
 * autofilter, and LibreOffice drops an autofilter without it. exceljs' streaming writer has no API for
 * sheet-local names, so its defined-name model is extended (it writes name, localSheetId and ranges).
 * Call before `wb.commit()`.
 */
export function addFilterDatabaseNames(wb: ExcelJS.stream.xlsx.WorkbookWriter, filters: SheetFilter[]) {
  const names = (wb as unknown as { _definedNames: { model: unknown[] } })._definedNames;
  const own = names.model;
  const extra = filters.map((f) => {
    const [from, to] = f.range.split(':') as [string, string];
    const abs = (ref: string) => ref.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
    return { name: '_xlnm._FilterDatabase', localSheetId: f.index, ranges: [`'${f.name.replace(/'/g, "''")}'!${abs(from)}:${abs(to)}`] };
  });
  Object.defineProperty(wb, '_definedNames', { value: { model: [...own, ...extra] }, configurable: true });
}
