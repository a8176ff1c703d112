import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { keyedPseudonym, Pseudonym, PseudonymKind } from './domain/pseudonym';

/** `pseudonymise` with the app's injected config, for Nest providers. */
@Injectable()
export class Pseudonymiser {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  pseudonymise(kind: PseudonymKind, identifier: string): Pseudonym {
    return keyedPseudonym(this.config.privacy.hmacSecret, kind, identifier);
  }
}
