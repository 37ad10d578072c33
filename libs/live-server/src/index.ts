// What apps import from the live library. Tests reach its insides through ./testing.
export { LiveModule, createLiveWsAdapter } from './live.module';
export type { LiveModuleOptions } from './live-module-options';
export { LIVE_TABLES, LIVE_MIGRATIONS } from './capture/live-tables';
export { ChangeRecordingSubscriber } from './capture/change-recording.subscriber';
export type { WriteContext } from './capture/change-outbox.subscriber';
export { StreamHead } from './stream/stream-head';
export { CommittedChanges } from './stream/committed-changes';
export { LiveTopics } from './delivery/live-topics.service';
export type { LiveUser, TopicView } from './delivery/topic-policy';
export { LiveAccounts } from './delivery/live-accounts';
export { LiveEventStreams } from './delivery/live-event-streams.service';
export { type BusState, LiveStats, type LiveStatsSnapshot } from './live-stats';
export { LogThrottle } from './log-throttle';
