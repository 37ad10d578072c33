import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ChangeStream } from './change-stream.service';
import { STREAM_OPTIONS, type StreamOptions } from './stream-options';

/**
 * Keeps the change table bounded. A subscriber whose cursor falls behind what is kept gets
 * `reset` and refetches its snapshot (PROTOCOL.md). Every instance prunes; deletes are idempotent.
 */
@Injectable()
export class StreamRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StreamRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly stream: ChangeStream,
    @Inject(STREAM_OPTIONS) private readonly options: StreamOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), Math.min(this.options.pruneIntervalMs, this.options.retentionMs));
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async prune(now = new Date()): Promise<number> {
    try {
      const removed = await this.stream.prune(new Date(now.getTime() - this.options.retentionMs), this.options.retentionMaxChanges);
      if (removed > 0) this.logger.log(`pruned ${removed} change(s) past retention`);
      return removed;
    } catch (error) {
      this.logger.warn(`pruning the change stream failed: ${String(error)}`);
      return 0;
    }
  }
}
