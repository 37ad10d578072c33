import { parseClientFrame } from './client-frame.parser';
import { MAX_TOPIC_LENGTH } from './wire-frames';

describe('parseClientFrame', () => {
  it.each([
    ['subscribe from now', { event: 'subscribe', data: { topic: 'articles' } }],
    ['subscribe from a cursor', { event: 'subscribe', data: { topic: 'articles', cursor: '12345678901234567890' } }],
    ['unsubscribe', { event: 'unsubscribe', data: { topic: 'articles' } }],
    ['auth', { event: 'auth', data: { token: 'a.b.c' } }],
    ['typing', { event: 'typing', data: { topic: 'articles/a/comments' } }],
  ])('accepts %s', (_case, frame) => {
    expect(parseClientFrame(JSON.stringify(frame))).toEqual({ ok: true, frame });
  });

  it.each([
    ['not JSON', '{event', 'frame is not valid JSON', undefined],
    ['an array', '[1,2]', 'frame must be a JSON object {"event", "data"}', undefined],
    ['null', 'null', 'frame must be a JSON object {"event", "data"}', undefined],
    ['a numeric event', '{"event":1,"data":{}}', 'frame.event must be a string', undefined],
    ['an unknown event', '{"event":"publish","data":{}}', 'unknown event "publish"', 'publish'],
    ['an inherited property as event', '{"event":"toString","data":{}}', 'unknown event "toString"', 'toString'],
    ['data that is not an object', '{"event":"subscribe","data":"articles"}', 'frame.data must be an object', 'subscribe'],
    ['a missing topic', '{"event":"subscribe","data":{}}', 'data.topic must be a non-empty string', 'subscribe'],
    ['an empty topic', '{"event":"unsubscribe","data":{"topic":""}}', 'data.topic must be a non-empty string', 'unsubscribe'],
    ['a numeric cursor', '{"event":"subscribe","data":{"topic":"articles","cursor":5}}', 'data.cursor must be a string of decimal digits', 'subscribe'],
    ['a cursor with a leading zero', '{"event":"subscribe","data":{"topic":"articles","cursor":"007"}}', 'data.cursor must be a string of decimal digits', 'subscribe'],
    ['typing without a topic', '{"event":"typing","data":{}}', 'data.topic must be a non-empty string', 'typing'],
    ['typing with a numeric topic', '{"event":"typing","data":{"topic":7}}', 'data.topic must be a non-empty string', 'typing'],
    ['a missing token', '{"event":"auth","data":{}}', 'data.token must be a non-empty string', 'auth'],
    ['a frame without an event', '{"data":{"topic":"articles"}}', 'frame.event must be a string', undefined],
    ['an event inherited from Object.prototype', '{"event":"constructor","data":{}}', 'unknown event "constructor"', 'constructor'],
    ['an empty event', '{"event":"","data":{}}', 'unknown event ""', undefined],
    ['a frame without data', '{"event":"subscribe"}', 'frame.data must be an object', 'subscribe'],
    ['null data', '{"event":"subscribe","data":null}', 'frame.data must be an object', 'subscribe'],
    ['data that is an array', '{"event":"subscribe","data":["articles"]}', 'frame.data must be an object', 'subscribe'],
    ['a topic only under __proto__', '{"event":"subscribe","data":{"__proto__":{"topic":"articles"}}}', 'data.topic must be a non-empty string', 'subscribe'],
    ['an event only under __proto__', '{"__proto__":{"event":"subscribe"},"data":{"topic":"articles"}}', 'frame.event must be a string', undefined],
    ['a null cursor', '{"event":"subscribe","data":{"topic":"articles","cursor":null}}', 'data.cursor must be a string of decimal digits', 'subscribe'],
    ['a cursor of 31 digits', `{"event":"subscribe","data":{"topic":"articles","cursor":"${'1'.repeat(31)}"}}`, 'data.cursor must be a string of decimal digits', 'subscribe'],
    ['a topic and a cursor both wrong', '{"event":"subscribe","data":{"topic":[],"cursor":"x"}}', 'data.topic must be a non-empty string', 'subscribe'],
    ['an oversize topic', JSON.stringify({ event: 'subscribe', data: { topic: 'a'.repeat(MAX_TOPIC_LENGTH + 1) } }), `data.topic must be at most ${MAX_TOPIC_LENGTH} characters`, 'subscribe'],
    ['an oversize token', JSON.stringify({ event: 'auth', data: { token: 'a'.repeat(8193) } }), 'data.token must be a non-empty string', 'auth'],
    ['a token that is an object', '{"event":"auth","data":{"token":{"length":1}}}', 'data.token must be a non-empty string', 'auth'],
  ])('rejects %s with BAD_REQUEST', (_case, text, message, event) => {
    const expected = event === undefined ? { code: 'BAD_REQUEST', message } : { code: 'BAD_REQUEST', message, event };
    expect(parseClientFrame(text)).toEqual({ ok: false, error: expected });
  });

  it('never echoes more than 64 characters of an unknown event name', () => {
    const result = parseClientFrame(JSON.stringify({ event: 'x'.repeat(10_000), data: {} }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.event).toHaveLength(64);
  });

  it('accepts a topic of the longest length', () => {
    const frame = { event: 'unsubscribe', data: { topic: 'a'.repeat(MAX_TOPIC_LENGTH) } };
    expect(parseClientFrame(JSON.stringify(frame))).toEqual({ ok: true, frame });
  });

  it('passes on only the fields the protocol names', () => {
    const text = '{"event":"subscribe","data":{"topic":"articles","cursor":"7","admin":true,"__proto__":{"polluted":true}},"extra":1}';
    const result = parseClientFrame(text);
    expect(result).toEqual({ ok: true, frame: { event: 'subscribe', data: { topic: 'articles', cursor: '7' } } });
    if (result.ok) expect(Object.keys(result.frame.data)).toEqual(['topic', 'cursor']);
  });
});
