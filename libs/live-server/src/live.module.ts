import { DynamicModule, INestApplicationContext, Module, type FactoryProvider } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { ChangeBus } from './stream/change-bus';
import { ChangeOutbox } from './capture/change-outbox.subscriber';
import { ChangeStream } from './stream/change-stream.service';
import { InProcessChangeBus } from './stream/in-process-change-bus';
import { RedisChangeBus } from './stream/redis-change-bus';
import { LiveGateway } from './delivery/live.gateway';
import { LiveHub } from './delivery/live-hub.service';
import { ReplayPacer } from './delivery/replay-pacer';
import { LiveTopics } from './delivery/live-topics.service';
import { InProcessPresenceBoard } from './delivery/presence/in-process-presence-board';
import { PresenceBoard } from './delivery/presence/presence-board';
import { PresenceService } from './delivery/presence/presence.service';
import { RedisPresenceBoard } from './delivery/presence/redis-presence-board';
import { TypingRelay } from './delivery/presence/typing-relay.service';
import { StreamRetention } from './stream/stream-retention.service';
import { StreamTailer } from './stream/stream-tailer.service';
import { LiveWsAdapter } from './delivery/live-ws-adapter';
import { LiveEventStreams } from './delivery/live-event-streams.service';
import { SocketsPerAddress } from './delivery/sockets-per-address';
import { DEFAULT_LIVE_OPTIONS, LIVE_OPTIONS, type LiveOptions } from './live-options';

export interface LiveModuleOptions {
  useFactory: (...deps: never[]) => Partial<LiveOptions>;
  inject?: FactoryProvider['inject'];
  /** Several instances share changes and presence through Redis; without it both stay in process. */
  redis?: { url: string; channel: string };
}

/**
 * The live stream: transactional outbox, change bus, the `/ws` gateway and the event streams `/api/live` serves. Needs a TypeORM
 * DataSource in the app with `StreamChangeEntity` among its entities.
 */
@Module({})
export class LiveModule {
  static forRoot(options: LiveModuleOptions): DynamicModule {
    return {
      module: LiveModule,
      global: true,
      providers: [
        {
          provide: LIVE_OPTIONS,
          useFactory: (...deps: never[]): LiveOptions => ({ ...DEFAULT_LIVE_OPTIONS, ...options.useFactory(...deps) }),
          inject: options.inject ?? [],
        },
        {
          provide: ChangeBus,
          useFactory: () => (options.redis ? new RedisChangeBus(options.redis.url, options.redis.channel) : new InProcessChangeBus()),
        },
        {
          provide: PresenceBoard,
          useFactory: () => (options.redis ? new RedisPresenceBoard(options.redis.url, options.redis.channel) : new InProcessPresenceBoard()),
        },
        {
          provide: SocketsPerAddress,
          useFactory: (live: LiveOptions) => new SocketsPerAddress(live.maxSocketsPerAddress),
          inject: [LIVE_OPTIONS],
        },
        PresenceService,
        TypingRelay,
        ChangeOutbox,
        ChangeStream,
        LiveTopics,
        StreamTailer,
        StreamRetention,
        ReplayPacer,
        LiveHub,
        LiveGateway,
        LiveEventStreams,
      ],
      exports: [ChangeOutbox, ChangeStream, ChangeBus, LiveTopics, LiveHub, LiveGateway, LiveEventStreams, StreamTailer, StreamRetention, PresenceService],
    };
  }
}

/** The WebSocket adapter the app must use so that every frame is validated against the protocol. */
export function createLiveWsAdapter(app: INestApplicationContext): WsAdapter {
  return new LiveWsAdapter(app);
}
