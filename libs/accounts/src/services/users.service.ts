import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { MeView } from '../dto/auth.dto';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
  ) {}

  async findAuthUser(id: string): Promise<AuthUser | null> {
    const user = await this.users.findOne({
      where: { id },
      select: { id: true, email: true, isAdmin: true },
    });
    return user ? { id: user.id, email: user.email, isAdmin: user.isAdmin } : null;
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  async me(userId: string): Promise<MeView> {
    const user = await this.users.findOneByOrFail({ id: userId });
    const memberships = await this.memberships.find({
      where: { userId },
      order: { createdAt: 'ASC' },
    });
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      isAdmin: user.isAdmin,
      memberships: memberships.map((m) => ({ organizationId: m.organizationId, role: m.role })),
    };
  }
}
