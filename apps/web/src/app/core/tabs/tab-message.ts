/**
 * What one tab of the app tells the others of the same origin (BroadcastChannel):
 * - `session`: this tab signed in, signed out, or changed the account; the others ask `/api/user`, since
 *   the session cookie they share has changed under them;
 * - `following`: this tab followed or unfollowed `username`, which changes the reader's feed and every Follow
 *   button of that author;
 * - `favorite`: this tab favorited or unfavorited the article `slug`, whose ♥ the other tabs' pages show. The
 *   count travels on the stream, which says how many favorited an article, not who.
 */
export type TabMessage =
  | { kind: 'session'; signedIn: boolean }
  | { kind: 'following'; username: string; following: boolean }
  | { kind: 'favorite'; slug: string; favorited: boolean };

/** A message from another tab, or null for anything else: any script of the origin may post on the channel. */
export function parseTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  if (message['kind'] === 'session' && typeof message['signedIn'] === 'boolean') return { kind: 'session', signedIn: message['signedIn'] };
  if (message['kind'] === 'following' && typeof message['username'] === 'string' && typeof message['following'] === 'boolean') {
    return { kind: 'following', username: message['username'], following: message['following'] };
  }
  if (message['kind'] === 'favorite' && typeof message['slug'] === 'string' && typeof message['favorited'] === 'boolean') {
    return { kind: 'favorite', slug: message['slug'], favorited: message['favorited'] };
  }
  return null;
}
