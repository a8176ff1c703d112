// OCPI 2.2.1 types.asciidoc "DateTime": RFC 3339 in UTC. Senders SHOULD add the `Z`; a value
// without a zone is UTC too, so it is accepted. Offsets other than Z are not UTC: rejected.
const OCPI_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z?$/;

export function isOcpiDateTime(text: string): boolean {
  return parseOcpiDateTime(text) !== null;
}

/** The instant, or null when the text is not an OCPI DateTime (or not a real calendar time). */
export function parseOcpiDateTime(text: string): Date | null {
  const match = OCPI_DATE_TIME.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const millis = fraction === undefined ? 0 : Number.parseInt(`${fraction.slice(1)}00`.slice(0, 3), 10);
  const ints = [y, mo, d, h, mi, s].map((part) => Number.parseInt(part, 10));
  const instant = new Date(Date.UTC(ints[0], ints[1] - 1, ints[2], ints[3], ints[4], ints[5], millis));
  // Date.UTC rolls 2026-02-30 over to March; a round trip catches such impossible dates.
  const sameFields =
    instant.getUTCFullYear() === ints[0] &&
    instant.getUTCMonth() === ints[1] - 1 &&
    instant.getUTCDate() === ints[2] &&
    instant.getUTCHours() === ints[3] &&
    instant.getUTCMinutes() === ints[4] &&
    instant.getUTCSeconds() === ints[5];
  return sameFields ? instant : null;
}

/** `2026-11-25T21:53:00Z`: second precision with `Z`, the form every OCPI implementation reads. */
export function formatOcpiDateTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}
