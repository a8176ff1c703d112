import { OemError } from './oem.errors';
import { signWebhook, verifyWebhook } from './webhook-signature';

const secret = 'whsec-test-0123456789abcdef';
const body = '{"delivery_id":"d1","vehicle_id":"v1"}';
const now = new Date('2026-01-10T12:00:00Z');
const ts = now.getTime() / 1000;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof OemError ? error.code : 'OTHER';
  }
}

describe(verifyWebhook.name, () => {
  it('accepts a correctly signed, fresh delivery', () => {
    const sut = verifyWebhook(secret, { signatureHeader: signWebhook(secret, ts, body), timestampHeader: String(ts), rawBody: body }, now, 300);
    expect(sut).toEqual(now);
  });

  it.each([
    ['another secret', { signatureHeader: signWebhook('other-secret-0123456789', ts, body), timestampHeader: String(ts), rawBody: body }, 'OEM_WEBHOOK_SIGNATURE_INVALID'],
    ['a changed body', { signatureHeader: signWebhook(secret, ts, body), timestampHeader: String(ts), rawBody: body.replace('v1', 'v2') }, 'OEM_WEBHOOK_SIGNATURE_INVALID'],
    ['a changed time stamp', { signatureHeader: signWebhook(secret, ts, body), timestampHeader: String(ts + 1), rawBody: body }, 'OEM_WEBHOOK_SIGNATURE_INVALID'],
    ['no signature', { signatureHeader: undefined, timestampHeader: String(ts), rawBody: body }, 'OEM_WEBHOOK_SIGNATURE_INVALID'],
    ['no time stamp', { signatureHeader: signWebhook(secret, ts, body), timestampHeader: undefined, rawBody: body }, 'OEM_WEBHOOK_SIGNATURE_INVALID'],
    // signed 301 s ago, tolerance 300 s
    ['an old but valid signature', { signatureHeader: signWebhook(secret, ts - 301, body), timestampHeader: String(ts - 301), rawBody: body }, 'OEM_WEBHOOK_STALE'],
  ])('refuses %s', (_name, delivery, code) => {
    expect(codeOf(() => verifyWebhook(secret, delivery, now, 300))).toBe(code);
  });
});
