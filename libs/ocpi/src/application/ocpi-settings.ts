import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { OCPI_VERSION } from '../protocol/versions.schema';
import type { OcpiCredentialsRole } from '../protocol/credentials.schema';
import type { OcpiPartyRef, OcpiRouting } from '../protocol/routing-headers';
import { OcpiHttpClient } from '../infrastructure/ocpi-http.client';
import { SecretCipher } from '@vpp/privacy';

/** OCPI settings and the helpers built from them, shared by the use cases of this context. */
@Injectable()
export class OcpiSettings {
  readonly cipher: SecretCipher;
  readonly client: OcpiHttpClient;
  readonly commandTimeoutSeconds: number;
  readonly bodyLimitBytes: number;
  readonly pullIntervalSeconds: number;
  private readonly configuredBaseUrl: string | undefined;
  private readonly fallbackBaseUrl: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.cipher = new SecretCipher(config.ocpi.tokenEncryptionKey);
    this.client = new OcpiHttpClient(config.ocpi.requestTimeoutMs);
    this.commandTimeoutSeconds = config.ocpi.commandTimeoutSeconds;
    this.bodyLimitBytes = config.ocpi.bodyLimitBytes;
    this.pullIntervalSeconds = config.ocpi.pullIntervalSeconds;
    this.configuredBaseUrl = config.ocpi.publicBaseUrl?.replace(/\/+$/, '');
    this.fallbackBaseUrl = `http://${config.http.host}:${config.http.port ?? 3001}`;
  }

  /** Our public base URL: configured, else the one the caller reached us at, else host:port. */
  baseUrl(requestBaseUrl?: string): string {
    return this.configuredBaseUrl ?? requestBaseUrl ?? this.fallbackBaseUrl;
  }

  versionsUrl(requestBaseUrl?: string): string {
    return `${this.baseUrl(requestBaseUrl)}/ocpi/versions`;
  }

  versionUrl(requestBaseUrl?: string): string {
    return `${this.baseUrl(requestBaseUrl)}/ocpi/${OCPI_VERSION}`;
  }

  /** Us as a routing party (OCPI-from-* on what we send, OCPI-to-* on what we accept). */
  ourParty(): OcpiPartyRef {
    return { countryCode: this.config.ocpi.countryCode, partyId: this.config.ocpi.partyId };
  }

  /** The routing headers of a request from us to `party` (a functional module of theirs). */
  routingTo(party: OcpiPartyRef): OcpiRouting {
    return { from: this.ourParty(), to: { countryCode: party.countryCode, partyId: party.partyId } };
  }

  /** Our CredentialsRole: a Smart Charging Service Provider (MARKETS.md section 8). */
  ourRoles(): OcpiCredentialsRole[] {
    return [
      {
        role: 'SCSP',
        business_details: { name: this.config.ocpi.businessName },
        party_id: this.config.ocpi.partyId,
        country_code: this.config.ocpi.countryCode,
      },
    ];
  }
}
