import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { filter, Subscription } from 'rxjs';
import { CommittedChanges, LiveAccounts } from '@conduit/live-server';
import { ACCOUNTS_TOPIC } from './account-change.subscriber';

/**
 * How sockets learn that their account changed: from the change stream, like every instance learns
 * of every write. A rename or a password change reaches each instance once, and costs a token check
 * for that account's open sockets only; delivering a change checks nothing.
 */
@Injectable()
export class AccountSockets implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AccountSockets.name);
  private readonly subscription = new Subscription();

  constructor(
    private readonly changes: CommittedChanges,
    private readonly accounts: LiveAccounts,
  ) {}

  onModuleInit(): void {
    this.subscription.add(
      this.changes.changes$
        .pipe(filter((change) => change.topic === ACCOUNTS_TOPIC && change.audience !== null))
        .subscribe((change) => this.recheck(`account ${change.audience}`, this.accounts.recheckUser(change.audience!))),
    );
    // Changes retention removed before this instance read them may have revoked any account.
    this.subscription.add(this.changes.gaps$.subscribe(() => this.recheck('every account, after a gap in the stream', this.accounts.recheckEveryUser())));
  }

  private recheck(whose: string, done: Promise<void>): void {
    done.catch((error: unknown) => this.logger.warn(`checking the sockets of ${whose} failed: ${String(error)}`));
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
