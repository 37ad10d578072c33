import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { afterRenderIdle } from '../../core/browser/after-render-idle';
import { Clock } from './clock';
import { calendarDate, fullDateTime, relativeTime } from './relative-time';

/**
 * A `<time>` that says how long ago an instant was ("3 minutes ago"), with the full date and time on
 * hover. Server-rendered, and until the app runs in the browser, it prints the calendar date and time in
 * UTC, which every reader's first render prints alike; then the reader's own clock and time zone take over.
 */
@Component({
  selector: 'time[appTimeAgo]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.datetime]': 'instant()', '[title]': 'title()' },
  template: `{{ text() }}`,
})
export class TimeAgo {
  private readonly clock = inject(Clock);
  /** ISO 8601, as the API sends it. */
  readonly instant = input.required<string>({ alias: 'appTimeAgo' });
  private readonly time = computed(() => Date.parse(this.instant()));
  /** In the browser, the reader's zone (undefined); before that, UTC. */
  private readonly zone = computed(() => (this.clock.now() === null ? 'UTC' : undefined));

  protected readonly text = computed(() => {
    const now = this.clock.now();
    if (Number.isNaN(this.time())) return '';
    return (now !== null && relativeTime(this.time(), now)) || calendarDate(this.time(), this.zone());
  });
  protected readonly title = computed(() => (Number.isNaN(this.time()) ? '' : fullDateTime(this.time(), this.zone())));

  constructor() {
    // Every date's text and title change then: not in the hydration task.
    afterRenderIdle(() => this.clock.start());
  }
}
