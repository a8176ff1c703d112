import type { OemCloudConfig } from '@vpp/config';
import { OemError } from '../domain/oem.errors';
import { oauthTokenWireSchema } from './oem-wire.schemas';

// Renew a little before the OEM's expiry so a request never leaves with a token about to lapse.
const EXPIRY_MARGIN_MS = 30_000;
const DEFAULT_TOKEN_LIFETIME_S = 300;

/**
 * Request headers for one OEM: a static bearer token, an API key header, or an OAuth 2.0
 * client-credentials token (RFC 6749 section 4.4), cached until shortly before it expires.
 */
export class OemAuth {
  private cached: { token: string; expiresAtMs: number } | null = null;

  constructor(
    private readonly config: OemCloudConfig,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async headers(): Promise<Record<string, string>> {
    const auth = this.config.auth;
    switch (auth.type) {
      case 'bearer':
        return { authorization: `Bearer ${auth.token}` };
      case 'api-key':
        return { [auth.header.toLowerCase()]: auth.key };
      case 'oauth-client-credentials':
        return { authorization: `Bearer ${await this.clientCredentialsToken(auth)}` };
    }
  }

  /** After a 401 the cached token is dropped, so the next call fetches a fresh one. */
  invalidate(): void {
    this.cached = null;
  }

  private async clientCredentialsToken(auth: Extract<OemCloudConfig['auth'], { type: 'oauth-client-credentials' }>): Promise<string> {
    const nowMs = this.clock().getTime();
    if (this.cached && this.cached.expiresAtMs - EXPIRY_MARGIN_MS > nowMs) return this.cached.token;
    let response: Response;
    try {
      response = await fetch(auth.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret }).toString(),
        signal: AbortSignal.timeout(this.config.requestTimeoutMs),
      });
    } catch (error) {
      throw new OemError('OEM_UNAVAILABLE', `token endpoint unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status >= 500) throw new OemError('OEM_UNAVAILABLE', `token endpoint answered ${response.status}`);
    if (!response.ok) throw new OemError('OEM_AUTH_FAILED', `token endpoint answered ${response.status}`);
    const parsed = oauthTokenWireSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new OemError('OEM_BAD_RESPONSE', 'token endpoint answer is not an OAuth token response');
    const lifetimeS = parsed.data.expires_in ?? DEFAULT_TOKEN_LIFETIME_S;
    this.cached = { token: parsed.data.access_token, expiresAtMs: nowMs + lifetimeS * 1000 };
    return this.cached.token;
  }
}
