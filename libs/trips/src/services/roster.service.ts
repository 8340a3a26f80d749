import { Injectable } from '@nestjs/common';
import type { EmergencyContact } from '@puente/accounts';
import { NotFoundError } from '@puente/platform';
import { SafeguardingGate } from '@puente/safeguarding';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark; other tools ignore it. */
const UTF8_BOM = '\uFEFF';

const COLUMNS = [
  { key: 'name', header: 'name' },
  { key: 'email', header: 'email' },
  { key: 'status', header: 'status' },
  { key: 'safeguarding', header: 'safeguarding' },
  { key: 'emergencyContactName', header: 'emergency contact name' },
  { key: 'emergencyContactPhone', header: 'emergency contact phone' },
  { key: 'emergencyContactRelation', header: 'emergency contact relation' },
];

/**
 * A cell a spreadsheet would run as a formula (=, @, or + / - not followed by a phone number)
 * gets a leading apostrophe, so a volunteer's name can never execute in a coordinator's Excel.
 */
export function neutralizeFormula(value: string): string {
  return /^[=@\t\r]/.test(value) || /^[+-](?![\d\s().-]*$)/.test(value) ? `'${value}` : value;
}

export interface RosterFile {
  filename: string;
  body: string;
}

@Injectable()
export class RosterService {
  constructor(
    private readonly ds: DataSource,
    private readonly gate: SafeguardingGate,
  ) {}

  /** One row per accepted or confirmed participant, with the safeguarding state from the gate. */
  async csv(tripId: string): Promise<RosterFile> {
    const [trip] = (await this.ds.query(
      `SELECT id, title, organization_id, start_date::text AS start_date, end_date::text AS end_date,
              requires_background_check, requires_safeguarding_training, requires_code_of_conduct
         FROM trips WHERE id = $1`,
      [tripId],
    )) as {
      id: string;
      title: string;
      organization_id: string;
      start_date: string;
      end_date: string;
      requires_background_check: boolean;
      requires_safeguarding_training: boolean;
      requires_code_of_conduct: boolean;
    }[];
    if (!trip) throw new NotFoundError('Trip');
    const participants = (await this.ds.query(
      `SELECT a.user_id, u.name, u.email, a.status, p.emergency_contact
         FROM trip_applications a
         JOIN users u ON u.id = a.user_id
         LEFT JOIN profiles p ON p.user_id = a.user_id
        WHERE a.trip_id = $1 AND a.status IN ('accepted', 'confirmed')
        ORDER BY u.name, u.email`,
      [tripId],
    )) as {
      user_id: string;
      name: string;
      email: string;
      status: string;
      emergency_contact: EmergencyContact | null;
    }[];
    const requirements = {
      backgroundCheck: trip.requires_background_check,
      safeguardingTraining: trip.requires_safeguarding_training,
      codeOfConduct: trip.requires_code_of_conduct,
    };
    const required = Object.values(requirements).some(Boolean);
    const states = await Promise.all(
      participants.map(async (p) => {
        const unmet = await this.gate.unmet({
          userId: p.user_id,
          organizationId: trip.organization_id,
          requirements,
          startDate: trip.start_date,
          endDate: trip.end_date,
        });
        if (unmet.length) return unmet.map((u) => u.message).join('; ');
        return required ? 'cleared' : 'cleared (nothing required)';
      }),
    );
    const records = participants.map((p, i) =>
      Object.fromEntries(
        Object.entries({
          name: p.name,
          email: p.email,
          status: p.status,
          safeguarding: states[i],
          emergencyContactName: p.emergency_contact?.name ?? '',
          emergencyContactPhone: p.emergency_contact?.phone ?? '',
          emergencyContactRelation: p.emergency_contact?.relation ?? '',
        }).map(([k, v]) => [k, neutralizeFormula(v)]),
      ),
    );
    const slug =
      trip.title
        .normalize('NFD')
        .replace(/[^\w\s-]/g, '')
        .trim()
        .toLowerCase()
        .replace(/[\s_-]+/g, '-')
        .slice(0, 60) || 'trip';
    return {
      filename: `roster-${slug}-${trip.start_date}.csv`,
      body:
        UTF8_BOM + stringify(records, { header: true, columns: COLUMNS, record_delimiter: '\r\n' }),
    };
  }
}
