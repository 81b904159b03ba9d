/** HTML text helpers of the public pages: every value is escaped where it is written. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string | number | null | undefined) => String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
