import { ConfigError, envSchema, parseConfig } from '@vpp/config';

const STRONG = 'a-production-secret-of-at-least-32-characters';

describe('PRIVACY_HMAC_SECRET', () => {
  it('has a development default', () => {
    expect(parseConfig({}).privacy.hmacSecret).toBe(envSchema.shape.PRIVACY_HMAC_SECRET.parse(undefined));
  });

  it('refuses the development default in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG })).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG })).toThrow(/PRIVACY_HMAC_SECRET/);
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG, PRIVACY_HMAC_SECRET: `${STRONG}-privacy` }).privacy.hmacSecret).toBe(`${STRONG}-privacy`);
  });

  it('refuses a short key', () => {
    expect(() => parseConfig({ PRIVACY_HMAC_SECRET: 'short' })).toThrow(/PRIVACY_HMAC_SECRET/);
  });
});
