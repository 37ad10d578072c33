import { isValidUsername, usernameKey } from './username';

describe('usernameKey', () => {
  it.each([
    ['Alice', 'alice'],
    ['ＡＬＩＣＥ', 'alice'],
    ['ﬁx', 'fix'],
    ['Straße', 'strasse'],
    ['ΟΔΥΣΣΕΥΣ', usernameKey('οδυσσευς')],
  ])('folds %s with %s', (name, key) => {
    expect(usernameKey(name)).toBe(key);
  });
});

describe('isValidUsername', () => {
  it.each(['jake', 'josé.ñ-1', 'a_b', '-dash', 'नमस्ते', 'ＡＬＩＣＥ'])('accepts %j', (name) => {
    expect(isValidUsername(name)).toBe(true);
  });

  it.each(['.', '..', '.x', 'x.', 'a/b', 'a%b', 'a b', 'a\u0000', 'a\u202Eb', '\u0301a', 'a⒈', ''])('refuses %j', (name) => {
    expect(isValidUsername(name)).toBe(false);
  });
});
