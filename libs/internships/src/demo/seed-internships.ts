import { PasswordHasher } from '@puente/accounts';

/** The password of every demo intern (their emails are listed in the log). */
export const DEMO_INTERN_PASSWORD = 'puente-demo-intern';

const DAY_MS = 86_400_000;
const day = (from: Date, days: number) =>
  new Date(from.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** Runs one SQL statement and answers its rows (a pg Client, a TypeORM DataSource, …). */
export type SeedQuery = (text: string, params?: unknown[]) => Promise<any[]>;

interface DemoNeed {
  /** The home itself, or its legal-aid partner (the home when no partner is given). */
  org: 'home' | 'partner';
  title: string;
  description: string;
  location: string;
  slots: number;
  requiredSkills: { skill: string; minLevel: number }[];
  preferredSkills: { skill: string; weight: number }[];
  languages: { code: string; minLevel: number }[];
  requiresBackgroundCheck: boolean;
  privateLocation: string | null;
}

const NEEDS: DemoNeed[] = [
  {
    org: 'home',
    title: 'Aftercare counselling intern',
    description:
      'Accompany girls leaving the home through their first year outside: weekly visits, group sessions, and help with school and work.',
    location: 'Guatemala City, GT',
    slots: 2,
    requiredSkills: [{ skill: 'counseling', minLevel: 3 }],
    preferredSkills: [
      { skill: 'social-work', weight: 3 },
      { skill: 'childcare', weight: 1 },
    ],
    languages: [{ code: 'es', minLevel: 3 }],
    requiresBackgroundCheck: true,
    privateLocation: 'Casa de transición, 4a Calle 3-21, Zona 1',
  },
  {
    org: 'partner',
    title: 'Legal research intern for the legal-aid partner',
    description:
      'Research case law and prepare files on guardianship and protection orders with the partner’s lawyers.',
    location: 'Antigua Guatemala, GT',
    slots: 1,
    requiredSkills: [{ skill: 'legal-research', minLevel: 2 }],
    preferredSkills: [{ skill: 'translation', weight: 2 }],
    languages: [
      { code: 'es', minLevel: 3 },
      { code: 'en', minLevel: 3 },
    ],
    requiresBackgroundCheck: false,
    privateLocation: null,
  },
  {
    org: 'home',
    title: 'English teacher for the girls’ home school',
    description: 'Teach English to girls aged 10–17 in small groups, four mornings a week.',
    location: 'Chimaltenango, GT',
    slots: 2,
    requiredSkills: [{ skill: 'english-teaching', minLevel: 2 }],
    preferredSkills: [{ skill: 'teaching', weight: 2 }],
    languages: [{ code: 'en', minLevel: 4 }],
    requiresBackgroundCheck: true,
    privateLocation: 'Hogar de Niñas, Km 54 Carretera Interamericana',
  },
];

interface DemoIntern {
  name: string;
  email: string;
  skills: { skill: string; level: number }[];
  languages: { code: string; level: number }[];
  /** Titles of NEEDS, most preferred first. */
  preferences: string[];
  /** Days from today the availability starts and ends. */
  window: [number, number];
  statement: string;
}

const INTERNS: DemoIntern[] = [
  {
    name: 'Lucía Fernández',
    email: 'lucia.intern@example.org',
    skills: [
      { skill: 'counseling', level: 5 },
      { skill: 'legal-research', level: 4 },
      { skill: 'social-work', level: 3 },
    ],
    languages: [
      { code: 'es', level: 5 },
      { code: 'en', level: 4 },
    ],
    preferences: [],
    window: [30, 330],
    statement: 'Licensed counsellor who studied law; happy wherever I am most useful.',
  },
  {
    name: 'Tomás Rivera',
    email: 'tomas.intern@example.org',
    skills: [{ skill: 'counseling', level: 3 }],
    languages: [
      { code: 'es', level: 4 },
      { code: 'en', level: 3 },
    ],
    preferences: ['Aftercare counselling intern'],
    window: [45, 300],
    statement: 'Psychology graduate, two summers at a youth shelter.',
  },
  {
    name: 'Hannah Becker',
    email: 'hannah.intern@example.org',
    skills: [
      { skill: 'english-teaching', level: 5 },
      { skill: 'teaching', level: 4 },
    ],
    languages: [
      { code: 'en', level: 5 },
      { code: 'es', level: 2 },
    ],
    preferences: ['English teacher for the girls’ home school'],
    window: [30, 330],
    statement: 'Primary teacher on a sabbatical year.',
  },
  {
    name: 'Samuel Okafor',
    email: 'samuel.intern@example.org',
    skills: [
      { skill: 'english-teaching', level: 3 },
      { skill: 'it-support', level: 4 },
    ],
    languages: [{ code: 'en', level: 5 }],
    preferences: [],
    window: [30, 300],
    statement: 'TEFL certified; can also keep the school’s computers running.',
  },
  {
    name: 'Marta Quispe',
    email: 'marta.intern@example.org',
    skills: [
      { skill: 'legal-research', level: 3 },
      { skill: 'translation', level: 4 },
    ],
    languages: [
      { code: 'es', level: 5 },
      { code: 'en', level: 4 },
    ],
    preferences: ['Legal research intern for the legal-aid partner'],
    window: [40, 280],
    statement: 'Law student and court translator.',
  },
  {
    name: 'Owen Price',
    email: 'owen.intern@example.org',
    skills: [
      { skill: 'english-teaching', level: 2 },
      { skill: 'childcare', level: 3 },
    ],
    languages: [{ code: 'en', level: 5 }],
    preferences: [],
    window: [30, 120],
    statement: 'Available for the first months only.',
  },
  {
    name: 'Rosa Méndez',
    email: 'rosa.intern@example.org',
    skills: [
      { skill: 'social-work', level: 4 },
      { skill: 'counseling', level: 2 },
    ],
    languages: [{ code: 'es', level: 5 }],
    preferences: ['Aftercare counselling intern'],
    window: [30, 330],
    statement: 'Social worker; counselling certificate in progress.',
  },
];

/**
 * Demo internship needs (for the home and, when given, its legal-aid partner) and intern
 * applications from demo volunteers, so a coordinator can run a match at once. Idempotent: needs
 * (by organisation and title) and interns (by email) that exist are left as they are. Call it
 * inside the seed's transaction. Answers what it added.
 */
export async function seedInternships(
  query: SeedQuery,
  options: {
    organizationId: string;
    partnerOrganizationId?: string;
    createdBy?: string | null;
    now?: Date;
    log?: (line: string) => void;
  },
): Promise<{ needs: number; interns: number }> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const [start, end] = [day(now, 60), day(now, 240)];
  const needIds = new Map<string, string>();
  let addedNeeds = 0;
  for (const need of NEEDS) {
    const organizationId =
      need.org === 'partner'
        ? (options.partnerOrganizationId ?? options.organizationId)
        : options.organizationId;
    const found = await query(
      'SELECT id FROM needs WHERE organization_id = $1 AND title = $2 LIMIT 1',
      [organizationId, need.title],
    );
    if (found.length) {
      needIds.set(need.title, found[0].id);
      continue;
    }
    const skills = [
      ...new Set([...need.requiredSkills, ...need.preferredSkills].map((s) => s.skill)),
    ];
    const [row] = await query(
      `INSERT INTO needs (organization_id, title, description, location, start_date, end_date, slots,
         required_skills, preferred_skills, languages, skill_slugs, requires_background_check,
         private_location, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        organizationId,
        need.title,
        need.description,
        need.location,
        start,
        end,
        need.slots,
        JSON.stringify(need.requiredSkills),
        JSON.stringify(need.preferredSkills),
        JSON.stringify(need.languages),
        skills,
        need.requiresBackgroundCheck,
        need.privateLocation,
        options.createdBy ?? null,
      ],
    );
    needIds.set(need.title, row.id);
    addedNeeds++;
  }

  const hash = await new PasswordHasher().hash(DEMO_INTERN_PASSWORD);
  let addedInterns = 0;
  for (const intern of INTERNS) {
    const [user] = await query(
      `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [intern.email, intern.name, hash],
    );
    if (!user) continue;
    await query(
      `INSERT INTO profiles (user_id, date_of_birth, phone, country, languages, skills, emergency_contact, locale)
       VALUES ($1, '1996-05-14', '+15125550123', 'US', $2, $3, $4, 'en')`,
      [
        user.id,
        JSON.stringify(intern.languages),
        JSON.stringify(intern.skills),
        JSON.stringify({ name: 'Demo Contact', phone: '+15125550199', relation: 'parent' }),
      ],
    );
    await query(
      `INSERT INTO intern_applications (user_id, available_from, available_to, statement, preferences, skills, languages)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        user.id,
        day(now, intern.window[0]),
        day(now, intern.window[1]),
        intern.statement,
        intern.preferences.map((title) => needIds.get(title)).filter(Boolean),
        JSON.stringify(intern.skills),
        JSON.stringify(intern.languages),
      ],
    );
    addedInterns++;
  }
  log(
    `internships: ${addedNeeds} needs and ${addedInterns} intern applications added ` +
      `(interns log in as ${INTERNS[0].email} … with password ${DEMO_INTERN_PASSWORD})`,
  );
  return { needs: addedNeeds, interns: addedInterns };
}
