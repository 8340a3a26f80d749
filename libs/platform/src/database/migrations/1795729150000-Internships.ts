import { MigrationInterface, QueryRunner } from 'typeorm';

/** Internship needs, intern applications, matching runs, placements and their status history. */
export class Internships1795729150000 implements MigrationInterface {
  name = 'Internships1795729150000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "intern_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "available_from" date NOT NULL, "available_to" date NOT NULL, "statement" text NOT NULL, "preferences" uuid array NOT NULL DEFAULT '{}', "skills" jsonb NOT NULL, "languages" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "intern_applications_window_check" CHECK (available_to >= available_from), CONSTRAINT "intern_applications_status_check" CHECK (status IN ('active', 'withdrawn')), CONSTRAINT "PK_b8a19309df043a48ea3fa2ed771" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "intern_applications_active_idx" ON "intern_applications"  ("available_from", "available_to") WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX "intern_applications_user_idx" ON "intern_applications"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "intern_applications_active_key" ON "intern_applications"  ("user_id") WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE TABLE "matching_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "mode" character varying(16) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "need_ids" uuid array, "input" jsonb, "result" jsonb, "total_score" integer, "overridden" boolean NOT NULL DEFAULT false, "error" text, "requested_by" uuid, "applied_at" TIMESTAMP WITH TIME ZONE, "applied_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "matching_runs_status_check" CHECK (status IN ('queued', 'running', 'completed', 'failed')), CONSTRAINT "matching_runs_mode_check" CHECK (mode IN ('optimal', 'stable')), CONSTRAINT "PK_c0bebed77bb3aa81e48b4654d40" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "matching_runs_pending_idx" ON "matching_runs"  ("created_at") WHERE status IN ('queued', 'running')`,
    );
    await queryRunner.query(
      `CREATE INDEX "matching_runs_organization_idx" ON "matching_runs"  ("organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "needs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL, "location" character varying(200) NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "slots" integer NOT NULL, "required_skills" jsonb NOT NULL DEFAULT '[]', "preferred_skills" jsonb NOT NULL DEFAULT '[]', "languages" jsonb NOT NULL DEFAULT '[]', "skill_slugs" character varying(64) array NOT NULL DEFAULT '{}', "requires_background_check" boolean NOT NULL DEFAULT true, "requires_safeguarding_training" boolean NOT NULL DEFAULT false, "requires_code_of_conduct" boolean NOT NULL DEFAULT false, "private_location" text, "status" character varying(16) NOT NULL DEFAULT 'open', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "needs_status_check" CHECK (status IN ('open', 'filled', 'closed')), CONSTRAINT "needs_dates_check" CHECK (end_date >= start_date), CONSTRAINT "needs_slots_check" CHECK (slots >= 1 AND slots <= 1000), CONSTRAINT "PK_fdb71d393bc390a1a09ac047dd1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "needs_organization_idx" ON "needs"  ("organization_id", "start_date", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "needs_listing_idx" ON "needs"  ("start_date", "id") WHERE status = 'open'`,
    );
    await queryRunner.query(
      `CREATE TABLE "placements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid, "need_id" uuid NOT NULL, "intern_application_id" uuid NOT NULL, "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "status" character varying(24) NOT NULL DEFAULT 'offered', "score" integer NOT NULL, "explanation" jsonb NOT NULL, "missing" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "placements_status_check" CHECK (status IN ('offered', 'awaiting_requirements', 'placed', 'declined', 'withdrawn')), CONSTRAINT "PK_91cca43a1baa03ee278d7be74da" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "placements_awaiting_idx" ON "placements"  ("updated_at") WHERE status = 'awaiting_requirements'`,
    );
    await queryRunner.query(
      `CREATE INDEX "placements_organization_idx" ON "placements"  ("organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "placements_user_idx" ON "placements"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "placements_need_idx" ON "placements"  ("need_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "placements_active_application_key" ON "placements"  ("intern_application_id") WHERE status IN ('offered', 'awaiting_requirements', 'placed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "placement_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "placement_id" uuid NOT NULL, "from_status" character varying(24), "to_status" character varying(24) NOT NULL, "by_user_id" uuid, "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e37cb45adf6441c9518594b4158" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "placement_events_placement_idx" ON "placement_events"  ("placement_id", "at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "intern_applications" ADD CONSTRAINT "FK_6365ba1bc5812d228b31f0c4655" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "matching_runs" ADD CONSTRAINT "FK_2b225343c6d2bc40937231f1c82" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "matching_runs" ADD CONSTRAINT "FK_3f775510cfdb0728b5f8beb6913" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "needs" ADD CONSTRAINT "FK_7238fa481416cd29fed606b8321" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "needs" ADD CONSTRAINT "FK_265ed8ffdc52fd3608c459d48fe" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placements" ADD CONSTRAINT "FK_e2bdc41e86560eccf99f0ef282a" FOREIGN KEY ("run_id") REFERENCES "matching_runs"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placements" ADD CONSTRAINT "FK_ca5879fd172854b2763fe34417b" FOREIGN KEY ("need_id") REFERENCES "needs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placements" ADD CONSTRAINT "FK_6b8b6be1ebcd14dad405fadbe04" FOREIGN KEY ("intern_application_id") REFERENCES "intern_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placements" ADD CONSTRAINT "FK_e5edcc249f317a469df7137ffd9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placements" ADD CONSTRAINT "FK_123c044548e43c8ff3c78da4226" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_events" ADD CONSTRAINT "FK_0b5ba8aca2784ac80e4fa77eed5" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_events" ADD CONSTRAINT "FK_c6f6756ad175095990054e578df" FOREIGN KEY ("by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "placement_events" DROP CONSTRAINT "FK_c6f6756ad175095990054e578df"`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_events" DROP CONSTRAINT "FK_0b5ba8aca2784ac80e4fa77eed5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "placements" DROP CONSTRAINT "FK_123c044548e43c8ff3c78da4226"`,
    );
    await queryRunner.query(
      `ALTER TABLE "placements" DROP CONSTRAINT "FK_e5edcc249f317a469df7137ffd9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "placements" DROP CONSTRAINT "FK_6b8b6be1ebcd14dad405fadbe04"`,
    );
    await queryRunner.query(
      `ALTER TABLE "placements" DROP CONSTRAINT "FK_ca5879fd172854b2763fe34417b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "placements" DROP CONSTRAINT "FK_e2bdc41e86560eccf99f0ef282a"`,
    );
    await queryRunner.query(`ALTER TABLE "needs" DROP CONSTRAINT "FK_265ed8ffdc52fd3608c459d48fe"`);
    await queryRunner.query(`ALTER TABLE "needs" DROP CONSTRAINT "FK_7238fa481416cd29fed606b8321"`);
    await queryRunner.query(
      `ALTER TABLE "matching_runs" DROP CONSTRAINT "FK_3f775510cfdb0728b5f8beb6913"`,
    );
    await queryRunner.query(
      `ALTER TABLE "matching_runs" DROP CONSTRAINT "FK_2b225343c6d2bc40937231f1c82"`,
    );
    await queryRunner.query(
      `ALTER TABLE "intern_applications" DROP CONSTRAINT "FK_6365ba1bc5812d228b31f0c4655"`,
    );
    await queryRunner.query(`DROP INDEX "public"."placement_events_placement_idx"`);
    await queryRunner.query(`DROP TABLE "placement_events"`);
    await queryRunner.query(`DROP INDEX "public"."placements_active_application_key"`);
    await queryRunner.query(`DROP INDEX "public"."placements_need_idx"`);
    await queryRunner.query(`DROP INDEX "public"."placements_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."placements_organization_idx"`);
    await queryRunner.query(`DROP INDEX "public"."placements_awaiting_idx"`);
    await queryRunner.query(`DROP TABLE "placements"`);
    await queryRunner.query(`DROP INDEX "public"."needs_listing_idx"`);
    await queryRunner.query(`DROP INDEX "public"."needs_organization_idx"`);
    await queryRunner.query(`DROP TABLE "needs"`);
    await queryRunner.query(`DROP INDEX "public"."matching_runs_organization_idx"`);
    await queryRunner.query(`DROP INDEX "public"."matching_runs_pending_idx"`);
    await queryRunner.query(`DROP TABLE "matching_runs"`);
    await queryRunner.query(`DROP INDEX "public"."intern_applications_active_key"`);
    await queryRunner.query(`DROP INDEX "public"."intern_applications_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."intern_applications_active_idx"`);
    await queryRunner.query(`DROP TABLE "intern_applications"`);
  }
}
