import { parseClientFrame } from './client-frame.parser';

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
  ])('rejects %s with BAD_REQUEST', (_case, text, message, event) => {
    const expected = event === undefined ? { code: 'BAD_REQUEST', message } : { code: 'BAD_REQUEST', message, event };
    expect(parseClientFrame(text)).toEqual({ ok: false, error: expected });
  });

  it('never echoes more than 64 characters of an unknown event name', () => {
    const result = parseClientFrame(JSON.stringify({ event: 'x'.repeat(10_000), data: {} }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.event).toHaveLength(64);
  });
});
