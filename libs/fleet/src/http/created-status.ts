import type { FastifyReply } from 'fastify';
import type { Created } from '../application/create-fleet.use-case';

/** 201 for a new resource, 200 when the request repeated an earlier one (idempotent retry). */
export function answerCreated<T>(reply: FastifyReply, result: Created<T>): T {
  void reply.status(result.created ? 201 : 200);
  return result.view;
}
