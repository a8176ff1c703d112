import { createPrivateKey, generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { encodeCs1PublicKey } from '../domain/cs1-key';
import { UftpAgrKeyEntity } from '../infrastructure/uftp-agr-key.entity';
import { CongestionSettings } from './congestion-settings';

export interface AgrKey {
  readonly domain: string;
  /** `cs1.…`, what DSOs register for us. */
  readonly publicKey: string;
  readonly signingKey: KeyObject;
}

/**
 * Our AGR key pair, generated once per AGR domain and kept in PostgreSQL with the private halves
 * encrypted. Concurrent first calls race on the unique domain; the loser reads the winner's row.
 */
@Injectable()
export class AgrKeyStore {
  private cached: Promise<AgrKey> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: CongestionSettings,
  ) {}

  current(): Promise<AgrKey> {
    this.cached ??= this.load().catch((error: unknown) => {
      this.cached = null;
      throw error;
    });
    return this.cached;
  }

  private async load(): Promise<AgrKey> {
    const repository = this.dataSource.getRepository(UftpAgrKeyEntity);
    let row = await repository.findOneBy({ agrDomain: this.settings.agrDomain });
    if (!row) {
      const signing = generateKeyPairSync('ed25519');
      const encryption = generateKeyPairSync('x25519');
      const secrets = JSON.stringify({
        signing: signing.privateKey.export({ format: 'pem', type: 'pkcs8' }),
        encryption: encryption.privateKey.export({ format: 'pem', type: 'pkcs8' }),
      });
      await repository
        .createQueryBuilder()
        .insert()
        .values({
          id: randomUUID(),
          agrDomain: this.settings.agrDomain,
          publicKey: encodeCs1PublicKey(signing.publicKey, encryption.publicKey),
          privateKeysEncrypted: this.settings.cipher.encrypt(secrets),
          createdAt: new Date(),
        })
        .orIgnore()
        .execute();
      row = await repository.findOneByOrFail({ agrDomain: this.settings.agrDomain });
    }
    const secrets = JSON.parse(this.settings.cipher.decrypt(row.privateKeysEncrypted)) as { signing: string };
    const signingKey = createPrivateKey(secrets.signing);
    return { domain: row.agrDomain, publicKey: row.publicKey, signingKey };
  }
}
