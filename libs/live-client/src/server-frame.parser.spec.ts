import type { ServerEvent, ServerFrame } from '@conduit/contract';
import { parseServerFrame } from './server-frame.parser';

const FRAMES = {
  change: { event: 'change', data: { topic: 'articles', cursor: '12', type: 'updated', entity: 'article', key: 'a', data: { slug: 'a', author: { username: 'jake' } } as never } },
  subscribed: { event: 'subscribed', data: { topic: 'articles', cursor: '0' } },
  unsubscribed: { event: 'unsubscribed', data: { topic: 'articles' } },
  authenticated: { event: 'authenticated', data: { username: 'jake' } },
  reset: { event: 'reset', data: { topic: 'articles', reason: 'cursor 3 is older than the changes kept' } },
  presence: { event: 'presence', data: { topic: 'articles/a/comments', readers: 2, names: ['alice'] } },
  typing: { event: 'typing', data: { topic: 'articles/a/comments', username: 'alice' } },
  error: { event: 'error', data: { code: 'UNKNOWN_TOPIC', message: 'no such topic', event: 'subscribe' } },
} satisfies Record<ServerEvent, ServerFrame>;

describe('parseServerFrame', () => {
  it.each(Object.entries(FRAMES))('reads a %s frame', (_event, frame) => {
    expect(parseServerFrame(JSON.stringify(frame))).toEqual(frame);
  });

  it('reads a deleted change, whose data is null', () => {
    const frame = { event: 'change', data: { topic: 'articles/a/comments', cursor: '13', type: 'deleted', entity: 'comment', key: '4', data: null } };
    expect(parseServerFrame(JSON.stringify(frame))).toEqual(frame);
  });

  it('drops fields the protocol does not name, keeping the entity whole', () => {
    const text = JSON.stringify({ event: 'change', data: { ...FRAMES.change.data, later: 1 }, extra: true });
    expect(parseServerFrame(text)).toEqual(FRAMES.change);
  });

  it.each([
    ['a binary message', new ArrayBuffer(4)],
    ['text that is not JSON', '{"event"'],
    ['an array', '[]'],
    ['an unknown event', '{"event":"publish","data":{}}'],
    ['an event inherited from Object.prototype', '{"event":"toString","data":{}}'],
    ['data that is not an object', '{"event":"reset","data":"articles"}'],
    ['a change with a numeric cursor', JSON.stringify({ event: 'change', data: { ...FRAMES.change.data, cursor: 12 } })],
    ['a change of an unknown entity', JSON.stringify({ event: 'change', data: { ...FRAMES.change.data, entity: 'user' } })],
    ['a subscribed cursor with a leading zero', '{"event":"subscribed","data":{"topic":"articles","cursor":"012"}}'],
    ['presence with negative readers', JSON.stringify({ event: 'presence', data: { ...FRAMES.presence.data, readers: -1 } })],
    ['presence with too many names', JSON.stringify({ event: 'presence', data: { ...FRAMES.presence.data, names: Array.from({ length: 21 }, (_, i) => `u${i}`) } })],
    ['an error with an unknown code', '{"event":"error","data":{"code":"TEAPOT","message":"no"}}'],
    ['a topic only under __proto__', '{"event":"unsubscribed","data":{"__proto__":{"topic":"articles"}}}'],
  ])('skips %s', (_case, text) => {
    expect(parseServerFrame(text)).toBeNull();
  });
});
