import { ConfigError, parseConfig } from './config';

describe(parseConfig.name, () => {
  it('gives working defaults on an empty environment', () => {
    const sut = parseConfig({});
    expect(sut.database.url).toBe('postgres://postgres@127.0.0.1:5432/vpp');
    expect(sut.redis.url).toBe('redis://127.0.0.1:6379');
    expect(sut.redis.queuePrefix).toBe('{vpp}');
  });

  it('lists every bad variable, not only the first', () => {
    let caught: unknown;
    try {
      parseConfig({ DATABASE_URL: 'not a url', DATABASE_POOL_SIZE: 'many', QUEUE_PREFIX: 'vpp', LOG_LEVEL: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/DATABASE_POOL_SIZE/);
    expect(problems).toMatch(/QUEUE_PREFIX/);
    expect(problems).toMatch(/LOG_LEVEL/);
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('coerces numeric variables', () => {
    expect(parseConfig({ HTTP_PORT: '8080' }).http.port).toBe(8080);
  });
});
