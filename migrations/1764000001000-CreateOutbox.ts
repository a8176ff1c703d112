import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/queues: the transactional outbox, the processed-jobs ledger that makes job effects
 * idempotent, and queue probes (the platform's first real job).
 */
export class CreateOutbox1764000001000 implements MigrationInterface {
  name = 'CreateOutbox1764000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outbox" (
        "id" bigserial NOT NULL,
        "queue" character varying(64) NOT NULL,
        "job_name" character varying(128) NOT NULL,
        "payload" jsonb NOT NULL,
        "idempotency_key" character varying(200) NOT NULL,
        "correlation_id" character varying(128) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "published_at" TIMESTAMP WITH TIME ZONE,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        CONSTRAINT "pk_outbox" PRIMARY KEY ("id"),
        CONSTRAINT "uq_outbox_idempotency_key" UNIQUE ("idempotency_key")
      )`);
    // The relay's claim query only ever looks at unpublished rows; published ones stay for audit.
    await queryRunner.query(`CREATE INDEX "ix_outbox_unpublished" ON "outbox" ("available_at", "id") WHERE published_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE "processed_jobs" (
        "queue" character varying(64) NOT NULL,
        "idempotency_key" character varying(200) NOT NULL,
        "job_name" character varying(128) NOT NULL,
        "job_id" character varying(255) NOT NULL,
        "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_processed_jobs" PRIMARY KEY ("queue", "idempotency_key")
      )`);
    await queryRunner.query(`
      CREATE TABLE "queue_probes" (
        "id" uuid NOT NULL,
        "requested_by" character varying(64) NOT NULL,
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "processed_count" integer NOT NULL DEFAULT 0,
        "processed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_queue_probes" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "queue_probes"`);
    await queryRunner.query(`DROP TABLE "processed_jobs"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
  }
}
