import { isUUID } from 'class-validator';
import { BadRequestError, decodeCursor } from '@puente/platform';
import type { ApplicationView } from '../dto/application.dto';
import type { ApplicationStatus } from '../entities/trip-application.entity';

/** An application with its trip, organisation and volunteer (`a`, `t`, `o`, `u`), in one row. */
export const APPLICATION_VIEW_COLUMNS = `
  a.id, a.trip_id, a.user_id, a.status, a.motivation, a.created_at, a.updated_at,
  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
  t.title AS trip_title, t.start_date::text AS trip_start_date, t.end_date::text AS trip_end_date,
  t.city AS trip_city, t.country AS trip_country, t.status AS trip_status,
  t.admission AS trip_admission, t.organization_id, o.name AS organization_name,
  u.name AS volunteer_name, u.email AS volunteer_email`;

export const APPLICATION_VIEW_FROM = `
  FROM trip_applications a
  JOIN trips t ON t.id = a.trip_id
  JOIN organizations o ON o.id = t.organization_id
  JOIN users u ON u.id = a.user_id`;

export interface ApplicationRow {
  id: string;
  trip_id: string;
  user_id: string;
  status: ApplicationStatus;
  motivation: string;
  created_at: Date;
  updated_at: Date;
  cursor_at: string;
  trip_title: string;
  trip_start_date: string;
  trip_end_date: string;
  trip_city: string;
  trip_country: string;
  trip_status: string;
  trip_admission: string;
  organization_id: string;
  organization_name: string;
  volunteer_name: string;
  volunteer_email: string;
  private_location?: string | null;
}

export function toApplicationView(r: ApplicationRow, withPrivateLocation = false): ApplicationView {
  return {
    id: r.id,
    tripId: r.trip_id,
    trip: {
      id: r.trip_id,
      title: r.trip_title,
      startDate: r.trip_start_date,
      endDate: r.trip_end_date,
      city: r.trip_city,
      country: r.trip_country,
      status: r.trip_status,
      admission: r.trip_admission,
      organization: { id: r.organization_id, name: r.organization_name },
      ...(withPrivateLocation ? { privateLocation: r.private_location ?? null } : {}),
    },
    volunteer: { id: r.user_id, name: r.volunteer_name, email: r.volunteer_email },
    status: r.status,
    motivation: r.motivation,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Keyset position (created_at with microseconds, id) of an application list. */
export function decodeApplicationCursor(cursor: string | undefined): [string, string] | undefined {
  const key = decodeCursor(cursor, 2);
  if (!key) return undefined;
  const [at, id] = key;
  if (typeof at !== 'string' || !CURSOR_INSTANT.test(at) || typeof id !== 'string' || !isUUID(id))
    throw new BadRequestError('cursor is not a cursor this list gave out');
  return [at, id];
}
