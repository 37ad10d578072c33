// The live library's insides that tests and benches reach for (test/, bench/); apps import only index.ts.
export { ChangeOutbox } from './capture/change-outbox.subscriber';
export { StreamChangeEntity } from './capture/stream-change.entity';
export { StreamFloorEntity } from './capture/stream-floor.entity';
export { changeBusChannel } from './stream/bus-message';
export { ChangeBus } from './stream/change-bus';
export { ChangeStream } from './stream/change-stream.service';
export type { CommittedChange } from './stream/committed-change';
export { RedisChangeBus } from './stream/redis-change-bus';
export { StreamRetention } from './stream/stream-retention.service';
export { StreamTailer } from './stream/stream-tailer.service';
export { LiveGateway } from './delivery/live.gateway';
export { LiveHub } from './delivery/live-hub.service';
