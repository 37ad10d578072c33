import { compareCursors, isAfter, isCursor } from './cursor';

describe('cursors', () => {
  it.each([
    ['9', '10', -1],
    ['10', '9', 1],
    ['123', '123', 0],
    ['0', '1', -1],
    ['9007199254740993', '9007199254740992', 1],
    ['99999999999999999999', '100000000000000000000', -1],
  ])('compares %s with %s as numbers (%i)', (a, b, expected) => {
    expect(compareCursors(a, b)).toBe(expected);
    expect(Math.sign(Number(BigInt(a) - BigInt(b)))).toBe(expected);
  });

  it('says a cursor is after another only when it is strictly greater', () => {
    expect(isAfter('10', '9')).toBe(true);
    expect(isAfter('9', '9')).toBe(false);
    expect(isAfter('9', '10')).toBe(false);
  });

  it('accepts only decimal digit strings without leading zeros', () => {
    expect(['0', '7', '1234567890123456789012'].every(isCursor)).toBe(true);
    expect(['', '01', '-1', '1.5', ' 1', 7, null].some(isCursor)).toBe(false);
  });
});
