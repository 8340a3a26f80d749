import { MigrationInterface, QueryRunner } from 'typeorm';

/** Email delivery: retry timing and guards on the outbox, unsubscribes, password reset tokens. */
export class NotificationsDelivery1795728717135 implements MigrationInterface {
  name = 'NotificationsDelivery1795728717135';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_status_idx" ON "notifications"  ("status", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_one_recipient_check" CHECK ((user_id IS NULL) <> (to_email IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_status_check" CHECK (status IN ('pending', 'sent', 'failed', 'cancelled'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_opt_outs" ("user_id" uuid NOT NULL, "category" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_opt_outs_category_check" CHECK (category IN ('digest', 'survey')), CONSTRAINT "PK_12e1f9fc84b7985b743b321d085" PRIMARY KEY ("user_id", "category"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "password_reset_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d16bebd73e844c48bca50ff8d3d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "password_reset_tokens_user_idx" ON "password_reset_tokens"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "password_reset_tokens_hash_key" ON "password_reset_tokens"  ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "FK_52ac39dd8a28730c63aeb428c9c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "password_reset_tokens" DROP CONSTRAINT "FK_52ac39dd8a28730c63aeb428c9c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."password_reset_tokens_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."password_reset_tokens_user_idx"`);
    await queryRunner.query(`DROP TABLE "password_reset_tokens"`);
    await queryRunner.query(`DROP TABLE "notification_opt_outs"`);
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "notifications_status_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "notifications_one_recipient_check"`,
    );
    await queryRunner.query(`DROP INDEX "public"."notifications_status_idx"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "next_attempt_at"`);
  }
}
