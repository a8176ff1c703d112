import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { keyedPseudonym, Pseudonym, PseudonymKind } from './domain/pseudonym';

/**
 * The keyed hash to store instead of a driver or token identifier (an OCPI token uid, an OEM
 * account id, a driver id from a fleet owner's app). Store only this; never the raw value.
 * Uses `PRIVACY_HMAC_SECRET`; rotating it orphans every stored pseudonym, so it is a migration,
 * not a config tweak.
 */
@Injectable()
export class Pseudonymiser {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  pseudonymise(kind: PseudonymKind, identifier: string): Pseudonym {
    return keyedPseudonym(this.config.privacy.hmacSecret, kind, identifier);
  }
}
