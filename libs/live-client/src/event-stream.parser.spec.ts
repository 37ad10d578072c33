import { EventStreamParser, type StreamEvent } from './event-stream.parser';

function parse(...chunks: string[]): StreamEvent[] {
  const events: StreamEvent[] = [];
  const parser = new EventStreamParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  return events;
}

describe('EventStreamParser', () => {
  it('reads id, event and data, and skips comments', () => {
    expect(parse(': heartbeat\n\nid: 7\nevent: change\ndata: {"a":1}\n\n')).toEqual([{ event: 'change', data: '{"a":1}', id: '7' }]);
  });

  it('puts an event split across chunks back together, whatever the line ending', () => {
    expect(parse('event: re', 'set\r\ndata: {"topic"', ':"x"}\r', '\n\r\n')).toEqual([{ event: 'reset', data: '{"topic":"x"}' }]);
  });

  it('waits for the next chunk to tell a CR from the start of a CRLF', () => {
    expect(parse('data: a\r', '\ndata: b\r\n\r\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('dispatches nothing for a block without data, but keeps its id for the next event', () => {
    expect(parse('id: 5\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x', id: '5' }]);
  });

  it('joins several data lines with newlines', () => {
    expect(parse('data: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
