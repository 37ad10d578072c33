/**
 * The popular tags after an article with `tagList` was written: its tags not yet listed go last, since a
 * new tag is used once and the list is the most used first. The same array when nothing is new.
 */
export function withNewTags(tags: readonly string[], tagList: readonly string[]): string[] {
  const fresh = [...new Set(tagList)].filter((tag) => !tags.includes(tag));
  return fresh.length === 0 ? (tags as string[]) : [...tags, ...fresh];
}
