import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '@puente/platform';
import { Membership } from './entities/membership.entity';
import { Organization } from './entities/organization.entity';
import { Profile } from './entities/profile.entity';
import { Skill } from './entities/skill.entity';
import { User } from './entities/user.entity';
import { AuthService } from './services/auth.service';
import { OrganizationsService } from './services/organizations.service';
import { PasswordHasher } from './services/password-hasher';
import { ProfileService } from './services/profile.service';
import { SkillsService } from './services/skills.service';
import { UsersService } from './services/users.service';

const services = [
  AuthService,
  OrganizationsService,
  PasswordHasher,
  ProfileService,
  SkillsService,
  UsersService,
];

/** Users, organisations, memberships, profiles and skills: used by the API and the worker alike. */
@Module({
  imports: [
    TypeOrmModule.forFeature([User, Organization, Membership, Profile, Skill]),
    JwtModule.registerAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a
        // public key on every verify, which cost about 1 ms of CPU per authenticated request.
        secret: createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8')),
        signOptions: { expiresIn: env.JWT_EXPIRES_IN as `${number}h` },
      }),
    }),
  ],
  providers: services,
  exports: [...services, JwtModule, TypeOrmModule],
})
export class AccountsModule {}
