import { hashPassword, verifyNoPassword, verifyPassword } from './password-hasher';

describe('password hasher', () => {
  it('stores scrypt with its parameters, a 16-byte salt and a 64-byte key, never the password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
    expect({ scheme, n, r, p, rest }).toEqual({ scheme: 'scrypt', n: String(2 ** 15), r: '8', p: '1', rest: [] });
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
    expect(stored).not.toContain('correct horse');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('s3cret!');
    await expect(verifyPassword('s3cret!', stored)).resolves.toBe(true);
    await expect(verifyPassword('s3cret', stored)).resolves.toBe(false);
    await expect(verifyPassword('S3cret!', stored)).resolves.toBe(false);
  });

  it('salts each hash: the same password hashes differently, and both verify', async () => {
    const [first, second] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(first.split('$')[4]).not.toEqual(second.split('$')[4]);
    expect(first).not.toEqual(second);
    await expect(verifyPassword('same', first)).resolves.toBe(true);
    await expect(verifyPassword('same', second)).resolves.toBe(true);
  });

  it('refuses a stored value that is not an scrypt hash', async () => {
    await expect(verifyPassword('plain', 'plain')).resolves.toBe(false);
    await expect(verifyPassword('x', 'bcrypt$10$abc$def')).resolves.toBe(false);
  });

  it('reads the cost from the stored hash, so older parameters keep verifying', async () => {
    const stored = await hashPassword('old one');
    const [, , , , salt, key] = stored.split('$');
    // Same salt and key under other parameters: the key no longer matches.
    await expect(verifyPassword('old one', ['scrypt', 2 ** 14, 8, 1, salt, key].join('$'))).resolves.toBe(false);
  });

  it('verifyNoPassword (the stand-in for an account that does not exist) refuses every password', async () => {
    await expect(verifyNoPassword('')).resolves.toBe(false);
    await expect(verifyNoPassword('correct horse battery staple')).resolves.toBe(false);
  });
});
