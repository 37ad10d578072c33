import { HealthIndicatorService } from '@nestjs/terminus';
import type { BusState, LiveStats } from '@conduit/live-server';
import { ChangeBusHealthIndicator } from './change-bus.health';

// A readiness probe runs every few seconds: it reads the bus alone, never a whole snapshot (every
// subscription walked, the fan-out histogram built) just for the bus's name and state.
function indicatorOver(bus: BusState): ChangeBusHealthIndicator {
  const stats = {
    busState: () => bus,
    snapshot: () => {
      throw new Error('a health check took a whole snapshot');
    },
  } as unknown as LiveStats;
  return new ChangeBusHealthIndicator(stats, new HealthIndicatorService());
}

describe('ChangeBusHealthIndicator', () => {
  it('applies only to a bus that talks to other instances', () => {
    expect(indicatorOver({ name: 'in-process', connected: true }).applies).toBe(false);
    expect(indicatorOver({ name: 'redis', connected: true }).applies).toBe(true);
  });

  it('is up while the bus reaches the others and down while it does not', () => {
    expect(indicatorOver({ name: 'redis', connected: true }).check()).toEqual({ bus: { status: 'up', bus: 'redis' } });
    expect(indicatorOver({ name: 'redis', connected: false }).check()).toEqual({ bus: { status: 'down', bus: 'redis' } });
  });
});
