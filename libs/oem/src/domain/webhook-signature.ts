import { createHmac, timingSafeEqual } from 'node:crypto';
import { OemError } from './oem.errors';

/**
 * Webhook signatures: HMAC-SHA256 over `<unix seconds>.<raw body>` with the OEM's shared secret,
 * hex in `X-OEM-Signature: v1=<hex>`, the seconds in `X-OEM-Timestamp` (the scheme Stripe and
 * most OEM clouds use). Signing the time stamp with the body lets us refuse old deliveries; the
 * delivery id, remembered for the tolerance window, refuses a replay inside it.
 */
export const SIGNATURE_SCHEME = 'v1';

export function signWebhook(secret: string, timestampSeconds: number, rawBody: string): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`, 'utf8').digest('hex');
  return `${SIGNATURE_SCHEME}=${digest}`;
}

export interface SignedDelivery {
  readonly signatureHeader: string | undefined;
  readonly timestampHeader: string | undefined;
  readonly rawBody: string;
}

/** Throws OEM_WEBHOOK_SIGNATURE_INVALID or OEM_WEBHOOK_STALE; returns the signed time stamp. */
export function verifyWebhook(secret: string, delivery: SignedDelivery, now: Date, toleranceSeconds: number): Date {
  const timestampText = delivery.timestampHeader?.trim() ?? '';
  if (!/^\d{1,12}$/.test(timestampText)) throw new OemError('OEM_WEBHOOK_SIGNATURE_INVALID', 'missing or malformed X-OEM-Timestamp');
  const timestampSeconds = Number.parseInt(timestampText, 10);
  const expected = Buffer.from(signWebhook(secret, timestampSeconds, delivery.rawBody), 'utf8');
  const presented = Buffer.from(delivery.signatureHeader?.trim() ?? '', 'utf8');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    throw new OemError('OEM_WEBHOOK_SIGNATURE_INVALID', 'webhook signature does not match');
  }
  // Checked after the signature, so an attacker cannot probe our clock with unsigned requests.
  const skewSeconds = Math.abs(now.getTime() / 1000 - timestampSeconds);
  if (skewSeconds > toleranceSeconds) throw new OemError('OEM_WEBHOOK_STALE', `webhook time stamp is ${Math.round(skewSeconds)} s away from now`);
  return new Date(timestampSeconds * 1000);
}
