import fc from 'fast-check';
import { LIVE_PATH } from '@conduit/contract';
import { availableStores } from '../support/stores';
import { fuzzSettings } from './fuzz-settings';
import { createFixtures } from './fuzz-fixtures';
import { FuzzedServer } from './fuzzed-server';
import type { Fixtures } from './http-request.arbitrary';
import { propertyFailure } from './property-failure';
import { encodeFrame, Opcode, RawWebSocket, type SocketOutcome } from './raw-websocket';
import { conversation, sentinelTopic, type Conversation } from './socket-conversation.arbitrary';
import { socketSession, type SocketSession } from './socket-session.arbitrary';

// The socket, driven with generated sessions: protocol frames whole and fragmented, near-valid and
// garbage messages, text and binary, illegal frames, all written in arbitrary TCP chunks. Each socket
// must end well (answered, or closed with a code PROTOCOL.md or RFC 6455 gives for what was sent, never
// 1011), the server must log no error and keep answering, and its memory must stay bounded.
const settings = fuzzSettings();
// Per store: the same seed makes the same sessions on each.
const CI_RUNS = 150;
const CONVERSATION_RUNS = 50;
const ANSWERS = new Set(['authenticated', 'subscribed', 'unsubscribed', 'error']);
const SESSIONS = { minLength: 1, maxLength: 3 };
/** Normal, protocol error, no code given (echoing a bare close), bad UTF-8, policy, too big. */
const ACCEPTABLE_CLOSES = new Set([undefined, 1000, 1002, 1005, 1007, 1008, 1009]);
const SENTINEL_TOPIC = 'articles/fuzz-sentinel/comments';
const RSS_BOUND = (baseline: number) => 2 * baseline + 128 * 1024 * 1024;
const TIMEOUT = settings.runs ? 24 * 3600_000 : 300_000;

function frameBytes(session: SocketSession): Buffer[] {
  const bytes = Buffer.concat(session.frames.map(encodeFrame));
  const offsets = [...new Set(session.cuts.map((cut) => Math.floor(cut * bytes.length)))].sort((a, b) => a - b);
  const bounds = [0, ...offsets.filter((offset) => offset > 0 && offset < bytes.length), bytes.length];
  return bounds.slice(1).map((end, index) => bytes.subarray(bounds[index], end));
}

const textFrame = (message: unknown) => encodeFrame({ fin: true, rsv: 0, opcode: Opcode.Text, mask: Buffer.from([1, 2, 3, 4]), payload: Buffer.from(JSON.stringify(message)) });
const sentinel = textFrame({ event: 'unsubscribe', data: { topic: SENTINEL_TOPIC } });

/** The answers among what a socket received, as `event` or `error:<code>`, changes and presence left out. */
function answersOf(texts: string[]): string[] {
  return texts
    .map((text) => JSON.parse(text) as { event: string; data: { code?: string } })
    .filter((frame) => ANSWERS.has(frame.event))
    .map((frame) => (frame.event === 'error' ? `error:${frame.data.code}` : frame.event));
}

function describeSession(session: SocketSession): string {
  const frames = session.frames.map(({ fin, rsv, opcode, mask, payload }) => {
    const shown = payload.length > 200 ? `${payload.subarray(0, 200).toString('latin1')}… (${payload.length} bytes)` : payload.toString('latin1');
    return `  fin=${fin} rsv=${rsv} opcode=${opcode} masked=${mask !== null}: ${JSON.stringify(shown)}`;
  });
  return `headers ${JSON.stringify(session.headers)}, TCP cuts ${JSON.stringify(session.cuts)}\n${frames.join('\n')}`;
}

/** Close codes the client sent: a server answering a close echoes its code (RFC 6455 §5.5.1). */
function echoedCloses(session: SocketSession): Set<number> {
  return new Set(session.frames.filter((frame) => frame.opcode === Opcode.Close && frame.payload.length >= 2).map((frame) => frame.payload.readUInt16BE(0)));
}

