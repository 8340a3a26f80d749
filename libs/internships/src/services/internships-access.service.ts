import { Injectable } from '@nestjs/common';
import { AuthUser, OrganizationsService } from '@puente/accounts';

/** Who may act for an organisation: its coordinators, and admins for any. */
@Injectable()
export class InternshipsAccess {
  constructor(private readonly organizations: OrganizationsService) {}

  async coordinates(user: AuthUser | undefined, organizationId: string): Promise<boolean> {
    if (!user) return false;
    return user.isAdmin || this.organizations.isCoordinator(user.id, organizationId);
  }
}
