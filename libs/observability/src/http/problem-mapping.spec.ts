import { BadRequestException, ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { isDependencyUnavailable } from './dependency-errors';
import { registerErrorStatus } from './error-status.registry';
import { ProblemException } from './problem.exception';
import { statusCode, toProblem } from './problem-mapping';

class WidgetLockedError extends Error {
  readonly code = 'WIDGET_LOCKED_FOR_SPEC';
}

describe(toProblem.name, () => {
  it('keeps the code, title and extra members of a ProblemException', () => {
    const sut = toProblem(new ProblemException(409, 'BID_ALREADY_SUBMITTED', 'Bid already submitted', 'bid 7', { bidId: '7' }));
    expect(sut).toEqual({ status: 409, code: 'BID_ALREADY_SUBMITTED', title: 'Bid already submitted', detail: 'bid 7', extra: { bidId: '7' }, unexpected: false });
  });

  it('turns Nest route misses into ROUTE_NOT_FOUND but a controller 404 into NOT_FOUND', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope')).code).toBe('ROUTE_NOT_FOUND');
    expect(toProblem(new NotFoundException('no such portfolio')).code).toBe('NOT_FOUND');
  });

  it('derives codes of plain HttpExceptions from the status, or takes an UPPER_SNAKE code from the body', () => {
    expect(toProblem(new ConflictException()).code).toBe('CONFLICT');
    expect(toProblem(new HttpException({ code: 'API_KEY_REVOKED', message: 'revoked' }, 401))).toMatchObject({ status: 401, code: 'API_KEY_REVOKED', detail: 'revoked' });
  });

  it('recognises Fastify body errors after Nest re-wrapped them', () => {
    expect(toProblem(new HttpException("Body is not valid JSON but content-type is set to 'application/json'", 400)).code).toBe('MALFORMED_JSON');
    expect(toProblem(new HttpException('Request body is too large', 413)).code).toBe('PAYLOAD_TOO_LARGE');
    expect(toProblem(new BadRequestException('Request body is too large')).code).toBe('BAD_REQUEST');
  });

  it('maps a domain error through the registry, with its message as detail', () => {
    registerErrorStatus('WIDGET_LOCKED_FOR_SPEC', 423);
    expect(toProblem(new WidgetLockedError('widget 3 is locked'))).toMatchObject({ status: 423, code: 'WIDGET_LOCKED_FOR_SPEC', detail: 'widget 3 is locked' });
  });

  it('answers lost dependencies with 503 and anything else with an opaque 500', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toProblem(refused)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', unexpected: false });
    const bug = toProblem(new TypeError('cannot read x of undefined'));
    expect(bug).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', unexpected: true });
    expect(bug.detail).not.toMatch(/cannot read/);
  });
});

describe(isDependencyUnavailable.name, () => {
  it.each([
    ['pg admin shutdown inside a TypeORM QueryFailedError', { name: 'QueryFailedError', message: 'terminating connection', driverError: { code: '57P01' } }],
    ['pg connection failure class 08', { code: '08006', message: 'connection failure' }],
    ['pg pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['pg connection terminated', new Error('Connection terminated unexpectedly')],
    ['ioredis closed connection', new Error('Connection is closed.')],
    ['ioredis offline queue disabled', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['ioredis retries exhausted', Object.assign(new Error('Reached the max retries per request limit (which is 1).'), { name: 'MaxRetriesPerRequestError' })],
    ['an AggregateError of refused connections', new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })])],
  ])('is true for %s', (_label, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { name: 'QueryFailedError', message: 'duplicate key', driverError: { code: '23505' } }],
    ['a plain bug', new RangeError('bad index')],
    ['a string', 'ECONNREFUSED'],
  ])('is false for %s', (_label, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});

describe(statusCode.name, () => {
  it('spells statuses as UPPER_SNAKE', () => {
    expect(statusCode(415)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(statusCode(413)).toBe('PAYLOAD_TOO_LARGE');
    expect(statusCode(429)).toBe('TOO_MANY_REQUESTS');
  });
});
