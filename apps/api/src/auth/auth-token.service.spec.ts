import { JwtService } from '@nestjs/jwt';
import { Test, type TestingModule } from '@nestjs/testing';
import { TEST_JWT_SECRET, TestConfigModule, testConfig } from '../testing/service-test-module';
import { AuthTokenService } from './auth-token.service';
import { AuthModule } from './auth.module';

/** Swaps one character of a base64url segment for another valid one. */
function flipCharacter(segment: string, at: number): string {
  return segment.slice(0, at) + (segment[at] === 'A' ? 'B' : 'A') + segment.slice(at + 1);
}

describe('AuthTokenService', () => {
  const config = testConfig({ JWT_TTL_SECONDS: '600' });
  let module: TestingModule;
  let tokens: AuthTokenService;
  let jwt: JwtService;

  beforeAll(async () => {
    module = await Test.createTestingModule({ imports: [TestConfigModule.forRoot(config), AuthModule] }).compile();
    tokens = module.get(AuthTokenService);
    jwt = module.get(JwtService);
  });
  afterAll(() => module.close());

  it('checks a token it issued as the same user', () => {
    const token = tokens.issue({ id: 42, username: 'jake' });
    expect(tokens.check(token)).toEqual({ ok: true, user: { id: 42, username: 'jake' } });
  });

  it('issues HS256 tokens that live JWT_TTL_SECONDS', () => {
    const token = tokens.issue({ id: 1, username: 'jake' });
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    const claims = jwt.decode<{ sub: string; iat: number; exp: number }>(token);
    expect(header.alg).toBe('HS256');
    expect(claims.sub).toBe('1');
    expect(claims.exp - claims.iat).toBe(600);
  });

  it('says "has expired" for a token past its lifetime', () => {
    // Issued (with the app's secret and TTL) as if 601 seconds ago.
    const issuedAt = Math.floor(Date.now() / 1000) - 601;
    const token = jwt.sign({ sub: '1', username: 'jake', iat: issuedAt });
    expect(tokens.check(token)).toEqual({ ok: false, reason: 'has expired' });
  });

  it('says "is invalid" for a token whose claims were altered', () => {
    const [header, payload, signature] = tokens.issue({ id: 1, username: 'jake' }).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: '2' })).toString('base64url');
    expect(tokens.check([header, forged, signature].join('.'))).toEqual({ ok: false, reason: 'is invalid' });
  });

  it('says "is invalid" for a token whose signature was altered', () => {
    const [header, payload, signature] = tokens.issue({ id: 1, username: 'jake' }).split('.');
    expect(tokens.check([header, payload, flipCharacter(signature, 3)].join('.'))).toEqual({ ok: false, reason: 'is invalid' });
  });

  it('says "is invalid" for a token signed with another secret, or with no signature', () => {
    const other = new JwtService({ secret: `${TEST_JWT_SECRET}-other` }).sign({ sub: '1', username: 'jake' });
    const unsigned = new JwtService({}).sign({ sub: '1', username: 'jake' }, { algorithm: 'none' });
    expect(tokens.check(other)).toEqual({ ok: false, reason: 'is invalid' });
    expect(tokens.check(unsigned)).toEqual({ ok: false, reason: 'is invalid' });
  });

  it('says "is invalid" for a validly signed token without a numeric subject and a username', () => {
    expect(tokens.check(jwt.sign({ sub: 'jake', username: 'jake' }))).toEqual({ ok: false, reason: 'is invalid' });
    expect(tokens.check(jwt.sign({ sub: '1' }))).toEqual({ ok: false, reason: 'is invalid' });
  });

  it('says "is invalid" for garbage', () => {
    expect(tokens.check('')).toEqual({ ok: false, reason: 'is invalid' });
    expect(tokens.check('not.a.jwt')).toEqual({ ok: false, reason: 'is invalid' });
  });
});
