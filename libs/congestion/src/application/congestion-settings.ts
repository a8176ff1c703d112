import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { SecretCipher } from '@vpp/privacy';
import { Decimal } from '@vpp/units';

/** UFTP settings (UFTP_* in libs/config) and the helpers built from them. */
@Injectable()
export class CongestionSettings {
  readonly agrDomain: string;
  readonly cipher: SecretCipher;
  readonly requestTimeoutMs: number;
  readonly retryBaseMs: number;
  readonly retryHorizonMs: number;
  /** ASSUMED: no public DSO flex tariff; every offer's inputs record it as assumed. */
  readonly offerPriceEurPerMwh: Decimal;
  readonly offerValidityMs: number;
  readonly currency = 'EUR';

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.agrDomain = config.uftp.agrDomain;
    this.cipher = new SecretCipher(config.uftp.keyEncryptionKey);
    this.requestTimeoutMs = config.uftp.requestTimeoutMs;
    this.retryBaseMs = config.uftp.retryBaseMs;
    this.retryHorizonMs = config.uftp.retryHorizonMinutes * 60_000;
    this.offerPriceEurPerMwh = new Decimal(config.uftp.offerPriceEurPerMwh);
    this.offerValidityMs = config.uftp.offerValidityMinutes * 60_000;
  }

  /** Exponential back-off between delivery attempts, capped at 30 minutes. */
  retryDelayMs(attempt: number): number {
    return Math.min(this.retryBaseMs * 2 ** (attempt - 1), 30 * 60_000);
  }
}
