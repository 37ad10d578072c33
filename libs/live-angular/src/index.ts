export { LIVE_CLIENT_CONFIG, LiveConnection, type LiveClientConfig, type LivePageStatus } from './live-connection';
export { provideLiveClient } from './provide-live-client';
export type { LiveEvent, LiveStatus } from '@conduit/live-client';
