export { LiveModule, createLiveWsAdapter, type LiveModuleOptions } from './live.module';
export type { LiveOptions } from './live-options';
export { ChangeOutbox, type WriteContext } from './change-outbox.subscriber';
export { ChangeStream } from './change-stream.service';
export { ChangeBus } from './change-bus';
export type { NewChange, StoredChange } from './change';
export { StreamChangeEntity } from './stream-change.entity';
export { CreateStreamChange1764100000000 } from './migrations/1764100000000-create-stream-change';
