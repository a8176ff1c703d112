import { QueryFailedError } from 'typeorm';
import { isUniqueViolation, violatedUniqueConstraint } from './unique-violation';

const wrapped = (fields: object): QueryFailedError => new QueryFailedError('INSERT ...', [], Object.assign(new Error('driver'), fields));

describe('unique violation (SQLSTATE 23505)', () => {
  it('recognises it wrapped by TypeORM and bare from pg, and names the constraint', () => {
    const error = wrapped({ code: '23505', constraint: 'uq_users_email' });
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'uq_users_email')).toBe(true);
    expect(isUniqueViolation(error, 'uq_other')).toBe(false);
    expect(violatedUniqueConstraint(error)).toBe('uq_users_email');
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
  });

  it('answers no for any other error', () => {
    expect(isUniqueViolation(wrapped({ code: '23503', constraint: 'fk_x' }))).toBe(false);
    expect(violatedUniqueConstraint(wrapped({ code: '23503', constraint: 'fk_x' }))).toBeNull();
    expect(violatedUniqueConstraint(new Error('boom'))).toBeNull();
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
