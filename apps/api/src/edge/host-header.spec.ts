import { hostNameOf, isHostPattern } from './host-header';

describe('hostNameOf', () => {
  it.each([
    ['localhost:3000', 'localhost'],
    ['Conduit.Example', 'conduit.example'],
    ['127.0.0.1:8080', '127.0.0.1'],
    ['[::1]:3000', '[::1]'],
  ])('reads %s as %s', (value, name) => {
    expect(hostNameOf(value)).toBe(name);
  });

  it.each([undefined, '', 'localhost:3000@evil.example', '<img src=x>', 'a.example, b.example', 'a.example/path', 'localhost:99999', 'localhost:', '-a.example', 'a b'])(
    'refuses %j',
    (value) => {
      expect(hostNameOf(value)).toBeNull();
    },
  );
});

describe('isHostPattern', () => {
  it('takes names, addresses and *.domain', () => {
    expect(['conduit.example', '10.0.0.1', '[::1]', '*.conduit.example'].every(isHostPattern)).toBe(true);
  });

  it('refuses ports, userinfo and bare wildcards', () => {
    expect(['conduit.example:80', 'a@b', '*', '*example.com'].some(isHostPattern)).toBe(false);
  });
});
