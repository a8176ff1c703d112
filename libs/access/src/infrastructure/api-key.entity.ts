import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { ApiClientEntity } from './api-client.entity';

/** The secret itself is never stored: only its scrypt hash. */
@Entity({ name: 'api_keys' })
@Unique('uq_api_keys_key_id', ['keyId'])
@Index('ix_api_keys_api_client_id', ['apiClientId'])
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_api_keys' })
  id!: string;

  @Column({ type: 'uuid' })
  apiClientId!: string;

  @ManyToOne(() => ApiClientEntity, { nullable: false })
  @JoinColumn({ name: 'api_client_id', foreignKeyConstraintName: 'fk_api_keys_api_client' })
  apiClient?: ApiClientEntity;

  /** Public part of the presented key, used for lookup and in logs. */
  @Column({ type: 'text' })
  keyId!: string;

  @Column({ type: 'text' })
  secretHash!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
