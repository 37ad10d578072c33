import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import type { Profile } from '@conduit/contract';
import { errorMessages } from '../core/api/api-errors';
import { ProfilesApi } from '../core/api/profiles.api';
import { TabChannel } from '../core/tabs/tab-channel';
import { signInFirst } from './sign-in-first';

/** "Follow {username}" / "Unfollow {username}" (selector contract); the reader's other tabs are told, for their feed. */
@Component({
  selector: 'app-follow-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = profile();
    <button
      type="button"
      class="btn btn-sm"
      [class.btn-secondary]="p.following"
      [class.btn-outline-secondary]="!p.following"
      [attr.aria-pressed]="p.following"
      [disabled]="busy()"
      (click)="toggle()"
    >
      <span aria-hidden="true">{{ p.following ? '−' : '+' }}</span> {{ p.following ? 'Unfollow' : 'Follow' }} {{ p.username }}
    </button>
    @if (failure(); as message) {
      <span class="action-error" role="alert">{{ message }}</span>
    }
  `,
})
export class FollowButton {
  private readonly api = inject(ProfilesApi);
  private readonly tabs = inject(TabChannel);
  private readonly readerOrSignIn = signInFirst();

  readonly profile = input.required<Profile>();
  readonly changed = output<Profile>();
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);

  protected toggle(): void {
    if (!this.readerOrSignIn()) return;
    const p = this.profile();
    this.busy.set(true);
    this.failure.set(null);
    this.api.setFollowing(p.username, !p.following).subscribe({
      next: (profile) => {
        this.busy.set(false);
        this.tabs.post({ kind: 'following', username: profile.username, following: profile.following });
        this.changed.emit(profile);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.failure.set(errorMessages(error).join(' '));
      },
    });
  }
}
