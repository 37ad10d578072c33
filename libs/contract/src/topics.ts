/** Topic names of PROTOCOL.md. */
export const ARTICLES_TOPIC = 'articles';
export const FEED_TOPIC = 'feed';

export function commentsTopic(slug: string): string {
  return `articles/${slug}/comments`;
}
