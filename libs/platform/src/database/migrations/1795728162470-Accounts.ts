import { MigrationInterface, QueryRunner } from 'typeorm';

const SKILLS: [string, string, string][] = [
  ['counseling', 'Counseling', 'care'],
  ['trauma-informed-care', 'Trauma-informed care', 'care'],
  ['social-work', 'Social work', 'care'],
  ['psychology', 'Psychology', 'care'],
  ['childcare', 'Childcare', 'care'],
  ['nursing', 'Nursing', 'health'],
  ['medicine', 'Medicine', 'health'],
  ['nutrition', 'Nutrition', 'health'],
  ['teaching', 'Teaching', 'education'],
  ['english-teaching', 'English teaching', 'education'],
  ['special-education', 'Special education', 'education'],
  ['tutoring', 'Tutoring', 'education'],
  ['music', 'Music', 'education'],
  ['art', 'Art', 'education'],
  ['sports-coaching', 'Sports coaching', 'education'],
  ['vocational-training', 'Vocational training', 'education'],
  ['legal-research', 'Legal research', 'legal'],
  ['paralegal', 'Paralegal work', 'legal'],
  ['law', 'Law (licensed attorney)', 'legal'],
  ['translation', 'Translation and interpreting', 'language'],
  ['construction', 'Construction', 'practical'],
  ['cooking', 'Cooking', 'practical'],
  ['accounting', 'Accounting', 'administration'],
  ['administration', 'Administration', 'administration'],
  ['fundraising', 'Fundraising', 'administration'],
  ['it-support', 'IT support', 'technology'],
  ['photography', 'Photography', 'communications'],
  ['social-media', 'Social media', 'communications'],
];

export class Accounts1795728162470 implements MigrationInterface {
  name = 'Accounts1795728162470';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "slug" character varying(100) NOT NULL, "time_zone" character varying(64) NOT NULL DEFAULT 'UTC', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"  ("slug") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "password_hash" character varying(255) NOT NULL, "is_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(32) NOT NULL DEFAULT 'coordinator', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "memberships_user_idx" ON "memberships"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "memberships_org_user_key" ON "memberships"  ("organization_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "skills" ("slug" character varying(64) NOT NULL, "name" character varying(120) NOT NULL, "category" character varying(64) NOT NULL, CONSTRAINT "PK_55b7acbf80551e7fa2b5a33ed6c" PRIMARY KEY ("slug"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "profiles" ("user_id" uuid NOT NULL, "date_of_birth" date, "phone" character varying(32), "country" character(2), "languages" jsonb NOT NULL DEFAULT '[]', "skills" jsonb NOT NULL DEFAULT '[]', "emergency_contact" jsonb, "passport_expires_on" date, "locale" character varying(2) NOT NULL DEFAULT 'en', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9e432b7df0d182f8d292902d1a2" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_e5380c394ec7912046d07b54290" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "profiles" ADD CONSTRAINT "FK_9e432b7df0d182f8d292902d1a2" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Emails are stored lower-cased so the unique index is case-insensitive.
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_email_lower_check" CHECK (email = lower(email))`,
    );
    await queryRunner.query(
      `ALTER TABLE "profiles" ADD CONSTRAINT "profiles_locale_check" CHECK (locale IN ('en', 'es'))`,
    );
    // The skill taxonomy the organisations need; admins add more with POST /skills.
    await queryRunner.query(
      `INSERT INTO "skills" ("slug", "name", "category") VALUES ${SKILLS.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ')}`,
      SKILLS.flat(),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "profiles" DROP CONSTRAINT "FK_9e432b7df0d182f8d292902d1a2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" DROP CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051"`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" DROP CONSTRAINT "FK_e5380c394ec7912046d07b54290"`,
    );
    await queryRunner.query(`DROP TABLE "profiles"`);
    await queryRunner.query(`DROP TABLE "skills"`);
    await queryRunner.query(`DROP INDEX "public"."memberships_org_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."memberships_user_idx"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."organizations_slug_key"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
  }
}
