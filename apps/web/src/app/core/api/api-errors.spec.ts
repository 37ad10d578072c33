import { OFFLINE_MESSAGE, errorMessages, fieldErrors } from './api-errors';

describe('errorMessages', () => {
  it('lists the RealWorld field errors as "field message"', () => {
    const failure = { status: 422, error: { errors: { email: ['has already been taken'], password: ["can't be blank"] } } };
    expect(errorMessages(failure)).toEqual(['email has already been taken', "password can't be blank"]);
  });

  it('leaves out the fields a form shows beside their inputs', () => {
    const failure = { status: 422, error: { errors: { title: ["can't be blank"], article: ['is odd'] } } };
    expect(errorMessages(failure, ['title', 'body'])).toEqual(['article is odd']);
    expect(errorMessages(failure, ['title', 'article'])).toEqual([]);
  });

  it.each([
    [{ status: 0, error: null }, 'The server could not be reached. Check your connection and try again.'],
    [{ status: 401, error: {} }, 'Your session has expired. Please sign in again.'],
    [{ status: 500, error: 'boom' }, 'Something went wrong. Please try again.'],
    [undefined, 'Something went wrong. Please try again.'],
  ])('falls back to a sentence for %p', (failure, message) => expect(errorMessages(failure)).toEqual([message]));

  it('says the reader is offline when the browser knows it', () => {
    const held = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: false }, configurable: true });
    try {
      expect(errorMessages({ status: 0, error: null })).toEqual([OFFLINE_MESSAGE]);
    } finally {
      if (held) Object.defineProperty(globalThis, 'navigator', held);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
});

describe('fieldErrors', () => {
  it('keeps each field with its messages, and nothing from bodies of another shape', () => {
    expect(fieldErrors({ error: { errors: { title: ["can't be blank"], body: 'too long' } } })).toEqual({ title: ["can't be blank"], body: ['too long'] });
    for (const hostile of [undefined, null, 'text', { error: 'boom' }, { error: { errors: null } }, { error: { errors: 'x' } }]) {
      expect(fieldErrors(hostile)).toEqual({});
    }
  });
});
