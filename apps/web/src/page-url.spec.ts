import { canonicalPageUrl } from './page-url';

describe('canonicalPageUrl', () => {
  it('keeps a plain path as it is', () => {
    expect(canonicalPageUrl('/article/how-to-train-your-dragon')).toBe('/article/how-to-train-your-dragon');
    expect(canonicalPageUrl('/')).toBe('/');
  });

  it('spells one page one way, however its path is escaped', () => {
    expect(canonicalPageUrl('/article/%61b')).toBe('/article/ab');
    expect(canonicalPageUrl('/profile/a%20b')).toBe(canonicalPageUrl('/profile/a b'));
  });

  it('keeps only the query parameters pages read, in one order', () => {
    expect(canonicalPageUrl('/?page=2&utm_source=x&feed=following')).toBe('/?feed=following&page=2');
    expect(canonicalPageUrl('/?junk=1')).toBe('/');
    expect(canonicalPageUrl('/tag/dragons?tag=x&z=1')).toBe('/tag/dragons?tag=x');
  });

  it('never lets a path that starts with // name another host', () => {
    expect(canonicalPageUrl('//evil.example/x')).toBe('//evil.example/x');
  });
});
