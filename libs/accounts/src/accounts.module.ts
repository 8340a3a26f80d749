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
        secret: env.JWT_SECRET,
        signOptions: { expiresIn: env.JWT_EXPIRES_IN as `${number}h` },
      }),
    }),
  ],
  providers: services,
  exports: [...services, JwtModule, TypeOrmModule],
})
export class AccountsModule {}
