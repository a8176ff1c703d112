import { createHmac, randomUUID } from 'node:crypto';

export interface SentWebhook {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: number;
}

/**
 * Signs and posts webhooks the way an OEM cloud does: HMAC-SHA256 over `<unix s>.<body>` in
 * `X-OEM-Signature: v1=<hex>` with `X-OEM-Timestamp` and a unique `delivery_id` in the body.
 * Implemented here on its own (not with the platform's code) so the tests exercise real interop.
 */
export class SimWebhookSender {
  readonly sent: SentWebhook[] = [];

  constructor(
    private readonly url: string,
    private readonly secret: string,
  ) {}

  async send(payload: Record<string, unknown>): Promise<SentWebhook> {
    const body = JSON.stringify({ delivery_id: randomUUID(), ...payload });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v1=${createHmac('sha256', this.secret).update(`${timestamp}.${body}`).digest('hex')}`;
    const headers = { 'content-type': 'application/json', 'x-oem-timestamp': timestamp, 'x-oem-signature': signature };
    const response = await fetch(this.url, { method: 'POST', headers, body });
    await response.arrayBuffer();
    const sent = { headers, body, status: response.status };
    this.sent.push(sent);
    return sent;
  }
}
