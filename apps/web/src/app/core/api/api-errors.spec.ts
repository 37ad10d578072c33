import { errorMessages } from './api-errors';

describe('errorMessages', () => {
  it('lists the RealWorld field errors as "field message"', () => {
    const failure = { status: 422, error: { errors: { email: ['has already been taken'], password: ["can't be blank"] } } };
    expect(errorMessages(failure)).toEqual(['email has already been taken', "password can't be blank"]);
  });

  it.each([
    [{ status: 0, error: null }, 'The server could not be reached. Check your connection and try again.'],
    [{ status: 401, error: {} }, 'Your session has expired. Please sign in again.'],
    [{ status: 500, error: 'boom' }, 'Something went wrong. Please try again.'],
    [undefined, 'Something went wrong. Please try again.'],
  ])('falls back to a sentence for %p', (failure, message) => expect(errorMessages(failure)).toEqual([message]));
});
