import { INestApplicationContext, Module } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { CAPTURE_OPTIONS, DEFAULT_CAPTURE_OPTIONS } from './capture/capture-options';
import { ChangeOutbox } from './capture/change-outbox.subscriber';
import { DEFAULT_DELIVERY_OPTIONS, DELIVERY_OPTIONS, type DeliveryOptions } from './delivery/delivery-options';
import { LiveEventStreams } from './delivery/live-event-streams.service';
import { LiveGateway } from './delivery/live.gateway';
import { LiveAccounts } from './delivery/live-accounts';
import { LiveHub } from './delivery/live-hub.service';
import { LiveTopics } from './delivery/live-topics.service';
import { LiveWsAdapter } from './delivery/live-ws-adapter';
import { InProcessPresenceBoard } from './delivery/presence/in-process-presence-board';
import { PresenceBoard } from './delivery/presence/presence-board';
import { PresenceService } from './delivery/presence/presence.service';
import { RedisPresenceBoard } from './delivery/presence/redis-presence-board';
import { TypingRelay } from './delivery/presence/typing-relay.service';
import { ReplayPacer } from './delivery/replay-pacer';
import { SocketsPerAddress } from './delivery/sockets-per-address';
import { ConfigurableLiveModule, LIVE_MODULE_OPTIONS, stageOptions, type LiveModuleOptions } from './live-module-options';
import { LiveStats } from './live-stats';
import { ChangeBus } from './stream/change-bus';
import { ChangeStream } from './stream/change-stream.service';
import { CommittedChanges } from './stream/committed-changes';
import { InProcessChangeBus } from './stream/in-process-change-bus';
import { RedisChangeBus } from './stream/redis-change-bus';
import { DEFAULT_STREAM_OPTIONS, STREAM_OPTIONS } from './stream/stream-options';
import { StreamHead } from './stream/stream-head';
import { StreamRetention } from './stream/stream-retention.service';
import { StreamTailer } from './stream/stream-tailer.service';

/**
 * The live stream: transactional outbox (capture), change bus and tailer (stream), the `/ws` gateway
 * and the event streams `/api/live` serves (delivery). `LiveModule.forRoot(options)` or
 * `forRootAsync({ inject, useFactory })`. Needs a TypeORM DataSource in the app with the live entities.
 */
@Module({
  providers: [
    { provide: CAPTURE_OPTIONS, useFactory: (given: LiveModuleOptions) => stageOptions(DEFAULT_CAPTURE_OPTIONS, given), inject: [LIVE_MODULE_OPTIONS] },
    { provide: STREAM_OPTIONS, useFactory: (given: LiveModuleOptions) => stageOptions(DEFAULT_STREAM_OPTIONS, given), inject: [LIVE_MODULE_OPTIONS] },
    { provide: DELIVERY_OPTIONS, useFactory: (given: LiveModuleOptions) => stageOptions(DEFAULT_DELIVERY_OPTIONS, given), inject: [LIVE_MODULE_OPTIONS] },
    {
      provide: ChangeBus,
      useFactory: ({ redis }: LiveModuleOptions) => (redis ? new RedisChangeBus(redis.url, redis.channel) : new InProcessChangeBus()),
      inject: [LIVE_MODULE_OPTIONS],
    },
    {
      provide: PresenceBoard,
      useFactory: ({ redis }: LiveModuleOptions) => (redis ? new RedisPresenceBoard(redis.url, redis.channel) : new InProcessPresenceBoard()),
      inject: [LIVE_MODULE_OPTIONS],
    },
    {
      provide: SocketsPerAddress,
      useFactory: (delivery: DeliveryOptions) => new SocketsPerAddress(delivery.maxSocketsPerAddress),
      inject: [DELIVERY_OPTIONS],
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
    LiveStats,
    { provide: StreamHead, useExisting: ChangeStream },
    { provide: CommittedChanges, useExisting: StreamTailer },
    { provide: LiveAccounts, useExisting: LiveHub },
  ],
  // What the app's own providers inject: the face (index.ts), and the outbox its change subscribers record through.
  exports: [ChangeOutbox, LiveTopics, LiveEventStreams, LiveStats, StreamHead, CommittedChanges, LiveAccounts],
})
export class LiveModule extends ConfigurableLiveModule {}

/** The WebSocket adapter the app must use so that every frame is validated against the protocol. */
export function createLiveWsAdapter(app: INestApplicationContext): WsAdapter {
  return new LiveWsAdapter(app);
}
