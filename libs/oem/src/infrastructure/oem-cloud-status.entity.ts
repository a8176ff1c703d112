import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Whether each OEM cloud is answering, as the polling connector last saw it: the API process
 * shows it next to the last known states, and a restarted connector resumes an OEM's backoff
 * instead of hammering it again.
 */
@Entity({ name: 'oem_cloud_status' })
export class OemCloudStatusEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_oem_cloud_status' })
  oem!: string;

  @Column({ type: 'integer' })
  consecutiveFailures!: number;

  @Column({ type: 'timestamptz', nullable: true })
  backingOffUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastErrorCode!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
