/**
 * exceljs and pdfkit take about 32 MiB once imported: they are loaded on the first export that
 * needs them, not at start-up, so a server that only serves dashboards never carries them.
 */
import type ExcelJSType from 'exceljs';
import type PDFDocumentType from 'pdfkit';

let excel: Promise<typeof ExcelJSType> | undefined;
let pdf: Promise<typeof PDFDocumentType> | undefined;

export const loadExcel = (): Promise<typeof ExcelJSType> => (excel ??= import('exceljs').then((m) => (m.default ?? m) as typeof ExcelJSType));
export const loadPdfKit = (): Promise<typeof PDFDocumentType> => (pdf ??= import('pdfkit').then((m) => (m.default ?? m) as typeof PDFDocumentType));
