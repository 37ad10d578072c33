import { Injectable } from '@nestjs/common';
import { ChangeOutbox } from './capture/change-outbox.subscriber';
import type { FanOutHistogram } from './delivery/fan-out-timings';
import { LiveGateway } from './delivery/live.gateway';
import { LiveHub } from './delivery/live-hub.service';
import { ChangeBus } from './stream/change-bus';

/** This instance's live machinery at one moment: counters since start, and what is open now. */
export interface LiveStatsSnapshot {
  /** Changes this instance committed and published. */
  readonly changesPublished: number;
  readonly bus: BusState;
  readonly openSockets: number;
  /** Live subscriptions by the topic name clients used (a feed counts as `feed`). */
  readonly subscriptionsByTopic: ReadonlyMap<string, number>;
  /** Sockets closed with 1013 because they read too slowly. */
  readonly slowDrops: number;
  /** Invalid frames answered with `error`. */
  readonly protocolErrors: number;
  /** `reset` answers (a cursor unknown or older than kept). */
  readonly resets: number;
  /** How long handing each change to every subscription of its topic took. */
  readonly fanOut: FanOutHistogram;
}

/** The change bus: `in-process`, or `redis` and whether it reaches the other instances now. */
export interface BusState {
  readonly name: string;
  readonly connected: boolean;
}

/** What metrics, health and tests read of the live machinery; reading it changes nothing. */
@Injectable()
export class LiveStats {
  constructor(
    private readonly outbox: ChangeOutbox,
    private readonly bus: ChangeBus,
    private readonly hub: LiveHub,
    private readonly gateway: LiveGateway,
  ) {}

  /** The bus alone, for health checks: without walking the subscriptions or building the histogram. */
  busState(): BusState {
    return { name: this.bus.name, connected: this.bus.connected };
  }

  snapshot(): LiveStatsSnapshot {
    return {
      changesPublished: this.outbox.published,
      bus: this.busState(),
      openSockets: this.gateway.openSockets,
      subscriptionsByTopic: this.hub.subscriptionsByTopic(),
      slowDrops: this.gateway.slowDrops,
      protocolErrors: this.gateway.protocolErrors,
      resets: this.hub.resets,
      fanOut: this.hub.fanOutHistogram(),
    };
  }
}
