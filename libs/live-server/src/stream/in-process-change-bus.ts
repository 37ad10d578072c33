import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Subject, of } from 'rxjs';
import type { CommittedChange } from './committed-change';
import { ChangeBus } from './change-bus';

@Injectable()
export class InProcessChangeBus extends ChangeBus implements OnModuleDestroy {
  readonly name = 'in-process';
  readonly connected = true;
  readonly connected$ = of(true);
  private readonly subject = new Subject<CommittedChange>();
  readonly changes$ = this.subject.asObservable();

  publish(changes: readonly CommittedChange[]): void {
    for (const change of changes) this.subject.next(change);
  }

  onModuleDestroy(): void {
    this.subject.complete();
  }
}
