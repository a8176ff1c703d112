import { PipeTransform } from '@nestjs/common';
import type { z } from 'zod/v4';
import { FieldProblem, ProblemException } from '@vpp/observability';

/**
 * Validates a body, query or path parameter with a zod schema at the edge and hands the parsed
 * value on. Failures are the same 400 `VALIDATION_FAILED` problem+json as the global
 * class-validator pipe, listing every field (dotted path) with its messages.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const byField = new Map<string, string[]>();
    for (const issue of result.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      for (const path of keys) {
        const field = path.map(String).join('.') || '(body)';
        byField.set(field, [...(byField.get(field) ?? []), issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message]);
      }
    }
    const errors: FieldProblem[] = [...byField].map(([field, messages]) => ({ field, messages }));
    throw new ProblemException(400, 'VALIDATION_FAILED', 'Request validation failed', `${errors.length} field(s) are invalid.`, { errors });
  }
}
