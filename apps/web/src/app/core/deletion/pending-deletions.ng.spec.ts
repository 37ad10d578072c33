import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { Subject, of, throwError } from 'rxjs';
import { PendingDeletions, UNDO_WINDOW_MS, type DeletionRequest } from './pending-deletions';

describe('PendingDeletions', () => {
  let deletions: PendingDeletions;
  let sent: Array<{ key: string; keepalive: boolean }>;

  const request = (key: string, answer: () => ReturnType<DeletionRequest['send']> = () => of(null)): DeletionRequest => ({
    key,
    what: 'Comment',
    send: ({ keepalive }) => {
      sent.push({ key, keepalive });
      return answer();
    },
  });

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    deletions = TestBed.inject(PendingDeletions);
  });

  afterEach(() => jest.useRealTimers());

  it('hides the item at once and sends the DELETE only when the window has passed', () => {
    deletions.schedule(request('comment:1'));
    expect(deletions.hidden().has('comment:1')).toBe(true);
    expect(deletions.shown()).toEqual([{ key: 'comment:1', what: 'Comment', state: 'waiting' }]);
    jest.advanceTimersByTime(UNDO_WINDOW_MS - 1);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([{ key: 'comment:1', keepalive: false }]);
    // Gone for good: still hidden, nothing left to undo or show.
    expect(deletions.shown()).toEqual([]);
    expect(deletions.hidden().has('comment:1')).toBe(true);
  });

  it('sends nothing after an undo, and shows the item again', () => {
    deletions.schedule(request('comment:1'));
    deletions.undo('comment:1');
    jest.advanceTimersByTime(2 * UNDO_WINDOW_MS);
    expect(sent).toEqual([]);
    expect(deletions.hidden().size).toBe(0);
    expect(deletions.shown()).toEqual([]);
  });

  it('cannot undo once the DELETE has left, and schedules one DELETE per item however often it is asked', () => {
    const answer = new Subject<unknown>();
    deletions.schedule(request('comment:1', () => answer));
    deletions.schedule(request('comment:1', () => answer));
    jest.advanceTimersByTime(UNDO_WINDOW_MS);
    deletions.undo('comment:1');
    expect(deletions.shown()).toEqual([{ key: 'comment:1', what: 'Comment', state: 'sending' }]);
    answer.complete();
    expect(sent).toHaveLength(1);
    expect(deletions.hidden().has('comment:1')).toBe(true);
  });

  it('puts a failed deletion back in its lists and says why, until dismissed', () => {
    deletions.schedule(request('comment:1', () => throwError(() => ({ status: 403, error: {} }))));
    jest.advanceTimersByTime(UNDO_WINDOW_MS);
    expect(deletions.hidden().has('comment:1')).toBe(false);
    expect(deletions.shown()).toEqual([{ key: 'comment:1', what: 'Comment', state: 'failed', failure: 'You are not allowed to do that.' }]);
    deletions.dismiss('comment:1');
    expect(deletions.shown()).toEqual([]);
  });

  it('sends what is still waiting as keepalive requests when the page goes away', () => {
    deletions.schedule(request('comment:1'));
    deletions.schedule(request('comment:2'));
    deletions.undo('comment:2');
    TestBed.inject(DOCUMENT).defaultView!.dispatchEvent(new Event('pagehide'));
    expect(sent).toEqual([{ key: 'comment:1', keepalive: true }]);
    jest.advanceTimersByTime(UNDO_WINDOW_MS);
    expect(sent).toHaveLength(1);
  });
});
