import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ProblemException } from './problem.exception';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `contact.email` or `lines.2.energyKwh`. */
  field: string;
  messages: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The global pipe: unknown fields are refused (not silently dropped), failures list every field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldProblems = flatten(errors);
      return new ProblemException(400, 'VALIDATION_FAILED', 'Request validation failed', `${fieldProblems.length} field(s) are invalid.`, {
        errors: fieldProblems,
      });
    },
  });
}
