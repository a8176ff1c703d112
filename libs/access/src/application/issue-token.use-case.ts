import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@vpp/config';
import { AccessError } from '../domain/access.errors';
import { hashSecret, verifySecret } from '../domain/secret-hash';
import { UserEntity } from '../infrastructure/user.entity';
import { AccessTokenClaims } from './authenticate-token.use-case';

export interface IssuedToken {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresInSeconds: number;
}

/** Email and password for a short-lived JWT. Unknown email and wrong password look the same, in body and timing. */
@Injectable()
export class IssueTokenUseCase {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(email: string, password: string): Promise<IssuedToken> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { email: email.toLowerCase() } });
    this.dummyHash ??= hashSecret('timing-equaliser');
    const matches = await verifySecret(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !matches || user.disabledAt !== null) {
      throw new AccessError('CREDENTIALS_INVALID', 'email or password is wrong');
    }
    const claims: AccessTokenClaims = { sub: user.id, org: user.organisationId, typ: 'access' };
    const accessToken = await this.jwt.signAsync({ ...claims });
    return { accessToken, tokenType: 'Bearer', expiresInSeconds: this.config.auth.jwtTtlSeconds };
  }
}
