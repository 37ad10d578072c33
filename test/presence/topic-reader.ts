import { FrameReader } from '../support/frame-reader';
import type { Account } from '../support/realworld-client';

/** A socket on `wsUrl`, signed in as `account` when given, subscribed to `topic` from now. */
export async function openTopicReader(wsUrl: string, topic: string, account?: Account, origin?: string): Promise<FrameReader> {
  const socket = await FrameReader.open(wsUrl, origin ? { origin } : undefined);
  if (account) {
    socket.send({ event: 'auth', data: { token: account.token } });
    await socket.next('authenticated');
  }
  socket.send({ event: 'subscribe', data: { topic } });
  await socket.next('subscribed');
  return socket;
}
