import { Injectable } from '@nestjs/common';
import { NEVER } from 'rxjs';
import { PresenceBoard } from './presence-board';
import type { ReaderTally } from './reader-tally';

/** One instance: its own readers are all the readers there are. */
@Injectable()
export class InProcessPresenceBoard extends PresenceBoard {
  readonly name = 'in-process';
  readonly changed$ = NEVER;
  readonly typing$ = NEVER;

  async share(): Promise<void> {}

  async tally(_topic: string, local: ReaderTally): Promise<ReaderTally> {
    return local;
  }

  shareTyping(): void {}
}
