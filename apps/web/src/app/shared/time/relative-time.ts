const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Past this, a date says more than "5 weeks ago". */
const RELATIVE_UNTIL = 30 * DAY;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "just now", "3 minutes ago", "5 hours ago", "yesterday", "12 days ago"; null past 30 days, where the
 * calendar date reads better. An instant ahead of `now` (the reader's clock is behind the server's) is "just now".
 */
export function relativeTime(instant: number, now: number): string | null {
  const elapsed = now - instant;
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < RELATIVE_UNTIL) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return null;
}

const CALENDAR_DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric' };
const FULL_DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
};

/** "January 2, 2024", as the RealWorld app prints a date; `timeZone` undefined is the reader's own. */
export function calendarDate(instant: number, timeZone?: string): string {
  return formatter(CALENDAR_DATE, timeZone).format(instant);
}

/** "Tuesday, January 2, 2024 at 11:30 PM UTC": the full date and time, with its zone. */
export function fullDateTime(instant: number, timeZone?: string): string {
  return formatter(FULL_DATE_TIME, timeZone).format(instant);
}

// Making an Intl.DateTimeFormat costs far more than using one, and a list prints two dates per article.
const formatters = new Map<Intl.DateTimeFormatOptions, Map<string | undefined, Intl.DateTimeFormat>>();

function formatter(options: Intl.DateTimeFormatOptions, timeZone: string | undefined): Intl.DateTimeFormat {
  let byZone = formatters.get(options);
  if (!byZone) formatters.set(options, (byZone = new Map()));
  let format = byZone.get(timeZone);
  if (!format) byZone.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { ...options, timeZone })));
  return format;
}
