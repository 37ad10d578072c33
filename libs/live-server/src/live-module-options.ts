import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { CaptureOptions } from './capture/capture-options';
import type { DeliveryOptions } from './delivery/delivery-options';
import type { StreamOptions } from './stream/stream-options';

/** What the app tells LiveModule: each stage's options (any left out take their defaults), and Redis. */
export interface LiveModuleOptions extends Partial<CaptureOptions>, Partial<StreamOptions>, Partial<DeliveryOptions> {
  /** Several instances share changes and presence through Redis; without it both stay in process. */
  redis?: { url: string; channel: string };
}

export const {
  ConfigurableModuleClass: ConfigurableLiveModule,
  MODULE_OPTIONS_TOKEN: LIVE_MODULE_OPTIONS,
} = new ConfigurableModuleBuilder<LiveModuleOptions>({ moduleName: 'Live' })
  .setClassMethodName('forRoot')
  // Global: the features that record changes and register topics import nothing to do so.
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();

/** A stage's options: those given, over the stage's defaults; the other stages' are left out. */
export function stageOptions<T extends object>(defaults: T, given: LiveModuleOptions): T {
  const options = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof T & keyof LiveModuleOptions)[]) {
    if (given[key] !== undefined) options[key] = given[key] as T[typeof key];
  }
  return options;
}
