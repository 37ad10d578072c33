/**
 * The query parameters a page reads (route inputs bound by withComponentInputBinding: the home
 * page's `?feed=`, `?page=` and `?tag=`, the profile's `?page=`). Every other parameter is dropped
 * before rendering, so junk such as `?utm=…` or `?x=<random>` can neither change a page nor split
 * the page cache. A page that reads a new parameter must add it here.
 */
export const PAGE_QUERY_PARAMS = ['feed', 'page', 'tag'] as const;

/**
 * The one spelling of a page's URL that is rendered and is the page cache's key: each path segment
 * decoded and encoded again (so `/article/%61b` and `/article/ab` are one page), and only the
 * parameters pages read, in a fixed order. `url` is an origin-form target the API server has
 * already checked to decode (edge/edge-guard.ts).
 */
export function canonicalPageUrl(url: string): string {
  const parsed = new URL(`http://page${url}`);
  const path = parsed.pathname
    .split('/')
    .map((segment) => encodeURIComponent(decodeURIComponent(segment)))
    .join('/');
  const query = new URLSearchParams();
  for (const name of PAGE_QUERY_PARAMS) {
    const value = parsed.searchParams.get(name);
    if (value !== null) query.set(name, value);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
