// 四半期レビュー helpers (no UI, no API): the `?quarter=2026-2` URL value, the quarters a page offers,
// Content-Disposition file names and download progress text. The quarter rules themselves (Q1 Apr–Jun …
// Q4 Jan–Mar, which quarters have ended, labels) are server/domain/fiscal.ts, imported through `$domain`.
import { isValidIsoDate } from '$domain/dates.ts';
import { endedQuarters as domainEndedQuarters, type FiscalQuarter, type Quarter } from '$domain/fiscal.ts';
import { formatInteger } from './format.ts';

/** '2026-2' → { fiscalYear: 2026, quarter: 2 }; anything else (or null) → null. */
export function parseQuarterParam(value: string | null | undefined): FiscalQuarter | null {
  if (!value) return null;
  const m = /^(\d{4})-([1-4])$/.exec(value);
  if (!m) return null;
  const fiscalYear = Number(m[1]);
  if (fiscalYear < 2000 || fiscalYear > 2100) return null;
  return { fiscalYear, quarter: Number(m[2]) as Quarter };
}

/** The `quarter` query value read from the URL, or null when absent or invalid. */
export function readQuarter(query: URLSearchParams): FiscalQuarter | null {
  return parseQuarterParam(query.get('quarter'));
}

/** { 2026, 2 } → '2026-2' (the URL value). */
export function quarterParam(fq: FiscalQuarter): string {
  return `${fq.fiscalYear}-${fq.quarter}`;
}

export function sameQuarter(a: FiscalQuarter | null | undefined, b: FiscalQuarter | null | undefined): boolean {
  return !!a && !!b && a.fiscalYear === b.fiscalYear && a.quarter === b.quarter;
}

/** Quarters that have ended by `today` (the server's date), newest first; none when `today` is not a date. */
export function endedQuarters(today: string, count = 8): FiscalQuarter[] {
  return isValidIsoDate(today) ? domainEndedQuarters(today, count) : [];
}

/**
 * The file name from a Content-Disposition header: `filename*=UTF-8''…` (RFC 5987, percent-encoded
 * UTF-8) wins over the plain `filename="…"` fallback; null when there is none.
 */
export function contentDispositionFileName(header: string | null | undefined): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    const charset = (star[1] ?? '').trim().toLowerCase();
    const encoded = (star[2] ?? '').trim().replace(/^"(.*)"$/, '$1');
    try {
      if (charset === 'utf-8' || charset === '') return decodeURIComponent(encoded);
    } catch {
      // malformed %-escape: fall back to filename=
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(header);
  if (plain) {
    const value = plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : (plain[2] ?? '').trim();
    return value === '' ? null : value;
  }
  return null;
}

/** 532 → '532 B', 15_360 → '15.0 KB', 3_250_000 → '3.1 MB' (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${formatInteger(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Progress of a download for people: with a known size '1.5 MB / 3.0 MB（50%）', without it
 * '1.5 MB 受信'. `percent` is null when the size is unknown (the <progress> is then indeterminate).
 */
export function downloadProgress(received: number, total: number | null): { text: string; percent: number | null } {
  if (total === null || !(total > 0)) return { text: `${formatBytes(received)} 受信`, percent: null };
  const percent = Math.min(100, Math.floor((received / total) * 100));
  return { text: `${formatBytes(received)} / ${formatBytes(total)}（${percent}%）`, percent };
}

/** Content-Length as a number, or null when absent or not a non-negative integer. */
export function contentLength(header: string | null | undefined): number | null {
  if (!header || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

/** ±0.4 → '+0.4' / '−0.4' (U+2212) with at most one decimal; units appended when given. */
export function formatDelta(delta: number, unit = ''): string {
  const rounded = Math.round(delta * 10) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  const abs = Math.abs(rounded);
  const text = Number.isInteger(abs) ? formatInteger(abs) : abs.toFixed(1);
  return `${sign}${text}${unit}`;
}
