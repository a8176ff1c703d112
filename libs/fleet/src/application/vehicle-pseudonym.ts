// Vehicles are known only by a pseudonym (issue 3, item 7: no VIN, no plate, no name). A caller
// could still put one in the field, so the API refuses what looks like one; what remains
// (UUIDs, keyed hashes, fleet numbers of 16+ characters) cannot be told from a pseudonym here.

const PSEUDONYM = /^[A-Za-z0-9._:-]{16,128}$/;
// ISO 3779: 17 characters, digits and capitals without I, O and Q, at least one letter and digit.
const VIN = /^(?=.*[0-9])(?=.*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}$/i;

/** Why `id` is refused as a vehicle pseudonym, or null when it is acceptable. */
export function pseudonymProblem(id: string): string | null {
  if (!PSEUDONYM.test(id)) return 'a pseudonym is 16-128 characters of A-Z a-z 0-9 . _ : - (no spaces, no e-mail addresses)';
  if (VIN.test(id)) return 'looks like a VIN; store a pseudonym (e.g. a keyed hash), never the VIN';
  return null;
}
