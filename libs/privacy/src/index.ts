// Public API of @vpp/privacy.
export { keyedPseudonym, PrivacyError, PSEUDONYM_KINDS, PSEUDONYM_PATTERN } from './domain/pseudonym';
export type { Pseudonym, PseudonymKind, PrivacyErrorCode } from './domain/pseudonym';
export { PERSONAL_DATA_COLUMNS } from './domain/personal-data-catalog';
export type { PersonalDataColumn } from './domain/personal-data-catalog';
export { Pseudonymiser } from './pseudonymiser';
export { SecretCipher } from './secret-cipher';
export { PrivacyModule } from './privacy.module';
