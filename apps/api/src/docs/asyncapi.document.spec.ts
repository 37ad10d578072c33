import { CURSOR_PATTERN, MAX_PRESENCE_NAMES, MAX_TOPIC_LENGTH } from '@conduit/contract';
import { asyncApiDocument } from './asyncapi.document';

type Payload = { properties: { event: { const: string }; data: { properties: Record<string, Record<string, unknown>>; required: string[]; additionalProperties?: boolean } } };

const messages = (asyncApiDocument() as { channels: { live: { messages: Record<string, { payload: Payload }> } } }).channels.live.messages;
const dataOf = (event: string) => messages[event].payload.properties.data;

describe('asyncApiDocument', () => {
  it('takes each message payload from the frame schemas of the contract', () => {
    expect(dataOf('subscribe')).toEqual({
      type: 'object',
      properties: {
        topic: expect.objectContaining({ type: 'string', minLength: 1, maxLength: MAX_TOPIC_LENGTH }),
        cursor: expect.objectContaining({ type: 'string', pattern: CURSOR_PATTERN.source }),
      },
      required: ['topic'],
      additionalProperties: false,
    });
    expect(messages.subscribe.payload.properties.event.const).toBe('subscribe');
    expect(dataOf('presence').properties.names).toEqual(expect.objectContaining({ type: 'array', maxItems: MAX_PRESENCE_NAMES, uniqueItems: true }));
    expect(dataOf('error').required).toEqual(['code', 'message']);
  });

  it('describes `typing` as either side sends it', () => {
    const data = messages.typing.payload.properties.data as unknown as { anyOf: { required: string[] }[] };
    expect(data.anyOf.map((side) => side.required)).toEqual([['topic'], ['topic', 'username']]);
  });
});
