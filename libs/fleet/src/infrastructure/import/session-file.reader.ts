import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { ImportedSession, UnusableSessionReason } from '../../domain/imported-session';
import { unusableReason } from '../../domain/session-usability';
import { ACN_PROCESSED_SESSIONS_FORMAT } from './acn-processed-sessions.reader';
import { ACN_SESSIONS_FORMAT } from './acn-sessions.reader';
import { CANONICAL_SITE_PROFILE, canonicalSessionsFormat } from './canonical-sessions.reader';
import { DUNDEE_SESSIONS_FORMAT } from './dundee-sessions.reader';
import { ELAADNL_SESSIONS_FORMAT } from './elaadnl-sessions.reader';
import { NORWAY_SESSIONS_FORMAT } from './norway-sessions.reader';
import { CsvRow, OccurrenceCounter, SessionFileFormat, SiteProfile } from './session-file-format';

/** The layouts of ../shared/data plus the canonical one; the source layouts first, so a richer header wins. */
export function sessionFileFormats(canonicalProfile: SiteProfile = CANONICAL_SITE_PROFILE): readonly SessionFileFormat[] {
  return [ELAADNL_SESSIONS_FORMAT, DUNDEE_SESSIONS_FORMAT, ACN_SESSIONS_FORMAT, ACN_PROCESSED_SESSIONS_FORMAT, NORWAY_SESSIONS_FORMAT, canonicalSessionsFormat(canonicalProfile)];
}

export class UnknownSessionLayoutError extends Error {
  readonly code = 'UNKNOWN_SESSION_LAYOUT';
  constructor(readonly header: readonly string[]) {
    super(`not a known session layout (header: ${header.join(', ')}); expected ElaadNL, ACN, ACN processed, Dundee, Norway or the canonical layout`);
  }
}

/** The layout whose required columns the header has, or throws `UNKNOWN_SESSION_LAYOUT`. */
export function detectSessionFormat(header: readonly string[], formats: readonly SessionFileFormat[] = sessionFileFormats()): SessionFileFormat {
  const match = formats.find((format) => format.requiredColumns.every((column) => header.includes(column)));
  if (match === undefined) throw new UnknownSessionLayoutError(header);
  return match;
}

export type SessionFileRow =
  | { readonly kind: 'usable'; readonly line: number; readonly session: ImportedSession }
  | { readonly kind: 'rejected'; readonly line: number; readonly reason: UnusableSessionReason };

/**
 * Streams a session file row by row (csv-parse streaming; constant memory), recognising the
 * layout from the header. Every data row yields exactly one result, so counts add up.
 */
export async function* readSessionFile(path: string, formats: readonly SessionFileFormat[] = sessionFileFormats()): AsyncGenerator<SessionFileRow, void, undefined> {
  let format: SessionFileFormat | undefined;
  const parser = createReadStream(path).pipe(
    parse({
      columns: (header: string[]) => {
        const trimmed = header.map((h) => h.trim());
        format = detectSessionFormat(trimmed, formats);
        return trimmed;
      },
      skip_empty_lines: true,
      // A short or long row is a malformed row to count, not a reason to abort the file.
      relax_column_count: true,
      info: true,
    }),
  );
  const occurrence = new OccurrenceCounter();
  for await (const record of parser as AsyncIterable<{ record: CsvRow; info: { lines: number } }>) {
    if (format === undefined) throw new Error('header not read');
    const line = record.info.lines;
    let session: ImportedSession;
    try {
      session = format.toSession(record.record, occurrence);
    } catch {
      yield { kind: 'rejected', line, reason: 'malformed_row' };
      continue;
    }
    const reason = unusableReason(session);
    yield reason === null ? { kind: 'usable', line, session } : { kind: 'rejected', line, reason };
  }
}

/** Reads only the header line to tell the layout (for reports before a long import). */
export async function sessionFileFormatOf(path: string, formats: readonly SessionFileFormat[] = sessionFileFormats()): Promise<SessionFileFormat> {
  const parser = createReadStream(path).pipe(parse({ to_line: 1 }));
  for await (const header of parser as AsyncIterable<string[]>) {
    parser.destroy();
    return detectSessionFormat(header.map((h) => h.trim()), formats);
  }
  throw new UnknownSessionLayoutError([]);
}
