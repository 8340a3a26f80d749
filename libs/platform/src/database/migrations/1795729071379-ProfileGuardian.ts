import { MigrationInterface, QueryRunner } from 'typeorm';

/** A parent or guardian on the profile, asked for consent when a volunteer is under 18. */
export class ProfileGuardian1795729071379 implements MigrationInterface {
  name = 'ProfileGuardian1795729071379';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "profiles" ADD "guardian_name" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "profiles" ADD "guardian_email" character varying(254)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "guardian_email"`);
    await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "guardian_name"`);
  }
}
