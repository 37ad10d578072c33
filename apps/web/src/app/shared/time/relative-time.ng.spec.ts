import { calendarDate, fullDateTime, relativeTime } from './relative-time';

const now = Date.parse('2026-12-02T12:00:00.000Z');
const ago = (ms: number) => relativeTime(now - ms, now);
const MINUTE = 60_000;

describe('relative time', () => {
  it.each([
    [0, 'just now'],
    [59_999, 'just now'],
    [MINUTE, '1 minute ago'],
    [3 * MINUTE + 59_000, '3 minutes ago'],
    [59 * MINUTE, '59 minutes ago'],
    [60 * MINUTE, '1 hour ago'],
    [23 * 60 * MINUTE, '23 hours ago'],
    [24 * 60 * MINUTE, 'yesterday'],
    [48 * 60 * MINUTE - 1, 'yesterday'],
    [48 * 60 * MINUTE, '2 days ago'],
    [29 * 24 * 60 * MINUTE, '29 days ago'],
  ])('says %p ms ago is %p', (elapsed, text) => expect(ago(elapsed)).toBe(text));

  it('gives up past 30 days, where the calendar date reads better', () => {
    expect(ago(30 * 24 * 60 * MINUTE)).toBeNull();
  });

  it('calls an instant ahead of the reader\'s clock "just now"', () => {
    expect(ago(-5 * MINUTE)).toBe('just now');
  });

  it('prints the calendar date and the full date and time in UTC', () => {
    const instant = Date.parse('2024-01-02T23:30:00.000Z');
    expect(calendarDate(instant, 'UTC')).toBe('January 2, 2024');
    expect(fullDateTime(instant, 'UTC')).toBe('Tuesday, January 2, 2024 at 11:30 PM UTC');
  });

  it("prints them in the reader's own zone, named", () => {
    const instant = Date.parse('2024-01-02T23:30:00.000Z');
    const local = new Date(instant);
    const offset = -local.getTimezoneOffset() / 60;
    expect(calendarDate(instant)).toBe(local.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' }));
    expect(fullDateTime(instant)).toMatch(new RegExp(`at \\d{1,2}:\\d{2} [AP]M GMT${offset === 0 ? '' : offset > 0 ? `\\+${offset}` : offset}`));
  });
});
