import { Injectable } from '@nestjs/common';

/** Answers the organisations a volunteer currently has an active application or placement with. */
export type VolunteerLinkSource = (volunteerId: string) => Promise<string[]>;

/**
 * Safeguarding must not know about trips or internships, yet a coordinator may see a check only
 * while the volunteer is linked to their organisation. Those libs register a source here at start-up.
 */
@Injectable()
export class VolunteerLinksRegistry {
  private readonly sources: VolunteerLinkSource[] = [];

  register(source: VolunteerLinkSource): void {
    this.sources.push(source);
  }

  async activeOrganizationIds(volunteerId: string): Promise<string[]> {
    const lists = await Promise.all(this.sources.map((s) => s(volunteerId)));
    return [...new Set(lists.flat())];
  }
}
