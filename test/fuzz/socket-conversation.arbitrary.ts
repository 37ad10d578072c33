import fc from 'fast-check';
import type { Fixtures } from './http-request.arbitrary';

/** PROTOCOL.md's per-socket subscription cap. */
const MAX_SUBSCRIPTIONS = 64;

export type ClientFrame = { event: 'auth'; data: { token: string } } | { event: 'subscribe' | 'unsubscribe'; data: { topic: string } };

/** A sequence of valid frames for one socket, and the answers PROTOCOL.md prescribes for them, in the order sent. */
export interface Conversation {
  frames: ClientFrame[];
  /** `authenticated`, `subscribed`, `unsubscribed` or `error:<code>`, one per frame. */
  answers: string[];
}

/**
 * The protocol as a model: what the server must answer to each frame, given what the socket did
 * before. A server that handles a socket's frames out of order, or checks its cap before an await,
 * answers differently from it.
 */
function expectedAnswers(frames: ClientFrame[], validTokens: Set<string>): string[] {
  let authenticated = false;
  const subscriptions = new Set<string>();
  return frames.map((frame) => {
    if (frame.event === 'auth') {
      if (!validTokens.has(frame.data.token)) return 'error:UNAUTHORIZED';
      authenticated = true;
      return 'authenticated';
    }
    const { topic } = frame.data;
    if (frame.event === 'unsubscribe') {
      subscriptions.delete(topic);
      return 'unsubscribed';
    }
    if (topic === 'feed' && !authenticated) return 'error:UNAUTHORIZED';
    if (!subscriptions.has(topic) && subscriptions.size >= MAX_SUBSCRIPTIONS) return 'error:TOO_MANY_SUBSCRIPTIONS';
    subscriptions.add(topic);
    return 'subscribed';
  });
}

export function conversation(fixtures: Fixtures): fc.Arbitrary<Conversation> {
  const topic = fc.oneof(
    fc.constantFrom('articles', 'feed', ...fixtures.slugs.map((slug) => `articles/${slug}/comments`)),
    fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((slug) => `articles/${slug}/comments`),
  );
  const frame: fc.Arbitrary<ClientFrame> = fc.oneof(
    fc.constantFrom(...fixtures.tokens, 'not-a-token').map((token): ClientFrame => ({ event: 'auth', data: { token } })),
    topic.map((name): ClientFrame => ({ event: 'subscribe', data: { topic: name } })),
    topic.map((name): ClientFrame => ({ event: 'unsubscribe', data: { topic: name } })),
  );
  // A burst of distinct topics sent at once, past the cap, as a client that opens every article would.
  const burst = fc.integer({ min: 1, max: MAX_SUBSCRIPTIONS + 16 }).map((size) =>
    Array.from({ length: size }, (_, index): ClientFrame => ({ event: 'subscribe', data: { topic: `articles/burst-${index}/comments` } })),
  );
  const step = fc.oneof({ arbitrary: frame.map((one) => [one]), weight: 12 }, { arbitrary: burst, weight: 1 });
  const validTokens = new Set(fixtures.tokens);
  return fc.array(step, { minLength: 1, maxLength: 12 }).map((steps) => {
    const frames = steps.flat();
    return { frames, answers: expectedAnswers(frames, validTokens) };
  });
}
