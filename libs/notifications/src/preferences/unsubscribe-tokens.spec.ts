import { Env } from '@puente/platform';
import { UnsubscribeTokens } from './unsubscribe-tokens';

const env = (secret: string) =>
  Object.assign(new Env(), { JWT_SECRET: secret, PUBLIC_URL: 'https://puente.example/' });

describe('UnsubscribeTokens', () => {
  const tokens = new UnsubscribeTokens(env('a-secret-of-sixteen-chars'));
  const userId = '6f1f3f7e-3c1a-4d55-9c57-0d5b1c1f2a10';

  it('verifies what it signed', () => {
    expect(tokens.verify(tokens.sign({ userId, category: 'digest' }))).toEqual({
      userId,
      category: 'digest',
    });
  });

  it('refuses a token whose user or category was changed, or signed with another secret', () => {
    const token = tokens.sign({ userId, category: 'survey' });
    expect(tokens.verify(token.replace('survey', 'digest'))).toBeNull();
    expect(tokens.verify(token.replace(userId, '00000000-0000-4000-8000-000000000000'))).toBeNull();
    const other = new UnsubscribeTokens(env('another-secret-16-chars'));
    expect(other.verify(token)).toBeNull();
  });

  it('refuses essential categories and malformed tokens', () => {
    expect(tokens.verify(`${userId}.status.x`)).toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify('a.b.c.d')).toBeNull();
  });

  it('builds the URL under PUBLIC_URL', () => {
    expect(tokens.url({ userId, category: 'digest' })).toMatch(
      /^https:\/\/puente\.example\/notifications\/unsubscribe\?token=[\w.%-]+$/,
    );
  });
});
