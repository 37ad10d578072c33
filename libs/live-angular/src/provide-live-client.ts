import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import { LIVE_CLIENT_CONFIG, LiveConnection, type LiveClientConfig } from './live-connection';

/** Provides `LiveConnection` for the app; safe in a config shared by the browser and the server. */
export function provideLiveClient(config: LiveClientConfig = {}): EnvironmentProviders {
  return makeEnvironmentProviders([{ provide: LIVE_CLIENT_CONFIG, useValue: config }, LiveConnection]);
}
