import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LiveStats, type LiveStatsSnapshot } from '@conduit/live-server';
import { registerCountedHistogram } from './counted-histogram';

/** `articles/<slug>/comments` topics are one series, not one per article. */
export function topicFamily(topic: string): string {
  return topic.startsWith('articles/') ? 'articles/{slug}/comments' : topic;
}

/**
 * Prometheus metrics of this instance. The live machinery counts for itself (its fan-out histogram
 * included) and is read as one snapshot per scrape, so delivery pays nothing per socket and metrics
 * hook into nothing. Each app has its own registry: several apps in one process (tests) never collide.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
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

  /** Read once per scrape, so that every series of a scrape shows the same moment. */
  private live!: LiveStatsSnapshot;

  constructor(private readonly stats: LiveStats) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry, prefix: 'conduit_' });
    this.live = this.stats.snapshot();
    const live = () => this.live;
    const registers = [this.registry];
    new Gauge({ name: 'conduit_ws_open_sockets', help: 'WebSocket connections open now', registers, collect() { this.set(live().openSockets); } });
    new Gauge({
      name: 'conduit_ws_subscriptions',
      help: 'Live subscriptions by topic (comment topics grouped)',
      labelNames: ['topic'] as const,
      registers,
      collect() {
        this.reset();
        for (const [topic, count] of live().subscriptionsByTopic) this.inc({ topic: topicFamily(topic) }, count);
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
    total('conduit_changes_published_total', 'Changes this instance committed and published', () => live().changesPublished);
    total('conduit_ws_slow_drops_total', 'Sockets closed with 1013 because they read too slowly', () => live().slowDrops);
    total('conduit_ws_resets_total', '`reset` answers (cursor unknown or older than kept)', () => live().resets);
    total('conduit_ws_protocol_errors_total', 'Invalid frames answered with `error`', () => live().protocolErrors);
    new Gauge({ name: 'conduit_bus_connected', help: '1 when the change bus reaches the other instances', labelNames: ['bus'] as const, registers, collect() { const { bus } = live(); this.set({ bus: bus.name }, bus.connected ? 1 : 0); } });
    registerCountedHistogram(this.registry, 'conduit_live_fanout_duration_seconds', 'Time to hand one change to every socket subscribed to its topic', () => live().fanOut);
  }

  text(): Promise<string> {
    this.live = this.stats.snapshot();
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
