import { Injectable } from '@nestjs/common';

/** Ends a turn; the next waiting replay gets the process after the pending I/O. */
export type EndTurn = () => void;

/**
 * Replays take turns: one page of one replay at a time in the whole process, each turn in a later
 * event-loop iteration than the previous one ended, and no sooner than the previous one took: so
 * replays take at most half of the process, whatever their number. On SQLite a read resolves
 * without waiting for I/O, so a replay that did not yield would hold the process from its first
 * page to its last; taking turns, 30 sockets replaying from "0" cost an HTTP request about a page
 * of delay, and hold at most one page each in memory.
 */
@Injectable()
export class ReplayPacer {
  private readonly waiting: ((endTurn: EndTurn) => void)[] = [];
  private busy = false;
  private turnStartedAt = 0;
  /** No turn starts before this (performance.now()). */
  private resumeAt = 0;

  /** Resolves when it is the caller's turn; the caller must end it with the function it gets. */
  turn(): Promise<EndTurn> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.busy) this.handOver();
    });
  }

  private readonly endTurn: EndTurn = () => {
    const now = performance.now();
    this.resumeAt = now + (now - this.turnStartedAt);
    if (this.waiting.length > 0) this.handOver();
    else this.busy = false;
  };

  private readonly startNext = (): void => {
    this.turnStartedAt = performance.now();
    this.waiting.shift()!(this.endTurn);
  };

  private handOver(): void {
    this.busy = true;
    const pause = this.resumeAt - performance.now();
    if (pause >= 1) setTimeout(this.startNext, pause);
    else setImmediate(this.startNext);
  }
}
