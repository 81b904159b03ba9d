/** Page arithmetic shared by every list endpoint. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

export const offsetOf = ({ page, pageSize }: PageRequest) => (page - 1) * pageSize;

export function pageOf<T>(items: T[], total: number, req: PageRequest) {
  return { items, total, page: req.page, pageSize: req.pageSize };
}

/** Pages an array already filtered in memory (lists whose filter is a computed status). */
export function pageArray<T>(all: T[], req: PageRequest) {
  const start = offsetOf(req);
  return pageOf(all.slice(start, start + req.pageSize), all.length, req);
}