function outcomeProblems(session: SocketSession, { upgradeStatus, texts, binaries, closeCode }: SocketOutcome): string[] {
  const problems: string[] = [];
  if (upgradeStatus !== 101 && !(upgradeStatus >= 400 && upgradeStatus < 500)) problems.push(`the upgrade was answered ${upgradeStatus}`);
  if (!ACCEPTABLE_CLOSES.has(closeCode) && !echoedCloses(session).has(closeCode!)) problems.push(`the server closed the socket with ${closeCode}`);
  if (binaries > 0) problems.push(`the server sent ${binaries} binary frames`);
  for (const text of texts) {
    try {
      const frame = JSON.parse(text) as { event?: unknown; data?: unknown };
      if (typeof frame.event !== 'string' || typeof frame.data !== 'object') problems.push(`a frame outside the protocol: ${text.slice(0, 200)}`);
    } catch {
      problems.push(`a frame that is not JSON: ${text.slice(0, 200)}`);
    }
  }
  return problems;
}

describe.each(availableStores())('fuzzing the socket on %s', (store) => {
  let server: FuzzedServer;
  let fixtures: Fixtures;
  let baselineRss: number;
  const counts = { runs: 0, sockets: 0, frames: 0 };

  beforeAll(async () => {
    // Rounds of up to 60 frames are sent at once, faster than the default flood limit allows.
    server = await FuzzedServer.start(store, { WS_MAX_FRAMES_PER_SECOND: '1000' });
    fixtures = await createFixtures(server);
    await server.checkpoint('the fixtures');
    baselineRss = server.rssBytes();
  });
  afterAll(async () => {
    await server?.stop();
    process.stdout.write(`socket fuzz on ${store} (seed ${settings.seed}): ${counts.runs} runs, ${counts.sockets} sockets, ${counts.frames} frames\n`);
  });

  /** Plays one session; resolves with what went wrong, once the server has handled everything it was sent. */
  async function play(session: SocketSession): Promise<string[]> {
    const client = await RawWebSocket.open(server.host, server.port, LIVE_PATH, session.headers);
    counts.sockets++;
    if (client.outcome.upgradeStatus === 101) {
      counts.frames += session.frames.length + 1;
      client.write([...frameBytes(session), sentinel]);
      // Frames are handled in the order sent, so the sentinel's answer comes after every other's.
      await client.until(() => client.isClosed || client.outcome.texts.some((text) => text.includes(SENTINEL_TOPIC)));
    }
    await client.close();
    return outcomeProblems(session, client.outcome);
  }

  it('ends every socket well, whatever frames it sends', async () => {
    const failure = await propertyFailure(
      'socket sessions',
      fc.array(socketSession(fixtures), SESSIONS),
      async (sessions) => {
        counts.runs++;
        const problems = (await Promise.all(sessions.map(play))).flat();
        // The checkpoint comes first, so that a failing run's log lines are not left to the next one.
        await server.checkpoint('the sessions').catch((error: Error) => problems.push(error.message));
        if (problems.length > 0) throw new Error(problems.join('\n'));
      },
      settings,
      CI_RUNS,
      (sessions) => sessions.map(describeSession).join('\n---\n'),
    );
    expect(failure).toBeUndefined();
  }, TIMEOUT);

  it("answers a socket's valid frames in the order sent, as the protocol prescribes", async () => {
    const failure = await propertyFailure(
      'socket conversations',
      conversation(fixtures),
      async ({ rounds, answers }: Conversation) => {
        counts.runs++;
        const client = await RawWebSocket.open(server.host, server.port, LIVE_PATH, [['Host', `localhost:${server.port}`]]);
        counts.sockets++;
        for (const [index, round] of rounds.entries()) {
          counts.frames += round.length;
          client.write([Buffer.concat(round.map(textFrame))]);
          await client.until(() => client.isClosed || client.outcome.texts.some((text) => text.includes(sentinelTopic(index))));
        }
        await client.close();
        await server.checkpoint('the conversation');
        expect({ answers: answersOf(client.outcome.texts), closeCode: client.outcome.closeCode }).toEqual({ answers, closeCode: undefined });
      },
      settings,
      CONVERSATION_RUNS,
      ({ rounds }) => rounds.map((round, index) => `round ${index + 1}:\n${round.map((frame) => JSON.stringify(frame)).join('\n')}`).join('\n'),
    );
    expect(failure).toBeUndefined();
  }, TIMEOUT);

  it('holds its memory within a bound of where it started', () => {
    expect(server.rssBytes()).toBeLessThan(RSS_BOUND(baselineRss));
  });
});
