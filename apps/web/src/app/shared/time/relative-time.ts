import { formatDate } from '@angular/common';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Past this, a date says more than "5 weeks ago". */
const RELATIVE_UNTIL = 30 * DAY;

/** "1 minute ago", "3 hours ago": English only, as the whole app is. */
const ago = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'} ago`;

/**
 * "just now", "3 minutes ago", "5 hours ago", "yesterday", "12 days ago"; null past 30 days, where the
 * calendar date reads better. An instant ahead of `now` (the reader's clock is behind the server's) is "just now".
 * Written out rather than through Intl.RelativeTimeFormat, whose first instance loads ICU data: on a
 * phone, tens of milliseconds inside the task that opens the page.
 */
export function relativeTime(instant: number, now: number): string | null {
  const elapsed = now - instant;
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return ago(Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return ago(Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 2 * DAY) return 'yesterday';
  if (elapsed < RELATIVE_UNTIL) return ago(Math.floor(elapsed / DAY), 'day');
  return null;
}

// Angular's formatDate (its locale data is in the bundle already) prints the absolute dates: a first
// Intl.DateTimeFormat loads ICU's calendar and zone data, tens of milliseconds of a phone's hydration.

/** "January 2, 2024", as the RealWorld app prints a date: in UTC, or (no `timeZone`) in the reader's own zone. */
export function calendarDate(instant: number, timeZone?: 'UTC'): string {
  return formatDate(instant, 'MMMM d, y', 'en-US', timeZone);
}

/** "Tuesday, January 2, 2024 at 11:30 PM UTC": the full date and time, with its zone ("GMT+1" for a reader's own). */
export function fullDateTime(instant: number, timeZone?: 'UTC'): string {
  return formatDate(instant, `EEEE, MMMM d, y 'at' h:mm a ${timeZone ? "'UTC'" : 'z'}`, 'en-US', timeZone);
}
