import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { ConflictError } from '@puente/platform';
import { QueryFailedError, Repository } from 'typeorm';
import type { JwtClaims } from '../auth/auth-user';
import type { AuthResultView, LoginDto, RegisterDto } from '../dto/auth.dto';
import { User } from '../entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { UsersService } from './users.service';

const BAD_CREDENTIALS = 'Email or password is incorrect';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectRepository(User) private readonly userRepo: Repository<User>,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
  ) {}

  async register(dto: RegisterDto): Promise<AuthResultView> {
    const email = dto.email.toLowerCase();
    if (await this.users.findByEmail(email))
      throw new ConflictError('An account with this email already exists', 'EMAIL_TAKEN');
    const passwordHash = await this.hasher.hash(dto.password);
    let user: User;
    try {
      user = await this.userRepo.save(
        this.userRepo.create({ email, name: dto.name, passwordHash }),
      );
    } catch (err) {
      // Two registrations of one email at once: the unique index decides.
      if (err instanceof QueryFailedError && (err as { code?: string }).code === '23505') {
        throw new ConflictError('An account with this email already exists', 'EMAIL_TAKEN');
      }
      throw err;
    }
    this.logger.log({ userId: user.id }, 'user registered');
    return this.issue(user.id);
  }

  /** Unknown email and wrong password answer the same, after the same amount of work. */
  async login(dto: LoginDto): Promise<AuthResultView> {
    const user = await this.userRepo.findOne({
      where: { email: dto.email.toLowerCase() },
      select: { id: true, passwordHash: true },
    });
    const ok = await this.hasher.verify(user?.passwordHash, dto.password);
    if (!user || !ok) throw new UnauthorizedException(BAD_CREDENTIALS);
    return this.issue(user.id);
  }

  async issue(userId: string): Promise<AuthResultView> {
    const claims: JwtClaims = { sub: userId };
    return { user: await this.users.me(userId), accessToken: await this.jwt.signAsync(claims) };
  }

  /** Sets a new password (used by the password reset flow). */
  async setPassword(userId: string, password: string): Promise<void> {
    await this.userRepo.update({ id: userId }, { passwordHash: await this.hasher.hash(password) });
  }
}
