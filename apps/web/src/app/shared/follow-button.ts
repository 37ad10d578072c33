import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import type { Profile } from '@conduit/contract';
import { ProfilesApi } from '../core/api/profiles.api';
import { TabChannel } from '../core/tabs/tab-channel';
import { ToggleAction } from './toggle-action';

/** "Follow {username}" / "Unfollow {username}" (selector contract); the reader's other tabs are told, for their feed. */
@Component({
  selector: 'app-follow-button',
  providers: [ToggleAction],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = profile();
    <button
      type="button"
      class="btn btn-sm"
      [class.btn-secondary]="p.following"
      [class.btn-outline-secondary]="!p.following"
      [attr.aria-pressed]="p.following"
      [disabled]="action.busy()"
      (click)="toggle()"
    >
      <span aria-hidden="true">{{ p.following ? '−' : '+' }}</span> {{ p.following ? 'Unfollow' : 'Follow' }} {{ p.username }}
    </button>
    @if (action.failure(); as message) {
      <span class="action-error" role="alert">{{ message }}</span>
    }
  `,
})
export class FollowButton {
  private readonly api = inject(ProfilesApi);
  private readonly tabs = inject(TabChannel);
  protected readonly action = inject(ToggleAction);

  readonly profile = input.required<Profile>();
  readonly changed = output<Profile>();

  protected toggle(): void {
    const { username, following } = this.profile();
    this.action.run(
      () => this.api.setFollowing(username, !following),
      (profile) => {
        this.tabs.post({ kind: 'following', username: profile.username, following: profile.following });
        this.changed.emit(profile);
      },
    );
  }
}
