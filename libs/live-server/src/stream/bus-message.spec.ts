import { parseBusMessage } from './bus-message';
import type { CommittedChange } from './committed-change';

const change: CommittedChange = { topic: 'articles', cursor: '42', type: 'created', entity: 'article', key: 'a-slug', audience: null, payload: '{"slug":"a-slug"}' };

describe('parseBusMessage', () => {
  it('reads a message of this version', () => {
    expect(parseBusMessage(JSON.stringify({ origin: 'other', changes: [change] }))).toEqual({ origin: 'other', changes: [change] });
  });

  it('ignores, without throwing, a message in the shape of the version before (StoredChange.toWire, with rest)', () => {
    const rest = ',"cursor":"42","type":"created","entity":"article","key":"a-slug","data":{"slug":"a-slug"}}}';
    const old = { origin: 'old-instance', changes: [{ topic: 'articles', cursor: '42', type: 'created', key: 'a-slug', audience: null, rest }] };
    expect(parseBusMessage(JSON.stringify(old))).toBeUndefined();
  });

  it.each([
    ['a cursor that is no number', { cursor: '4x2' }],
    ['a cursor with a leading zero', { cursor: '042' }],
    ['a numeric cursor', { cursor: 42 }],
    ['a change type of no kind', { type: 'renamed' }],
    ['a topic that is no string', { topic: 7 }],
    ['a key that is no string', { key: null }],
    ['a payload that is no string', { payload: { slug: 'a-slug' } }],
  ])('drops a message with %s rather than let BigInt throw in the tailer', (_case, override) => {
    expect(parseBusMessage(JSON.stringify({ origin: 'other', changes: [{ ...change, ...override }] }))).toBeUndefined();
  });

  it.each(['not json', 'null', '[]', '{"changes":[]}', '{"origin":"other","changes":{}}'])('drops %s', (text) => {
    expect(parseBusMessage(text)).toBeUndefined();
  });
});
