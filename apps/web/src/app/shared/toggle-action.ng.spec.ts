import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Subject, throwError } from 'rxjs';
import { OFFLINE_MESSAGE } from '../core/api/api-errors';
import { Session } from '../core/auth/session';
import { ToggleAction } from './toggle-action';

describe('ToggleAction', () => {
  const signedIn = signal(true);
  let action: ToggleAction;
  let answered: string[];
  const remember = (answer: string) => answered.push(answer);

  beforeEach(() => {
    signedIn.set(true);
    answered = [];
    TestBed.configureTestingModule({ providers: [ToggleAction, provideRouter([]), { provide: Session, useValue: { signedIn } }] });
    action = TestBed.inject(ToggleAction);
  });

  afterEach(() => jest.restoreAllMocks());

  it('is busy while the request is in flight and hands on its answer', () => {
    const response = new Subject<string>();
    action.run(() => response, remember);
    expect(action.busy()).toBe(true);
    expect(answered).toEqual([]);

    response.next('favorited');
    expect(action.busy()).toBe(false);
    expect(answered).toEqual(['favorited']);
    expect(action.failure()).toBeNull();
  });

  it("says why a request failed, in the API's words, and hands on nothing", () => {
    const refusal = { status: 422, error: { errors: { article: ['is gone'] } } };
    action.run(() => throwError(() => refusal), remember);
    expect(action.busy()).toBe(false);
    expect(action.failure()).toBe('article is gone');
    expect(answered).toEqual([]);
  });

  it('says the reader is offline when the browser knows it', () => {
    jest.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    action.run(() => throwError(() => ({ status: 0 })), remember);
    expect(action.failure()).toBe(OFFLINE_MESSAGE);
  });

  it('clears the last failure when the reader tries again', () => {
    action.run(() => throwError(() => ({ status: 500 })), remember);
    expect(action.failure()).toBe('Something went wrong. Please try again.');
    action.run(() => new Subject<string>(), remember);
    expect(action.failure()).toBeNull();
    expect(action.busy()).toBe(true);
  });

  it('sends a signed-out visitor to sign in and sends no request', () => {
    signedIn.set(false);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const request = jest.fn(() => new Subject<string>());
    action.run(request, remember);
    expect(navigate).toHaveBeenCalledWith('/login');
    expect(request).not.toHaveBeenCalled();
    expect(action.busy()).toBe(false);
  });
});
