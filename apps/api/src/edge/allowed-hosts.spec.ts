import { allowedHosts } from './allowed-hosts';

describe('allowedHosts', () => {
  it('serves the loopback names by default, and nothing else', () => {
    const allows = allowedHosts({ publicUrl: null, allowedHosts: [] });
    expect(['localhost', '127.0.0.1', '[::1]'].every(allows)).toBe(true);
    expect(allows('conduit.example')).toBe(false);
  });

  it("adds PUBLIC_URL's host and NG_ALLOWED_HOSTS, with *.domain for the names under it", () => {
    const allows = allowedHosts({ publicUrl: 'https://conduit.example', allowedHosts: ['www.other.example', '*.cdn.example'] });
    expect(['conduit.example', 'www.other.example', 'eu.cdn.example', 'localhost'].every(allows)).toBe(true);
    expect(['other.example', 'cdn.example', 'evilcdn.example', 'conduit.example.evil'].some(allows)).toBe(false);
  });
});
