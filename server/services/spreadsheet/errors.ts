/**
 * 400 IMPORT_UNREADABLE: a file the import cannot read, with a Japanese message saying what the file
 * is and what to do. `fileType` (details) names what the bytes showed (xls, ods, png…), for clients.
 */
import { AppError } from '../../errors.ts';

export const unreadable = (message: string, fileType?: string) =>
  new AppError(400, 'IMPORT_UNREADABLE', message, undefined, fileType ? { fileType } : undefined);
