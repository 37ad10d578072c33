import { holdsNul } from './nul-characters';

describe('holdsNul', () => {
  it('finds U+0000 in a string at any depth, in values and in keys', () => {
    expect(holdsNul('a\u0000')).toBe(true);
    expect(holdsNul({ article: { tagList: ['ok', 't\u0000'] } })).toBe(true);
    expect(holdsNul({ user: { ['e\u0000mail']: 'x' } })).toBe(true);
  });

  it('passes everything else, including the escaped forms and empty values', () => {
    expect(holdsNul({ user: { bio: '\\u0000 %00 \u0001', image: null, count: 0, flags: [false, undefined] } })).toBe(false);
    expect(holdsNul(undefined)).toBe(false);
    expect(holdsNul({})).toBe(false);
  });
});
