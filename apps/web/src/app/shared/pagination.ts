/** Articles per page of every list, as in the RealWorld reference front ends. */
export const ARTICLES_PER_PAGE = 10;

/** The page number of a `?page=` query parameter: 1 for anything that is not a positive integer. */
export function pageFromParam(value: string | null | undefined): number {
  if (!value || !/^[1-9][0-9]{0,5}$/.test(value)) return 1;
  return Number(value);
}

export function pageCount(total: number, perPage = ARTICLES_PER_PAGE): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Page numbers to show: all of them when few, else the first, the last and a window around `current`. */
export function visiblePages(current: number, count: number, around = 2): Array<number | null> {
  if (count <= 2 * around + 5) return Array.from({ length: count }, (_, i) => i + 1);
  const pages: Array<number | null> = [1];
  const from = Math.max(2, current - around);
  const to = Math.min(count - 1, current + around);
  if (from > 2) pages.push(null);
  for (let page = from; page <= to; page++) pages.push(page);
  if (to < count - 1) pages.push(null);
  pages.push(count);
  return pages;
}
