import type { TripView } from '../dto/trip.view';

/**
 * The columns of a trip view, read in one query with its organisation (`t` trips, `o`
 * organizations). Dates come back as text: pg would otherwise turn them into local-time Dates.
 */
export const TRIP_VIEW_COLUMNS = `
  t.id, t.title, t.description, t.country, t.city,
  t.start_date::text AS start_date, t.end_date::text AS end_date,
  t.application_deadline::text AS application_deadline,
  t.capacity, t.capacity - t.seats_taken AS seats_remaining, t.cost_cents, t.currency, t.min_age,
  t.requires_background_check, t.requires_safeguarding_training, t.requires_code_of_conduct,
  t.admission, t.skills, t.languages, t.status, t.created_at, t.updated_at,
  o.id AS organization_id, o.name AS organization_name`;

export interface TripRow {
  id: string;
  title: string;
  description: string;
  country: string;
  city: string;
  start_date: string;
  end_date: string;
  application_deadline: string;
  capacity: number;
  seats_remaining: number;
  cost_cents: number;
  currency: string;
  min_age: number;
  requires_background_check: boolean;
  requires_safeguarding_training: boolean;
  requires_code_of_conduct: boolean;
  admission: string;
  skills: string[];
  languages: string[];
  status: string;
  created_at: Date;
  updated_at: Date;
  organization_id: string;
  organization_name: string;
  private_location?: string | null;
}

/** The public view; `privateLocation` only when the caller may see it. */
export function toTripView(r: TripRow, withPrivateLocation = false): TripView {
  const view: TripView = {
    id: r.id,
    organization: { id: r.organization_id, name: r.organization_name },
    title: r.title,
    description: r.description,
    country: r.country,
    city: r.city,
    startDate: r.start_date,
    endDate: r.end_date,
    applicationDeadline: r.application_deadline,
    capacity: r.capacity,
    seatsRemaining: r.seats_remaining,
    costCents: r.cost_cents,
    currency: r.currency,
    minAge: r.min_age,
    requiresBackgroundCheck: r.requires_background_check,
    requiresSafeguardingTraining: r.requires_safeguarding_training,
    requiresCodeOfConduct: r.requires_code_of_conduct,
    admission: r.admission,
    skills: r.skills,
    languages: r.languages,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (withPrivateLocation) view.privateLocation = r.private_location ?? null;
  return view;
}
