import { QueryFailedError } from 'typeorm';

// SQLSTATE unique_violation.
const UNIQUE_VIOLATION = '23505';

interface PgErrorFields {
  readonly code?: string;
  readonly constraint?: string;
}

// TypeORM wraps the driver's error; a pg Client used directly throws it bare.
function pgErrorFields(error: unknown): PgErrorFields | undefined {
  if (error instanceof QueryFailedError) return error.driverError as PgErrorFields;
  return typeof error === 'object' && error !== null ? (error as PgErrorFields) : undefined;
}

/** Whether `error` is PostgreSQL's unique violation; with `constraint`, only a violation of that one. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const fields = pgErrorFields(error);
  if (fields?.code !== UNIQUE_VIOLATION) return false;
  return constraint === undefined || fields.constraint === constraint;
}

/** The unique constraint a statement violated, or null for any other error. */
export function violatedUniqueConstraint(error: unknown): string | null {
  return isUniqueViolation(error) ? (pgErrorFields(error)?.constraint ?? null) : null;
}
