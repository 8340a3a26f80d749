import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1795728356784 implements MigrationInterface {
  name = 'Outbox1795728356784';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dedupe_key" character varying(300) NOT NULL, "template" character varying(64) NOT NULL, "user_id" uuid, "to_email" character varying(254), "data" jsonb NOT NULL DEFAULT '{}', "send_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "message_id" character varying(300), "smtp_response" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notifications_dedupe_key_key" ON "notifications"  ("dedupe_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_idx" ON "notifications"  ("user_id", "send_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_due_idx" ON "notifications"  ("send_at") WHERE status = 'pending'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."notifications_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_dedupe_key_key"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
