import { UftpRejection } from './congestion.errors';

// UFTP-common.xsd EntityAddressType: an EAN scheme address or a USEF type 1 address.
const EAN_ADDRESS = /^ean\.[0-9]{12,34}$/;
const EA1_ADDRESS = /^ea1\.[0-9]{4}-[0-9]{2}\..{1,244}:.{1,244}$/;

export function isEntityAddress(value: string): boolean {
  return EAN_ADDRESS.test(value) || EA1_ADDRESS.test(value);
}

/** `ean.871685900012636543` -> `871685900012636543`; null for an ea1 address. */
export function eanOf(entityAddress: string): string | null {
  return EAN_ADDRESS.test(entityAddress) ? entityAddress.slice(4) : null;
}

/** @throws UftpRejection `Invalid CongestionPoint` for anything that is not an entity address. */
export function parseCongestionPoint(value: string): string {
  if (!isEntityAddress(value)) throw new UftpRejection(`Invalid CongestionPoint: ${JSON.stringify(value)} is not an entity address`);
  return value;
}
