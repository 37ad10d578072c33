import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { LiveStats } from '@conduit/live-server';

/**
 * The change bus: `down` while Redis is unreachable. Writes and sockets still work then (changes
 * reach other instances by polling), but an instance that cannot hear the others is not one a
 * load balancer should prefer.
 */
@Injectable()
export class ChangeBusHealthIndicator {
  constructor(
    private readonly stats: LiveStats,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** Only a bus that talks to other instances can be down. */
  get applies(): boolean {
    return this.stats.busState().name !== 'in-process';
  }

  check() {
    const indicator = this.indicators.check('bus');
    const bus = this.stats.busState();
    const details = { bus: bus.name };
    return bus.connected ? indicator.up(details) : indicator.down(details);
  }
}
