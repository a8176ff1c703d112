import { createHash } from 'node:crypto';
import type { UftpMessage } from '../domain/uftp-messages';

/** SHA-256 of a message without its TimeStamp, keys sorted: equal for a resent copy. */
export function messageDigest(message: UftpMessage): string {
  const { timeStamp: _timeStamp, ...content } = message;
  const canonical = JSON.stringify(content, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
