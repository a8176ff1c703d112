import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * libs/congestion: UFTP (Shapeshifter 3.0) towards DSOs. Our AGR key pair (private halves
 * encrypted), the DSO participants and their congestion points, accepted inbound message ids for
 * duplicate detection, FlexRequest revisions, our FlexOffers with their inputs, FlexOrders, the
 * outbound message outbox and the FlexOrderSettlement lines issue 7 fills.
 */
export class CreateUftpTables1764300100000 implements MigrationInterface {
  name = 'CreateUftpTables1764300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE uftp_agr_keys (
        id uuid NOT NULL,
        agr_domain text NOT NULL,
        public_key text NOT NULL,
        private_keys_encrypted text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_uftp_agr_keys PRIMARY KEY (id),
        CONSTRAINT uq_uftp_agr_keys_domain UNIQUE (agr_domain)
      )`);
    await queryRunner.query(`
      CREATE TABLE uftp_participants (
        id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        domain text NOT NULL,
        role text NOT NULL,
        public_key text NOT NULL,
        endpoint_url text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_uftp_participants PRIMARY KEY (id),
        CONSTRAINT uq_uftp_participants_domain_role UNIQUE (domain, role),
        CONSTRAINT ck_uftp_participants_role CHECK (role IN ('DSO', 'CRO')),
        CONSTRAINT fk_uftp_participants_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_uftp_participants_organisation ON uftp_participants (organisation_id)`);
    await queryRunner.query(`
      CREATE TABLE uftp_congestion_points (
        id uuid NOT NULL,
        participant_id uuid NOT NULL,
        entity_address text NOT NULL,
        congestion_area text,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_uftp_congestion_points PRIMARY KEY (id),
        CONSTRAINT uq_uftp_congestion_points_participant_address UNIQUE (participant_id, entity_address),
        CONSTRAINT fk_uftp_congestion_points_participant FOREIGN KEY (participant_id) REFERENCES uftp_participants (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE uftp_received_messages (
        participant_id uuid NOT NULL,
        message_id uuid NOT NULL,
        message_type text NOT NULL,
        digest text NOT NULL,
        received_at timestamptz NOT NULL,
        CONSTRAINT pk_uftp_received_messages PRIMARY KEY (participant_id, message_id),
        CONSTRAINT fk_uftp_received_messages_participant FOREIGN KEY (participant_id) REFERENCES uftp_participants (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE uftp_flex_requests (
        id uuid NOT NULL,
        participant_id uuid NOT NULL,
        message_id uuid NOT NULL,
        conversation_id uuid NOT NULL,
        congestion_point text NOT NULL,
        period date NOT NULL,
        revision bigint NOT NULL,
        expires_at timestamptz NOT NULL,
        channel text NOT NULL,
        message jsonb NOT NULL,
        superseded_at timestamptz,
        received_at timestamptz NOT NULL,
        CONSTRAINT pk_uftp_flex_requests PRIMARY KEY (id),
        CONSTRAINT uq_uftp_flex_requests_message UNIQUE (participant_id, message_id),
        CONSTRAINT uq_uftp_flex_requests_revision UNIQUE (participant_id, congestion_point, period, revision),
        CONSTRAINT ck_uftp_flex_requests_channel CHECK (channel IN ('xml', 'json')),
        CONSTRAINT fk_uftp_flex_requests_participant FOREIGN KEY (participant_id) REFERENCES uftp_participants (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_uftp_flex_requests_conversation ON uftp_flex_requests (conversation_id)`);
    await queryRunner.query(`
      CREATE TABLE uftp_flex_offers (
        id uuid NOT NULL,
        participant_id uuid NOT NULL,
        flex_request_id uuid NOT NULL,
        message_id uuid NOT NULL,
        conversation_id uuid NOT NULL,
        congestion_point text NOT NULL,
        period date NOT NULL,
        expires_at timestamptz NOT NULL,
        message jsonb NOT NULL,
        inputs jsonb NOT NULL,
        known_at timestamptz NOT NULL,
        dso_result text,
        dso_rejection_reason text,
        ordered_at timestamptz,
        CONSTRAINT pk_uftp_flex_offers PRIMARY KEY (id),
        CONSTRAINT uq_uftp_flex_offers_message UNIQUE (message_id),
        CONSTRAINT fk_uftp_flex_offers_participant FOREIGN KEY (participant_id) REFERENCES uftp_participants (id),
        CONSTRAINT fk_uftp_flex_offers_request FOREIGN KEY (flex_request_id) REFERENCES uftp_flex_requests (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_uftp_flex_offers_request ON uftp_flex_offers (flex_request_id)`);
    await queryRunner.query(`CREATE INDEX ix_uftp_flex_offers_participant ON uftp_flex_offers (participant_id)`);
    await queryRunner.query(`
      CREATE TABLE uftp_flex_orders (
        id uuid NOT NULL,
        participant_id uuid NOT NULL,
        flex_offer_id uuid NOT NULL,
        message_id uuid NOT NULL,
        conversation_id uuid NOT NULL,
        order_reference text NOT NULL,
        option_reference text NOT NULL,
        activation_factor numeric(3,2) NOT NULL,
        price numeric(18,4) NOT NULL,
        currency text NOT NULL,
        channel text NOT NULL,
        message jsonb NOT NULL,
        received_at timestamptz NOT NULL,
        CONSTRAINT pk_uftp_flex_orders PRIMARY KEY (id),
        CONSTRAINT uq_uftp_flex_orders_message UNIQUE (participant_id, message_id),
        CONSTRAINT uq_uftp_flex_orders_offer UNIQUE (flex_offer_id),
        CONSTRAINT fk_uftp_flex_orders_participant FOREIGN KEY (participant_id) REFERENCES uftp_participants (id),
        CONSTRAINT fk_uftp_flex_orders_offer FOREIGN KEY (flex_offer_id) REFERENCES uftp_flex_offers (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE uftp_outbound_messages (
        id uuid NOT NULL,
        participant_id uuid NOT NULL,
        message_type text NOT NULL,
        message_id uuid NOT NULL,
        conversation_id uuid NOT NULL,
        xml text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        last_error text,
        deliver_by timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        CONSTRAINT pk_uftp_outbound_messages PRIMARY KEY (id),
        CONSTRAINT uq_uftp_outbound_messages_message UNIQUE (message_id),
        CONSTRAINT ck_uftp_outbound_messages_status CHECK (status IN ('pending', 'sent', 'failed')),
        CONSTRAINT fk_uftp_outbound_messages_participant FOREIGN KEY (participant_id) REFERENCES uftp_participants (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_uftp_outbound_messages_conversation ON uftp_outbound_messages (conversation_id)`);
    await queryRunner.query(`
      CREATE TABLE uftp_flex_settlements (
        id uuid NOT NULL,
        flex_order_id uuid NOT NULL,
        period date NOT NULL,
        price numeric(18,4) NOT NULL,
        penalty numeric(18,4) NOT NULL,
        net_settlement numeric(18,4) NOT NULL,
        currency text NOT NULL,
        isps jsonb NOT NULL,
        known_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_uftp_flex_settlements PRIMARY KEY (id),
        CONSTRAINT uq_uftp_flex_settlements_order UNIQUE (flex_order_id),
        CONSTRAINT fk_uftp_flex_settlements_order FOREIGN KEY (flex_order_id) REFERENCES uftp_flex_orders (id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'uftp_flex_settlements',
      'uftp_outbound_messages',
      'uftp_flex_orders',
      'uftp_flex_offers',
      'uftp_flex_requests',
      'uftp_received_messages',
      'uftp_congestion_points',
      'uftp_participants',
      'uftp_agr_keys',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
