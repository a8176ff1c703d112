import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * Our own AGR key pair for one AGR domain, generated once. The public half is published in the
 * cs1 form; the private halves (PKCS#8) are stored AES-256-GCM encrypted with UFTP_KEY_ENCRYPTION_KEY.
 */
@Entity({ name: 'uftp_agr_keys' })
@Unique('uq_uftp_agr_keys_domain', ['agrDomain'])
export class UftpAgrKeyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_uftp_agr_keys' })
  id!: string;

  @Column({ type: 'text' })
  agrDomain!: string;

  /** `cs1.` + base64(Ed25519 signing key || X25519 encryption key). */
  @Column({ type: 'text' })
  publicKey!: string;

  /** Sealed JSON `{ signing, encryption }` of PKCS#8 PEMs. */
  @Column({ type: 'text' })
  privateKeysEncrypted!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
