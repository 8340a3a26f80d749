import { Injectable } from '@nestjs/common';
import { ProfileService, UsersService } from '@puente/accounts';
import { RecipientDirectory, type Recipient } from '../delivery/recipient-directory';

/** A user's address and name from accounts, and the language of their emails from the profile. */
@Injectable()
export class AccountRecipientDirectory extends RecipientDirectory {
  constructor(
    private readonly users: UsersService,
    private readonly profiles: ProfileService,
  ) {
    super();
  }

  async find(userId: string): Promise<Recipient | null> {
    const [user, profile] = await Promise.all([
      this.users.findById(userId),
      this.profiles.find(userId),
    ]);
    if (!user) return null;
    return { email: user.email, name: user.name, locale: profile?.locale ?? 'en' };
  }
}
