import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Subject, of } from 'rxjs';
import type { StoredChange } from './change';
import { ChangeBus } from './change-bus';

@Injectable()
export class InProcessChangeBus extends ChangeBus implements OnModuleDestroy {
  readonly name = 'in-process';
  readonly connected = true;
  readonly connected$ = of(true);
  private readonly subject = new Subject<StoredChange>();
  readonly changes$ = this.subject.asObservable();

  publish(changes: readonly StoredChange[]): void {
    for (const change of changes) this.subject.next(change);
  }

  onModuleDestroy(): void {
    this.subject.complete();
  }
}
