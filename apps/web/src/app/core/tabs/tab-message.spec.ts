import { parseTabMessage } from './tab-message';

describe('parseTabMessage', () => {
  it('reads the messages tabs send each other', () => {
    expect(parseTabMessage({ kind: 'session', signedIn: false })).toEqual({ kind: 'session', signedIn: false });
    expect(parseTabMessage({ kind: 'following', username: 'ann', following: true })).toEqual({ kind: 'following', username: 'ann', following: true });
    expect(parseTabMessage({ kind: 'favorite', slug: 'how-to', favorited: false })).toEqual({ kind: 'favorite', slug: 'how-to', favorited: false });
  });

  it('keeps only the known fields', () => {
    expect(parseTabMessage({ kind: 'session', signedIn: true, user: { token: 'x' } })).toEqual({ kind: 'session', signedIn: true });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'session'],
    ['a number', 42],
    ['an array', [{ kind: 'session', signedIn: true }]],
    ['an unknown kind', { kind: 'reload' }],
    ['a session without signedIn', { kind: 'session' }],
    ['a signedIn that is not a boolean', { kind: 'session', signedIn: 'false' }],
    ['a following without username', { kind: 'following', following: true }],
    ['a username that is not a string', { kind: 'following', username: { toString: 'x' }, following: true }],
    ['a favorite without slug', { kind: 'favorite', favorited: true }],
    ['a favorited that is not a boolean', { kind: 'favorite', slug: 'how-to', favorited: 1 }],
    ['a slug that is not a string', { kind: 'favorite', slug: ['how-to'], favorited: true }],
    ['a prototype trick', JSON.parse('{"__proto__": {"kind": "session", "signedIn": true}}')],
  ])('refuses %s', (_case, data) => {
    expect(parseTabMessage(data)).toBeNull();
  });
});
