import { parseConfig } from '@vpp/config';

describe('OEM_CLOUDS', () => {
  it('defaults to no OEM clouds, polling off', () => {
    expect(parseConfig({}).oem).toMatchObject({ clouds: [], pollingEnabled: false, webhookToleranceSeconds: 300, simulator: { port: undefined } });
  });

  it('parses a JSON array of clouds with per-OEM defaults', () => {
    const sut = parseConfig({
      OEM_CLOUDS: JSON.stringify([{ name: 'acme', baseUrl: 'https://api.acme.example', auth: { type: 'api-key', header: 'X-Key', key: 'k' }, webhookSecret: 'whsec-0123456789abcdef' }]),
    });
    expect(sut.oem.clouds[0]).toMatchObject({ name: 'acme', pollIntervalMs: 60_000, rateLimitPerMinute: 60, requestTimeoutMs: 5_000 });
  });

  it.each([
    ['not JSON', '[{'],
    ['an unknown auth type', JSON.stringify([{ name: 'acme', baseUrl: 'https://a.example', auth: { type: 'basic' }, webhookSecret: 'whsec-0123456789abcdef' }])],
    ['a short webhook secret', JSON.stringify([{ name: 'acme', baseUrl: 'https://a.example', auth: { type: 'bearer', token: 't' }, webhookSecret: 'short' }])],
  ])('refuses %s', (_name, value) => {
    expect(() => parseConfig({ OEM_CLOUDS: value })).toThrow(/OEM_CLOUDS/);
  });
});
