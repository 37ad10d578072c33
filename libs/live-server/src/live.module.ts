import { DynamicModule, INestApplicationContext, Module, type FactoryProvider } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { ChangeBus } from './change-bus';
import { ChangeOutbox } from './change-outbox.subscriber';
import { ChangeStream } from './change-stream.service';
import { InProcessChangeBus } from './in-process-change-bus';
import { RedisChangeBus } from './redis-change-bus';
import { LiveGateway } from './live.gateway';
import { LiveHub } from './live-hub.service';
import { ReplayPacer } from './replay-pacer';
import { LiveTopics } from './live-topics.service';
import { InProcessPresenceBoard } from './presence/in-process-presence-board';
import { PresenceBoard } from './presence/presence-board';
import { PresenceService } from './presence/presence.service';
import { RedisPresenceBoard } from './presence/redis-presence-board';
import { TypingRelay } from './presence/typing-relay.service';
import { StreamRetention } from './stream-retention.service';
import { StreamTailer } from './stream-tailer.service';
import { LiveWsAdapter } from './live-ws-adapter';
import { LiveEventStreams } from './live-event-streams.service';
import { SocketsPerAddress } from './sockets-per-address';
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
