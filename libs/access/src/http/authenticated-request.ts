import type { FastifyRequest } from 'fastify';
import type { Principal } from '../domain/principal';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };
