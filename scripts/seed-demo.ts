// `npm run seed:demo`: fills an EMPTY database with a demo organisation, its legal-aid partner, a
// coordinator, a volunteer and published trips of both admission kinds, and prints how to log in.
// Creates and migrates the database first when needed, so it works before the API has ever run.
import 'reflect-metadata';
import { Client } from 'pg';
import { PasswordHasher } from '@puente/accounts';
import { seedInternships } from '@puente/internships/demo/seed-internships';
import {
  describeUrl,
  ensureDatabase,
  InvalidEnvError,
  loadEnv,
  runMigrations,
} from '@puente/platform';

const COORDINATOR = {
  email: 'coordinator@puente.local',
  password: 'demo-coordinator-password',
  name: 'Lucía Morales',
};
const VOLUNTEER = {
  email: 'volunteer@puente.local',
  password: 'demo-volunteer-password',
  name: 'Sam Carter',
};

function daysFromNow(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface DemoTrip {
  org: 'home' | 'legal';
  title: string;
  description: string;
  city: string;
  start: number;
  days: number;
  deadline: number;
  capacity: number;
  costCents: number;
  currency: string;
  minAge: number;
  requiresBackgroundCheck: boolean;
  admission: 'review' | 'auto';
  skills: string[];
  languages: string[];
  privateLocation: string | null;
}

const TRIPS: DemoTrip[] = [
  {
    org: 'home',
    title: 'Summer tutoring and art at Hogar Esperanza',
    description:
      'Two weeks of homework help, reading clubs and art workshops with the girls of the home. ' +
      'Mornings in the classroom, afternoons painting the new mural. Spanish helps but is not required.',
    city: 'Antigua Guatemala',
    start: 45,
    days: 14,
    deadline: 30,
    capacity: 12,
    costCents: 95000,
    currency: 'USD',
    minAge: 18,
    requiresBackgroundCheck: true,
    admission: 'review',
    skills: ['teaching', 'childcare', 'art'],
    languages: ['es', 'en'],
    privateLocation: 'Hogar Esperanza, 3a Avenida Norte 8, Antigua (confirmed volunteers only)',
  },
  {
    org: 'home',
    title: 'Weekend sports camp',
    description:
      'Football, volleyball and games for forty girls over a long weekend, with the home’s staff. ' +
      'First come, first served.',
    city: 'Antigua Guatemala',
    start: 21,
    days: 3,
    deadline: 14,
    capacity: 20,
    costCents: 15000,
    currency: 'USD',
    minAge: 18,
    requiresBackgroundCheck: true,
    admission: 'auto',
    skills: ['sports-coaching', 'childcare'],
    languages: ['es'],
    privateLocation: 'Campo municipal de San Felipe, gate 2, 07:30',
  },
  {
    org: 'home',
    title: 'Classroom repair week',
    description:
      'Repair the roof and paint two classrooms of the home’s school while the girls are on ' +
      'holiday: no contact with the children, so no background check is needed. First come, first served.',
    city: 'Antigua Guatemala',
    start: 75,
    days: 6,
    deadline: 60,
    capacity: 8,
    costCents: 40000,
    currency: 'USD',
    minAge: 16,
    requiresBackgroundCheck: false,
    admission: 'auto',
    skills: ['construction'],
    languages: [],
    privateLocation: 'Meet at the parish hall, 4a Calle Poniente 12, at 08:00',
  },
  {
    org: 'legal',
    title: 'Legal research sprint: child protection cases',
    description:
      'Three weeks with the legal-aid team preparing research memos on guardianship and ' +
      'child-protection cases for the family courts. Legal training and good Spanish needed.',
    city: 'Guatemala City',
    start: 60,
    days: 21,
    deadline: 40,
    capacity: 4,
    costCents: 0,
    currency: 'USD',
    minAge: 21,
    requiresBackgroundCheck: true,
    admission: 'review',
    skills: ['legal-research', 'paralegal'],
    languages: ['es'],
    privateLocation: null,
  },
  {
    org: 'legal',
    title: 'Interpreting at family court hearings',
    description:
      'Interpret for visiting families and foreign attorneys during a week of family court hearings.',
    city: 'Quetzaltenango',
    start: 100,
    days: 5,
    deadline: 80,
    capacity: 3,
    costCents: 25000,
    currency: 'GTQ',
    minAge: 18,
    requiresBackgroundCheck: true,
    admission: 'review',
    skills: ['translation'],
    languages: ['es', 'en'],
    privateLocation: null,
  },
];

async function seed(db: Client, adminEmail: string, adminPassword: string): Promise<void> {
  const hasher = new PasswordHasher();
  const user = async (u: { email: string; password: string; name: string }, isAdmin = false) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO users (email, name, password_hash, is_admin) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
        [u.email, u.name, await hasher.hash(u.password), isAdmin],
      )
    ).rows[0].id;
  // The API creates the admin at start-up; the seed does too, so the printed login works either way.
  await user({ email: adminEmail, password: adminPassword, name: 'Administrator' }, true);
  const coordinatorId = await user(COORDINATOR);
  const volunteerId = await user(VOLUNTEER);
  const org = async (name: string, slug: string) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO organizations (name, slug, time_zone) VALUES ($1, $2, 'America/Guatemala') RETURNING id`,
        [name, slug],
      )
    ).rows[0].id;
  const orgs = {
    home: await org('Hogar de Niñas Esperanza', 'hogar-esperanza'),
    legal: await org('Justicia para la Niñez', 'justicia-para-la-ninez'),
  };
  for (const organizationId of Object.values(orgs))
    await db.query(
      `INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, 'coordinator')`,
      [organizationId, coordinatorId],
    );
  await db.query(
    `INSERT INTO profiles (user_id, date_of_birth, phone, country, languages, skills, emergency_contact, passport_expires_on, locale)
     VALUES ($1, '1996-05-20', '+15125550100', 'US', $2, $3, $4, $5, 'en')`,
    [
      volunteerId,
      JSON.stringify([
        { code: 'en', level: 5 },
        { code: 'es', level: 3 },
      ]),
      JSON.stringify([
        { skill: 'teaching', level: 4 },
        { skill: 'construction', level: 2 },
      ]),
      JSON.stringify({ name: 'Jordan Carter', phone: '+15125550101', relation: 'brother' }),
      daysFromNow(365 * 8),
    ],
  );
  for (const t of TRIPS)
    await db.query(
      `INSERT INTO trips (organization_id, title, description, country, city, start_date, end_date,
                          application_deadline, capacity, cost_cents, currency, min_age,
                          requires_background_check, admission, skills, languages, private_location,
                          status, created_by)
       VALUES ($1, $2, $3, 'GT', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'published', $17)`,
      [
        orgs[t.org],
        t.title,
        t.description,
        t.city,
        daysFromNow(t.start),
        daysFromNow(t.start + t.days),
        daysFromNow(t.deadline),
        t.capacity,
        t.costCents,
        t.currency,
        t.minAge,
        t.requiresBackgroundCheck,
        t.admission,
        t.skills,
        t.languages,
        t.privateLocation,
        coordinatorId,
      ],
    );
  // Internship needs for both organisations and demo interns, so a match can be run at once.
  await seedInternships((text, params) => db.query(text, params).then((r) => r.rows), {
    organizationId: orgs.home,
    partnerOrganizationId: orgs.legal,
    createdBy: coordinatorId,
    log: (line) => console.log(line),
  });
}

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (err) {
    if (err instanceof InvalidEnvError) {
      for (const p of err.problems) console.error(`seed:demo: ${p}`);
      process.exit(1);
    }
    throw err;
  }
  const where = describeUrl(env.DATABASE_URL);
  const adminEmail = env.BOOTSTRAP_ADMIN_EMAIL.toLowerCase();
  await ensureDatabase(env.DATABASE_URL);
  await runMigrations(env.DATABASE_URL);
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ users: number; organizations: number; trips: number }>(
      `SELECT (SELECT count(*)::int FROM users WHERE email <> $1) AS users,
              (SELECT count(*)::int FROM organizations) AS organizations,
              (SELECT count(*)::int FROM trips) AS trips`,
      [adminEmail],
    );
    const { users, organizations, trips } = rows[0];
    if (users || organizations || trips) {
      console.error(
        `seed:demo: the database at ${where} already has data (${users} users besides the admin, ` +
          `${organizations} organizations, ${trips} trips); it only fills an empty database. Nothing was written.`,
      );
      process.exitCode = 1;
      return;
    }
    await db.query('BEGIN');
    try {
      await seed(db, adminEmail, env.BOOTSTRAP_ADMIN_PASSWORD);
      await db.query('COMMIT');
    } catch (err) {
      await db.query('ROLLBACK');
      throw err;
    }
  } finally {
    await db.end();
  }
  const base = env.PUBLIC_URL;
  console.log(
    [
      `Demo data written to ${where}:`,
      `  organizations  Hogar de Niñas Esperanza (a girls' home in Antigua, Guatemala)`,
      `                 Justicia para la Niñez (its legal-aid partner)`,
      `  trips          ${TRIPS.length} published (review and auto admission); browse: curl ${base}/trips`,
      '',
      'Log in (POST /auth/login) as:',
      `  coordinator    ${COORDINATOR.email} / ${COORDINATOR.password}   (coordinates both organizations)`,
      `  volunteer      ${VOLUNTEER.email} / ${VOLUNTEER.password}   (complete profile, ready to apply)`,
      `  admin          ${adminEmail} / ${env.BOOTSTRAP_ADMIN_PASSWORD}`,
      '',
      `Docs: ${base}/docs`,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(`seed:demo: failed: ${(err as Error).message}`);
  process.exit(1);
});
