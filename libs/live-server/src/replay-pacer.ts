import { Injectable } from '@nestjs/common';

/** Ends a turn; the next waiting replay gets the process after the pending I/O. */
export type EndTurn = () => void;

/**
 * Replays take turns: one page of one replay at a time in the whole process, and every turn
 * starts in a later event-loop iteration (setImmediate) than the previous one ended. On SQLite a
 * read resolves without waiting for I/O, so a replay that did not yield would hold the process
 * from its first page to its last; taking turns, 30 sockets replaying from "0" cost each HTTP
 * request at most about one page of delay, and hold at most one page each in memory.
 */
@Injectable()
export class ReplayPacer {
  private readonly waiting: ((endTurn: EndTurn) => void)[] = [];
  private busy = false;

  /** Resolves when it is the caller's turn; the caller must end it with the function it gets. */
  turn(): Promise<EndTurn> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.busy) this.handOver();
    });
  }

  private readonly endTurn: EndTurn = () => {
    if (this.waiting.length > 0) this.handOver();
    else this.busy = false;
  };

  private handOver(): void {
    this.busy = true;
    setImmediate(() => this.waiting.shift()!(this.endTurn));
  }
}
