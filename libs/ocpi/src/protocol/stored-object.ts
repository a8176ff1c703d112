import { z } from 'zod';
import { cdrTokenSchema } from './ocpi-primitives';
import { sessionSchema } from './session.schema';

// Personal data (issue 3 item 7): a CdrToken's uid and contract_id, and the authorization
// reference, identify a driver's token or contract. We store none of them: the uid becomes a
// keyed pseudonym in its own column (`token_uid_hash`), the others are dropped. Erasure then
// nulls that column and leaves nothing in the row that links it to a person.
const TOKEN_IDENTIFIERS = ['uid', 'contract_id'] as const;
const OBJECT_IDENTIFIERS = ['authorization_reference'] as const;

type JsonObject = Record<string, unknown>;

/** A CdrToken as we store it: without uid and contract_id. */
export const storedCdrTokenSchema = cdrTokenSchema.omit({ uid: true, contract_id: true });

/** A Session as we store it (and merge PATCHes into): the token identifiers removed. */
export const storedSessionSchema = sessionSchema.omit({ authorization_reference: true }).extend({ cdr_token: storedCdrTokenSchema });
export type StoredOcpiSession = z.infer<typeof storedSessionSchema>;

/**
 * `object` as plain JSON without the token identifiers; `tokenUid` is the raw uid to pseudonymise
 * (undefined when the object carries no cdr_token, e.g. a PATCH that leaves it alone).
 */
export function withoutTokenIdentifiers(object: object): { readonly stored: JsonObject; readonly tokenUid: string | undefined } {
  const stored = JSON.parse(JSON.stringify(object)) as JsonObject;
  for (const key of OBJECT_IDENTIFIERS) delete stored[key];
  const token = stored.cdr_token;
  if (token === null || typeof token !== 'object' || Array.isArray(token)) return { stored, tokenUid: undefined };
  const tokenObject = token as JsonObject;
  const uid = tokenObject.uid;
  for (const key of TOKEN_IDENTIFIERS) delete tokenObject[key];
  return { stored, tokenUid: typeof uid === 'string' ? uid : undefined };
}
