import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ChangeBus, ChangeOutbox, LiveGateway, LiveHub } from '@conduit/live-server';

/** `articles/<slug>/comments` topics are one series, not one per article. */
export function topicFamily(topic: string): string {
  return topic.startsWith('articles/') ? 'articles/{slug}/comments' : topic;
}

/**
 * Prometheus metrics of this instance. The live machinery keeps plain counters (LiveGateway,
 * LiveHub, ChangeOutbox) that are read at scrape time, so delivery pays nothing per socket; the
 * fan-out histogram is fed by one callback per change. Each app has its own registry: several apps
 * in one process (tests) never collide.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'conduit_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly ssrRender = new Histogram({
    name: 'conduit_ssr_render_duration_seconds',
    help: 'Server-side rendering of a page, from request to the last byte',
    labelNames: ['status'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private readonly fanOut = new Histogram({
    name: 'conduit_live_fanout_duration_seconds',
    help: 'Time to hand one change to every socket subscribed to its topic',
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers: [this.registry],
  });

  constructor(
    private readonly gateway: LiveGateway,
    private readonly hub: LiveHub,
    private readonly outbox: ChangeOutbox,
    private readonly bus: ChangeBus,
  ) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry, prefix: 'conduit_' });
    const { gateway, hub, outbox, bus } = this;
    const registers = [this.registry];
    new Gauge({ name: 'conduit_ws_open_sockets', help: 'WebSocket connections open now', registers, collect() { this.set(gateway.openSockets); } });
    new Gauge({
      name: 'conduit_ws_subscriptions',
      help: 'Live subscriptions by topic (comment topics grouped)',
      labelNames: ['topic'] as const,
      registers,
      collect() {
        this.reset();
        for (const [topic, count] of hub.subscriptionsByTopic()) this.inc({ topic: topicFamily(topic) }, count);
      },
    });
    const total = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    total('conduit_changes_published_total', 'Changes this instance committed and published', () => outbox.published);
    total('conduit_ws_slow_drops_total', 'Sockets closed with 1013 because they read too slowly', () => gateway.slowDrops);
    total('conduit_ws_resets_total', '`reset` answers (cursor unknown or older than kept)', () => hub.resets);
    total('conduit_ws_protocol_errors_total', 'Invalid frames answered with `error`', () => gateway.protocolErrors);
    new Gauge({ name: 'conduit_bus_connected', help: '1 when the change bus reaches the other instances', labelNames: ['bus'] as const, registers, collect() { this.set({ bus: bus.name }, bus.connected ? 1 : 0); } });
    hub.fanOutObserver = (seconds) => this.fanOut.observe(seconds);
  }

  onModuleDestroy(): void {
    this.hub.fanOutObserver = null;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
