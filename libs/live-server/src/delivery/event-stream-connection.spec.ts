import type { ServerResponse } from 'node:http';
import { ChangeFrames } from './change-frames';
import { EventStreamConnection } from './event-stream-connection';
import { LiveSubscription } from './live-subscription';

function change(topic: string, cursor: string): ChangeFrames {
  return new ChangeFrames({ topic, cursor, type: 'created', entity: 'article', key: `k${cursor}`, audience: null, payload: null });
}

function stream(from = '10') {
  const written: string[] = [];
  const response = { writableEnded: false, destroyed: false, writableLength: 0, writableNeedDrain: false, write: (chunk: string) => written.push(chunk), end() {} };
  const connection = new EventStreamConnection(response as unknown as ServerResponse, from, 1024, () => undefined);
  const subscribe = (topic: string, live: boolean) => {
    const subscription = new LiveSubscription(connection, topic, from);
    if (live) subscription.buffer = null;
    connection.subscriptions.set(topic, subscription);
  };
  const ids = () => written.map((chunk) => /^id: (\d+)\n/.exec(chunk)?.[1] ?? null);
  return { connection, written, subscribe, ids };
}

describe('EventStreamConnection', () => {
  it('writes a change as the data of its WebSocket frame, with its cursor as id', () => {
    const { connection, written, subscribe } = stream();
    subscribe('articles', true);
    connection.sendChange(change('articles', '11'), 'articles');
    expect(written).toEqual(['id: 11\nevent: change\ndata: {"topic":"articles","cursor":"11","type":"created","entity":"article","key":"k11","data":null}\n\n']);
  });

  it('gives a replayed change of its only topic an id', () => {
    const { connection, subscribe, ids } = stream();
    subscribe('articles', false);
    connection.sendChange(change('articles', '11'), 'articles');
    expect(ids()).toEqual(['11']);
  });

  it('gives no id while another topic still replays, nor to a change below one already written', () => {
    const { connection, subscribe, ids } = stream();
    subscribe('articles', true);
    subscribe('articles/a/comments', false);
    // The live topic is ahead of the replaying one: resuming after 25 would skip the comments up to it.
    connection.sendChange(change('articles', '25'), 'articles');
    connection.sendChange(change('articles/a/comments', '12'), 'articles/a/comments');
    connection.subscriptions.get('articles/a/comments')!.buffer = null;
    // Live again, but below 25: resuming after it would send 25 twice.
    connection.sendChange(change('articles/a/comments', '20'), 'articles/a/comments');
    connection.sendChange(change('articles', '26'), 'articles');
    expect(ids()).toEqual([null, null, null, '26']);
  });
});
