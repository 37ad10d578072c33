import fc from 'fast-check';
import type { Fixtures } from './http-request.arbitrary';

/** PROTOCOL.md's per-socket subscription cap. */
const MAX_SUBSCRIPTIONS = 64;
/** The one topic that needs `auth`. */
const PRIVATE_TOPIC = 'feed';

export type ClientFrame = { event: 'auth'; data: { token: string } } | { event: 'subscribe' | 'unsubscribe'; data: { topic: string } };

/**
 * Rounds of valid frames for one socket, each sent at once and closed by an `unsubscribe` from a
 * topic of its own (the round's sentinel: its answer is the round's last), and the answers
 * PROTOCOL.md prescribes for every frame, in the order sent.
 */
export interface Conversation {
  rounds: ClientFrame[][];
  /** `authenticated`, `subscribed`, `unsubscribed` or `error:<code>`, in order: one per frame, and one per topic a new sign-in drops. */
  answers: string[];
}

/** Frames a socket may have waiting: a round stays under it, so that the flood rule never closes the socket. */
const MAX_ROUND = 60;

export const sentinelTopic = (round: number) => `articles/fuzz-sentinel-${round}/comments`;

/**
 * The protocol as a model: what the server must answer to each frame, given what the socket did
 * before. A server that handles a socket's frames out of order, or checks its cap before an await,
 * answers differently from it. Signing in as someone else, or failing to, drops the private topics
 * (the feed), each with an `unsubscribed`.
 */
function expectedAnswers(frames: ClientFrame[], accountOfToken: Map<string, number>): string[] {
  let account: number | undefined;
  const subscriptions = new Set<string>();
  const dropFeed = () => (subscriptions.delete(PRIVATE_TOPIC) ? ['unsubscribed'] : []);
  return frames.flatMap((frame) => {
    if (frame.event === 'auth') {
      const next = accountOfToken.get(frame.data.token);
      if (next === undefined) {
        const dropped = account === undefined ? [] : dropFeed();
        account = undefined;
        return ['error:UNAUTHORIZED', ...dropped];
      }
      const dropped = account !== undefined && account !== next ? dropFeed() : [];
      account = next;
      return [...dropped, 'authenticated'];
    }
    const { topic } = frame.data;
    if (frame.event === 'unsubscribe') {
      subscriptions.delete(topic);
      return ['unsubscribed'];
    }
    if (topic === PRIVATE_TOPIC && account === undefined) return ['error:UNAUTHORIZED'];
    if (!subscriptions.has(topic) && subscriptions.size >= MAX_SUBSCRIPTIONS) return ['error:TOO_MANY_SUBSCRIPTIONS'];
    subscriptions.add(topic);
    return ['subscribed'];
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
  // A burst of distinct topics sent at once, as a client that opens every article would; two rounds
  // of them pass the cap.
  const burst = fc
    .tuple(fc.nat({ max: 100 }), fc.integer({ min: 1, max: MAX_ROUND - 10 }))
    .map(([first, size]) => Array.from({ length: size }, (_, index): ClientFrame => ({ event: 'subscribe', data: { topic: `articles/burst-${first + index}/comments` } })));
  const round = fc.tuple(fc.array(frame, { maxLength: 8 }), fc.option(burst, { nil: [] }), fc.boolean()).map(([singles, many, burstFirst]) => (burstFirst ? [...many, ...singles] : [...singles, ...many]));
  const accountOfToken = new Map(fixtures.tokens.map((token, account) => [token, account]));
  return fc.array(round, { minLength: 1, maxLength: 4 }).map((bodies) => {
    const rounds = bodies.map((body, index) => [...body, { event: 'unsubscribe', data: { topic: sentinelTopic(index) } } as ClientFrame]);
    return { rounds, answers: expectedAnswers(rounds.flat(), accountOfToken) };
  });
}
