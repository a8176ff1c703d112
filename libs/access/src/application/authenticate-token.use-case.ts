import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AccessError } from '../domain/access.errors';
import { Principal } from '../domain/principal';
import { UserEntity } from '../infrastructure/user.entity';

export interface AccessTokenClaims {
  readonly sub: string;
  readonly org: string;
  readonly typ: 'access';
}

/** Verifies a user's JWT; the user row is re-read so a disabled user is refused before the token expires. */
@Injectable()
export class AuthenticateTokenUseCase {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
  ) {}

  async verifyClaims(token: string): Promise<AccessTokenClaims> {
    let claims: Partial<AccessTokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new AccessError('TOKEN_EXPIRED', 'the access token has expired');
      throw new AccessError('TOKEN_INVALID', 'the access token is not valid');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.org !== 'string') {
      throw new AccessError('TOKEN_INVALID', 'the access token is not valid');
    }
    return { sub: claims.sub, org: claims.org, typ: 'access' };
  }

  async principalFor(claims: AccessTokenClaims): Promise<Principal> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: claims.sub }, relations: { organisation: true } });
    if (!user?.organisation || user.disabledAt !== null || user.organisationId !== claims.org) {
      throw new AccessError('TOKEN_INVALID', 'the access token is not valid');
    }
    return {
      type: 'user',
      id: user.id,
      organisationId: user.organisationId,
      organisationKind: user.organisation.kind,
      memberRole: user.role,
    };
  }
}
