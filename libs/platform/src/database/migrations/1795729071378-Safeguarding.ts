import { MigrationInterface, QueryRunner } from 'typeorm';

export class Safeguarding1795729071378 implements MigrationInterface {
  name = 'Safeguarding1795729071378';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "background_check_audit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "check_id" uuid NOT NULL, "volunteer_id" uuid NOT NULL, "actor_id" uuid NOT NULL, "action" character varying(32) NOT NULL, "organization_ids" uuid array NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0da68efd468c4670a68b7d16ad5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "background_check_audit_actor_idx" ON "background_check_audit"  ("actor_id", "at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "background_check_audit_check_idx" ON "background_check_audit"  ("check_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "background_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "volunteer_id" uuid NOT NULL, "organization_id" uuid, "requested_by" uuid, "provider" character varying(16) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "result" character varying(16), "adjudication" character varying(16), "adjudicated_by" uuid, "adjudicated_at" TIMESTAMP WITH TIME ZONE, "adverse_stage" character varying(16), "pre_adverse_at" TIMESTAMP WITH TIME ZONE, "final_adverse_due_at" TIMESTAMP WITH TIME ZONE, "final_adverse_at" TIMESTAMP WITH TIME ZONE, "disputed_at" TIMESTAMP WITH TIME ZONE, "provider_reference" character varying(120), "provider_invitation_id" character varying(120), "provider_report_id" character varying(120), "consent_url" character varying(1000), "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "expires_on" date, "details_erased_at" TIMESTAMP WITH TIME ZONE, "claimed_until" TIMESTAMP WITH TIME ZONE, "next_drive_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "background_checks_adverse_stage_check" CHECK (adverse_stage IS NULL OR adverse_stage IN ('pre_adverse', 'disputed', 'final')), CONSTRAINT "background_checks_adjudication_check" CHECK (adjudication IS NULL OR (result = 'consider' AND adjudication IN ('approved', 'rejected'))), CONSTRAINT "background_checks_result_check" CHECK (result IS NULL OR result IN ('clear', 'consider')), CONSTRAINT "background_checks_status_check" CHECK (status IN ('pending', 'in_progress', 'completed', 'cancelled', 'expired')), CONSTRAINT "background_checks_provider_check" CHECK (provider IN ('sandbox', 'checkr', 'manual')), CONSTRAINT "PK_0db3759452d2be6d0e0027abe76" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "background_checks_expiry_idx" ON "background_checks"  ("expires_on") WHERE status = 'completed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "background_checks_drive_idx" ON "background_checks"  ("next_drive_at") WHERE status IN ('pending', 'in_progress')`,
    );
    await queryRunner.query(
      `CREATE INDEX "background_checks_report_idx" ON "background_checks"  ("provider", "provider_report_id") WHERE provider_report_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "background_checks_invitation_idx" ON "background_checks"  ("provider", "provider_invitation_id") WHERE provider_invitation_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "background_checks_reference_key" ON "background_checks"  ("provider", "provider_reference") WHERE provider_reference IS NOT NULL AND provider <> 'manual'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "background_checks_one_active_key" ON "background_checks"  ("volunteer_id") WHERE status IN ('pending', 'in_progress')`,
    );
    await queryRunner.query(
      `CREATE INDEX "background_checks_volunteer_idx" ON "background_checks"  ("volunteer_id", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "background_check_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "check_id" uuid NOT NULL, "action" character varying(40) NOT NULL, "actor_id" uuid, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_104cfb8c60e2e1f77dfd80cdaa1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "background_check_events_check_idx" ON "background_check_events"  ("check_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "codes_of_conduct" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "version" character varying(50) NOT NULL, "text" text NOT NULL, "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7e88648bdad84a86f4cb06d2146" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "codes_of_conduct_org_idx" ON "codes_of_conduct"  ("organization_id", "published_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "codes_of_conduct_org_version_key" ON "codes_of_conduct"  ("organization_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "code_of_conduct_acceptances" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code_id" uuid NOT NULL, "user_id" uuid NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a34907c15e245b02af4f032085a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "code_of_conduct_acceptances_user_idx" ON "code_of_conduct_acceptances"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "code_of_conduct_acceptances_key" ON "code_of_conduct_acceptances"  ("code_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "guardian_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "volunteer_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "guardian_name" character varying(200) NOT NULL, "guardian_email" character varying(254) NOT NULL, "token_hash" character varying(64), "token_expires_at" TIMESTAMP WITH TIME ZONE, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "consented_at" TIMESTAMP WITH TIME ZONE, "signed_name" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d37b04a1b5ec78724dfd0b39ead" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "guardian_consents_token_key" ON "guardian_consents"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "guardian_consents_volunteer_org_key" ON "guardian_consents"  ("volunteer_id", "organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "safeguarding_daily_runs" ("day" date NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_04337bba6f37470b892a2e4e54f" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "safeguarding_trainings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "volunteer_id" uuid NOT NULL, "completed_on" date NOT NULL, "expires_on" date NOT NULL, "provider" character varying(200) NOT NULL, "reference" character varying(200) NOT NULL, "recorded_by" uuid NOT NULL, "organization_ids" uuid array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c6c975aad528fff9e99bfa6a69" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "safeguarding_trainings_volunteer_idx" ON "safeguarding_trainings"  ("volunteer_id", "expires_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "background_check_webhook_events" ("provider" character varying(16) NOT NULL, "event_id" character varying(200) NOT NULL, "type" character varying(64) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5af48296df9edd16f176d59e2d1" PRIMARY KEY ("provider", "event_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "background_checks" ADD CONSTRAINT "FK_df6a3e065f858d415513762cedf" FOREIGN KEY ("volunteer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "background_check_events" ADD CONSTRAINT "FK_8eb23dab880a8e63b751f86d71e" FOREIGN KEY ("check_id") REFERENCES "background_checks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "codes_of_conduct" ADD CONSTRAINT "FK_4652a182d335a1249493b2decc7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "code_of_conduct_acceptances" ADD CONSTRAINT "FK_c708050dd0eaf3601eeab6cdc68" FOREIGN KEY ("code_id") REFERENCES "codes_of_conduct"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "code_of_conduct_acceptances" ADD CONSTRAINT "FK_717dab62a0499b0e40cab406193" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "guardian_consents" ADD CONSTRAINT "FK_05e117a066a3a63fff4e6ab5ca7" FOREIGN KEY ("volunteer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "guardian_consents" ADD CONSTRAINT "FK_6454186d183cc18a6749acdfae3" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_trainings" ADD CONSTRAINT "FK_313db756be481cea1be082236fc" FOREIGN KEY ("volunteer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "safeguarding_trainings" DROP CONSTRAINT "FK_313db756be481cea1be082236fc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "guardian_consents" DROP CONSTRAINT "FK_6454186d183cc18a6749acdfae3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "guardian_consents" DROP CONSTRAINT "FK_05e117a066a3a63fff4e6ab5ca7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "code_of_conduct_acceptances" DROP CONSTRAINT "FK_717dab62a0499b0e40cab406193"`,
    );
    await queryRunner.query(
      `ALTER TABLE "code_of_conduct_acceptances" DROP CONSTRAINT "FK_c708050dd0eaf3601eeab6cdc68"`,
    );
    await queryRunner.query(
      `ALTER TABLE "codes_of_conduct" DROP CONSTRAINT "FK_4652a182d335a1249493b2decc7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "background_check_events" DROP CONSTRAINT "FK_8eb23dab880a8e63b751f86d71e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "background_checks" DROP CONSTRAINT "FK_df6a3e065f858d415513762cedf"`,
    );
    await queryRunner.query(`DROP TABLE "background_check_webhook_events"`);
    await queryRunner.query(`DROP INDEX "public"."safeguarding_trainings_volunteer_idx"`);
    await queryRunner.query(`DROP TABLE "safeguarding_trainings"`);
    await queryRunner.query(`DROP TABLE "safeguarding_daily_runs"`);
    await queryRunner.query(`DROP INDEX "public"."guardian_consents_volunteer_org_key"`);
    await queryRunner.query(`DROP INDEX "public"."guardian_consents_token_key"`);
    await queryRunner.query(`DROP TABLE "guardian_consents"`);
    await queryRunner.query(`DROP INDEX "public"."code_of_conduct_acceptances_key"`);
    await queryRunner.query(`DROP INDEX "public"."code_of_conduct_acceptances_user_idx"`);
    await queryRunner.query(`DROP TABLE "code_of_conduct_acceptances"`);
    await queryRunner.query(`DROP INDEX "public"."codes_of_conduct_org_version_key"`);
    await queryRunner.query(`DROP INDEX "public"."codes_of_conduct_org_idx"`);
    await queryRunner.query(`DROP TABLE "codes_of_conduct"`);
    await queryRunner.query(`DROP INDEX "public"."background_check_events_check_idx"`);
    await queryRunner.query(`DROP TABLE "background_check_events"`);
    await queryRunner.query(`DROP INDEX "public"."background_checks_volunteer_idx"`);
    await queryRunner.query(`DROP INDEX "public"."background_checks_one_active_key"`);
    await queryRunner.query(`DROP INDEX "public"."background_checks_reference_key"`);
    await queryRunner.query(`DROP INDEX "public"."background_checks_invitation_idx"`);
    await queryRunner.query(`DROP INDEX "public"."background_checks_report_idx"`);
    await queryRunner.query(`DROP INDEX "public"."background_checks_drive_idx"`);
    await queryRunner.query(`DROP INDEX "public"."background_checks_expiry_idx"`);
    await queryRunner.query(`DROP TABLE "background_checks"`);
    await queryRunner.query(`DROP INDEX "public"."background_check_audit_check_idx"`);
    await queryRunner.query(`DROP INDEX "public"."background_check_audit_actor_idx"`);
    await queryRunner.query(`DROP TABLE "background_check_audit"`);
  }
}
