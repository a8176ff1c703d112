import { AppConfig } from '@vpp/config';
import { keyedPseudonym, Pseudonym, PseudonymKind } from '../domain/pseudonym';
import { PersonalDataColumn } from '../domain/personal-data-catalog';

/** One raw identifier of a driver, as the operator received it with the request. */
export interface SubjectIdentifier {
  readonly kind: PseudonymKind;
  readonly value: string;
}

export interface HashedIdentifier {
  readonly kind: PseudonymKind;
  readonly hash: Pseudonym;
}

/** The raw values are used once, here, and never stored, logged or echoed back. */
export function hashIdentifiers(config: AppConfig, identifiers: readonly SubjectIdentifier[]): HashedIdentifier[] {
  return identifiers.map((identifier) => ({ kind: identifier.kind, hash: keyedPseudonym(config.privacy.hmacSecret, identifier.kind, identifier.value) }));
}

export function hashesFor(entry: PersonalDataColumn, hashed: readonly HashedIdentifier[]): Pseudonym[] {
  return hashed.filter((identifier) => identifier.kind === entry.kind).map((identifier) => identifier.hash);
}
