import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { TEST_JWT_SECRET, createServiceTestModule, type ServiceTestModule } from '../../../../test/support/service-test-module';
import { AuthTokenService } from './auth-token.service';

/** Swaps one character of a base64url segment for another valid one. */
function flipCharacter(segment: string, at: number): string {
  return segment.slice(0, at) + (segment[at] === 'A' ? 'B' : 'A') + segment.slice(at + 1);
}

describe('AuthTokenService', () => {
  let testing: ServiceTestModule;
  let tokens: AuthTokenService;
  let jwt: JwtService;
  let jakeId: number;
  const jake = () => ({ id: jakeId, username: 'jake', tokenVersion: 0 });
  const setAccount = (changes: Partial<UserEntity>) => testing.module.get(DataSource).getRepository(UserEntity).update({ id: jakeId }, changes);

  beforeEach(async () => {
    testing = await createServiceTestModule([], { JWT_TTL_SECONDS: '600' });
    tokens = testing.module.get(AuthTokenService);
    jwt = testing.module.get(JwtService);
    jakeId = await testing.insertUser('jake');
  });
  afterEach(() => testing.close());

  it('checks a token it issued as the same user, in the session it was issued for, with the profile the account shows now', async () => {
    const session = 'AAAAAAAAAAAAAAAAAAAAAA';
    const issued = tokens.issue(jake(), session);
    await setAccount({ bio: 'Writes about dragons', image: 'https://example.com/jake.png' });
    const profile = { id: jakeId, username: 'jake', bio: 'Writes about dragons', image: 'https://example.com/jake.png', showAsReading: true };
    await expect(tokens.check(issued)).resolves.toEqual({ ok: true, user: { ...profile, sessionId: session } });
    const fresh = await tokens.check(tokens.issue(jake()));
    expect(fresh).toEqual({ ok: true, user: { ...profile, sessionId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) } });
  });

  it('reads the account as find would: a hidden reader is false, not 0, and an unknown account is invalid', async () => {
    await setAccount({ showAsReading: false });
    await expect(tokens.check(tokens.issue(jake()))).resolves.toMatchObject({ ok: true, user: { id: jakeId, showAsReading: false } });
    await expect(tokens.check(tokens.issue({ ...jake(), id: jakeId + 1000 }))).resolves.toEqual({ ok: false, reason: 'is invalid' });
  });

  it('issues HS256 tokens that live JWT_TTL_SECONDS and carry the token version', () => {
    const token = tokens.issue({ ...jake(), tokenVersion: 3 });
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    const claims = jwt.decode<{ sub: string; iat: number; exp: number; ver: number }>(token);
    expect(header.alg).toBe('HS256');
    expect(claims.sub).toBe(String(jakeId));
    expect(claims.ver).toBe(3);
    expect(claims.exp - claims.iat).toBe(600);
  });

  it('speaks for the account under its current username, after a rename', async () => {
    const token = tokens.issue(jake());
    await setAccount({ username: 'jake2' });
    await expect(tokens.check(token)).resolves.toMatchObject({ ok: true, user: { id: jakeId, username: 'jake2' } });
  });

  it('says "has been revoked" for a token of an older (or other) token version', async () => {
    const old = tokens.issue(jake());
    await setAccount({ tokenVersion: 1 });
    await expect(tokens.check(old)).resolves.toEqual({ ok: false, reason: 'has been revoked' });
    await expect(tokens.check(tokens.issue({ ...jake(), tokenVersion: 2 }))).resolves.toEqual({ ok: false, reason: 'has been revoked' });
    await expect(tokens.check(tokens.issue({ ...jake(), tokenVersion: 1 }))).resolves.toMatchObject({ ok: true });
  });

  it('keeps the tokens of the session that made the latest password change, of any version, and no other', async () => {
    const [changer, other] = ['BBBBBBBBBBBBBBBBBBBBBB', 'CCCCCCCCCCCCCCCCCCCCCC'];
    const changersOld = tokens.issue(jake(), changer);
    await setAccount({ tokenVersion: 1, keptSessionId: changer });
    await expect(tokens.check(changersOld)).resolves.toMatchObject({ ok: true });
    await expect(tokens.check(tokens.issue(jake(), other))).resolves.toEqual({ ok: false, reason: 'has been revoked' });
    await setAccount({ tokenVersion: 2, keptSessionId: other });
    await expect(tokens.check(changersOld)).resolves.toEqual({ ok: false, reason: 'has been revoked' });
  });

  it('takes a token from before token versions (no ver claim) as version 0', async () => {
    const legacy = jwt.sign({ sub: String(jakeId), username: 'jake' });
    await expect(tokens.check(legacy)).resolves.toMatchObject({ ok: true });
    await setAccount({ tokenVersion: 1 });
    await expect(tokens.check(legacy)).resolves.toEqual({ ok: false, reason: 'has been revoked' });
  });

  it('says "is invalid" for a validly signed token without exp', async () => {
    const forever = new JwtService({ secret: TEST_JWT_SECRET }).sign({ sub: String(jakeId), username: 'jake', ver: 0 });
    expect(jwt.decode<{ exp?: number }>(forever).exp).toBeUndefined();
    await expect(tokens.check(forever)).resolves.toEqual({ ok: false, reason: 'is invalid' });
  });

  it('says "is invalid" for a token of an account that no longer exists', async () => {
    await expect(tokens.check(tokens.issue({ ...jake(), id: jakeId + 1 }))).resolves.toEqual({ ok: false, reason: 'is invalid' });
  });

  it('says "has expired" for a token past its lifetime', async () => {
    // Issued (with the app's secret and TTL) as if 601 seconds ago.
    const issuedAt = Math.floor(Date.now() / 1000) - 601;
    const token = jwt.sign({ sub: String(jakeId), username: 'jake', iat: issuedAt });
    await expect(tokens.check(token)).resolves.toEqual({ ok: false, reason: 'has expired' });
  });

  it('says "is invalid" for a token whose claims were altered', async () => {
    const [header, payload, signature] = tokens.issue(jake()).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ver: 1 })).toString('base64url');
    await expect(tokens.check([header, forged, signature].join('.'))).resolves.toEqual({ ok: false, reason: 'is invalid' });
  });

  it('says "is invalid" for a token whose signature was altered', async () => {
    const [header, payload, signature] = tokens.issue(jake()).split('.');
    await expect(tokens.check([header, payload, flipCharacter(signature, 3)].join('.'))).resolves.toEqual({ ok: false, reason: 'is invalid' });
  });

  it('says "is invalid" for a token signed with another secret, or with no signature', async () => {
    const claims = { sub: String(jakeId), username: 'jake' };
    const other = new JwtService({ secret: `${TEST_JWT_SECRET}-other` }).sign(claims, { expiresIn: 60 });
    const unsigned = new JwtService({}).sign(claims, { algorithm: 'none', expiresIn: 60 });
    await expect(tokens.check(other)).resolves.toEqual({ ok: false, reason: 'is invalid' });
    await expect(tokens.check(unsigned)).resolves.toEqual({ ok: false, reason: 'is invalid' });
  });

  it('says "is invalid" for a validly signed token without a numeric subject, a username, an integer version or a well-formed session', async () => {
    await expect(tokens.check(jwt.sign({ sub: 'jake', username: 'jake' }))).resolves.toEqual({ ok: false, reason: 'is invalid' });
    await expect(tokens.check(jwt.sign({ sub: String(jakeId) }))).resolves.toEqual({ ok: false, reason: 'is invalid' });
    await expect(tokens.check(jwt.sign({ sub: String(jakeId), username: 'jake', ver: '0' }))).resolves.toEqual({ ok: false, reason: 'is invalid' });
    await expect(tokens.check(jwt.sign({ sub: String(jakeId), username: 'jake', sid: 42 }))).resolves.toEqual({ ok: false, reason: 'is invalid' });
    await expect(tokens.check(jwt.sign({ sub: String(jakeId), username: 'jake', sid: 'x'.repeat(500) }))).resolves.toEqual({ ok: false, reason: 'is invalid' });
  });

  it('says "is invalid" for garbage', async () => {
    await expect(tokens.check('')).resolves.toEqual({ ok: false, reason: 'is invalid' });
    await expect(tokens.check('not.a.jwt')).resolves.toEqual({ ok: false, reason: 'is invalid' });
  });
});
