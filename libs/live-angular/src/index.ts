export { LIVE_CLIENT_CONFIG, LiveConnection, type LiveClientConfig } from './live-connection';
export { provideLiveClient } from './provide-live-client';
export type { LiveEvent, LiveStatus } from '@conduit/live-client';
