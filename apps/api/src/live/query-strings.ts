/**
 * A query parameter that may be repeated (`?topic=a&topic=b`) as a list of strings; null when the
 * parser made something else of it (`topic[x]=1` becomes an object).
 */
export function queryStrings(value: unknown): string[] | null {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  return null;
}
