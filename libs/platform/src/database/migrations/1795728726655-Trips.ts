import { MigrationInterface, QueryRunner } from 'typeorm';

/** Trips, trip applications with their status history, and the coordinators' digest state. */
export class Trips1795728726655 implements MigrationInterface {
  name = 'Trips1795728726655';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // TypeORM keeps the expression of generated columns here (it compares it in migration:generate).
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, $2, $3, $4)`,
      [
        'trips',
        'GENERATED_COLUMN',
        'search',
        "to_tsvector('simple'::regconfig, title || ' ' || description)",
      ],
    );
    await queryRunner.query(
      `CREATE TABLE "trips" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL, "country" character(2) NOT NULL, "city" character varying(120) NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "application_deadline" date NOT NULL, "capacity" integer NOT NULL, "seats_taken" integer NOT NULL DEFAULT '0', "cost_cents" integer NOT NULL, "currency" character(3) NOT NULL, "min_age" integer NOT NULL, "requires_background_check" boolean NOT NULL DEFAULT true, "requires_safeguarding_training" boolean NOT NULL DEFAULT false, "requires_code_of_conduct" boolean NOT NULL DEFAULT false, "admission" character varying(16) NOT NULL, "skills" character varying(64) array NOT NULL DEFAULT '{}', "languages" character varying(8) array NOT NULL DEFAULT '{}', "private_location" text, "status" character varying(16) NOT NULL DEFAULT 'draft', "dates_version" integer NOT NULL DEFAULT '1', "search" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title || ' ' || description)) STORED NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "trips_admission_check" CHECK (admission IN ('review', 'auto')), CONSTRAINT "trips_status_check" CHECK (status IN ('draft', 'published', 'closed', 'completed', 'cancelled')), CONSTRAINT "trips_min_age_check" CHECK (min_age >= 0 AND min_age <= 120), CONSTRAINT "trips_cost_check" CHECK (cost_cents >= 0), CONSTRAINT "trips_dates_check" CHECK (end_date >= start_date AND application_deadline <= start_date), CONSTRAINT "trips_seats_check" CHECK (seats_taken >= 0 AND seats_taken <= capacity), CONSTRAINT "trips_capacity_check" CHECK (capacity >= 1), CONSTRAINT "PK_f71c231dee9c05a9522f9e840f5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "trips_organization_idx" ON "trips"  ("organization_id", "start_date", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "trips_country_listing_idx" ON "trips"  ("country", "start_date", "id") WHERE status = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "trips_listing_idx" ON "trips"  ("start_date", "id") WHERE status = 'published'`,
    );
    // The listing's `skill` (all must match: skills @> …) and `q` (search @@ …) filters.
    await queryRunner.query(
      `CREATE INDEX "trips_skills_gin" ON "trips" USING GIN ("skills") WHERE status = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "trips_search_gin" ON "trips" USING GIN ("search") WHERE status = 'published'`,
    );
    await queryRunner.query(
      `CREATE TABLE "trip_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "trip_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "motivation" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "trip_applications_status_check" CHECK (status IN ('submitted', 'accepted', 'waitlisted', 'rejected', 'confirmed', 'withdrawn')), CONSTRAINT "PK_f74a6b5892e976251bfce87261d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "trip_applications_user_idx" ON "trip_applications"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "trip_applications_trip_created_idx" ON "trip_applications"  ("trip_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "trip_applications_trip_status_idx" ON "trip_applications"  ("trip_id", "status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "trip_applications_active_key" ON "trip_applications"  ("trip_id", "user_id") WHERE status IN ('submitted', 'accepted', 'waitlisted', 'confirmed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "trip_application_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "by_user_id" uuid, "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_00aae51bd231504c80f4b69d362" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "trip_application_events_application_idx" ON "trip_application_events"  ("application_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "trip_digests" ("organization_id" uuid NOT NULL, "covered_until" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_509bab7efb1904a48a14e29df66" PRIMARY KEY ("organization_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "trips" ADD CONSTRAINT "FK_15fdd7323bb78f9c4464a02782f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trips" ADD CONSTRAINT "FK_123140f8070e5c436bef866a380" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_applications" ADD CONSTRAINT "FK_cc5e3f0af4bf1c1ac8aa9e0b374" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_applications" ADD CONSTRAINT "FK_37bc0f0f67cf41ec6f14b244514" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_application_events" ADD CONSTRAINT "FK_928ce01aea0f7f4477186963a3a" FOREIGN KEY ("application_id") REFERENCES "trip_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_application_events" ADD CONSTRAINT "FK_c3fca9d0af30bcb20c3db9f42d1" FOREIGN KEY ("by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_digests" ADD CONSTRAINT "FK_509bab7efb1904a48a14e29df66" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "trip_digests"`);
    await queryRunner.query(`DROP TABLE "trip_application_events"`);
    await queryRunner.query(`DROP TABLE "trip_applications"`);
    await queryRunner.query(`DROP TABLE "trips"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'trips' AND "name" = 'search'`,
    );
  }
}
