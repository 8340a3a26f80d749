import { dayNumber } from './calendar-date';
import type { MatchApplication, MatchNeed } from './matching.types';

/** Thrown for input that breaks the documented contract (bad date, level, slots, duplicate id…). */
export class MatchingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatchingInputError';
  }
}

/**
 * An application with lookups built once, so that checking and scoring a pair is a few typed
 * array reads. Skills and languages are numbered by the vocabulary of the needs in the run:
 * anything no need mentions cannot matter and is left out of the arrays.
 */
export interface PreparedApplication {
  source: MatchApplication;
  /** Position in the id-sorted application list. */
  index: number;
  id: string;
  availableFrom: string;
  availableTo: string;
  fromDay: number;
  toDay: number;
  /** Highest level per skill id (0 = not held); duplicates collapse to the best. */
  skillLevel: Uint8Array;
  /** Ids of the skills held (level > 0). */
  heldSkills: number[];
  languageLevel: Uint8Array;
  /** Need positions the intern listed (first mention wins) and their 1-based ranks. */
  rankedNeeds: number[];
  ranks: number[];
  /** Need positions the intern may not be placed in. */
  excludedNeeds: Set<number>;
}

export interface PreparedNeed {
  source: MatchNeed;
  /** Position in the id-sorted need list. */
  index: number;
  id: string;
  slots: number;
  startDate: string;
  endDate: string;
  startDay: number;
  endDay: number;
  /** Duplicates collapse to the highest minimum / weight; names kept for messages. */
  requiredSkills: { skill: string; minLevel: number }[];
  preferredSkills: { skill: string; weight: number }[];
  languages: { code: string; minLevel: number }[];
  /** The same lists as skill / language ids, in the same order. */
  requiredIds: Int32Array;
  preferredIds: Int32Array;
  languageIds: Int32Array;
}

export interface PreparedInput {
  apps: PreparedApplication[];
  needs: PreparedNeed[];
}

const MIN_LEVEL = 1;
const MAX_LEVEL = 5;

function fail(message: string): never {
  throw new MatchingInputError(message);
}

function checkId(id: unknown, what: string): string {
  if (typeof id !== 'string' || id.length === 0) fail(`${what} id must be a non-empty string`);
  return id;
}

function checkDate(date: unknown, what: string): number {
  const day = typeof date === 'string' ? dayNumber(date) : Number.NaN;
  if (Number.isNaN(day)) {
    fail(`${what} must be a YYYY-MM-DD calendar date, got ${JSON.stringify(date)}`);
  }
  return day;
}

// Messages are only put together on failure: these run once per skill of every application.
function checkLevel(level: unknown, what: string, field: string, subject: unknown): number {
  if (!Number.isInteger(level) || (level as number) < MIN_LEVEL || (level as number) > MAX_LEVEL) {
    fail(
      `${what} ${field} of ${String(subject)} must be an integer from ${MIN_LEVEL} to ${MAX_LEVEL}, got ${String(level)}`,
    );
  }
  return level as number;
}

function checkName(name: unknown, what: string, field: string): string {
  if (typeof name !== 'string' || name.length === 0) {
    fail(`${what} ${field} must be a non-empty string`);
  }
  return name;
}

function checkList(list: unknown, what: string): void {
  if (!Array.isArray(list)) fail(`${what} must be an array`);
}

/** Keeps the highest value per key, in first-seen key order. */
function collapse(entries: [string, number][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of entries) out.set(key, Math.max(value, out.get(key) ?? value));
  return out;
}

/** Numbers every name it is asked about, in first-seen order. */
class Vocabulary {
  readonly ids = new Map<string, number>();

  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = this.ids.size));
    return id;
  }
}

function prepareNeed(
  need: MatchNeed,
  index: number,
  skills: Vocabulary,
  languages: Vocabulary,
): PreparedNeed {
  const id = checkId(need.id, 'need');
  const what = `need ${id}`;
  if (!Number.isSafeInteger(need.slots) || need.slots < 0) {
    fail(`${what}: slots must be an integer ≥ 0, got ${String(need.slots)}`);
  }
  const startDay = checkDate(need.startDate, `${what} startDate`);
  const endDay = checkDate(need.endDate, `${what} endDate`);
  if (startDay > endDay) fail(`${what}: startDate is after endDate`);
  checkList(need.requiredSkills, `${what} requiredSkills`);
  checkList(need.preferredSkills, `${what} preferredSkills`);
  checkList(need.languages, `${what} languages`);
  const required = collapse(
    need.requiredSkills.map((s) => [
      checkName(s.skill, what, 'required skill'),
      checkLevel(s.minLevel, what, 'minLevel', s.skill),
    ]),
  );
  const preferred = collapse(
    need.preferredSkills.map((s) => {
      if (!Number.isSafeInteger(s.weight) || s.weight < 1) {
        fail(`${what}: weight of ${s.skill} must be a positive integer, got ${String(s.weight)}`);
      }
      return [checkName(s.skill, what, 'preferred skill'), s.weight];
    }),
  );
  const spoken = collapse(
    need.languages.map((l) => [
      checkName(l.code, what, 'language'),
      checkLevel(l.minLevel, what, 'minLevel', l.code),
    ]),
  );
  return {
    source: need,
    index,
    id,
    slots: need.slots,
    startDate: need.startDate,
    endDate: need.endDate,
    startDay,
    endDay,
    requiredSkills: [...required].map(([skill, minLevel]) => ({ skill, minLevel })),
    preferredSkills: [...preferred].map(([skill, weight]) => ({ skill, weight })),
    languages: [...spoken].map(([code, minLevel]) => ({ code, minLevel })),
    requiredIds: Int32Array.from(required.keys(), (s) => skills.idOf(s)),
    preferredIds: Int32Array.from(preferred.keys(), (s) => skills.idOf(s)),
    languageIds: Int32Array.from(spoken.keys(), (c) => languages.idOf(c)),
  };
}

function prepareApplication(
  app: MatchApplication,
  index: number,
  skills: Vocabulary,
  languages: Vocabulary,
  needIndex: Map<string, number>,
): PreparedApplication {
  const id = checkId(app.id, 'application');
  const what = `application ${id}`;
  const fromDay = checkDate(app.availableFrom, `${what} availableFrom`);
  const toDay = checkDate(app.availableTo, `${what} availableTo`);
  if (fromDay > toDay) fail(`${what}: availableFrom is after availableTo`);
  checkList(app.skills, `${what} skills`);
  checkList(app.languages, `${what} languages`);
  checkList(app.preferences, `${what} preferences`);
  const skillLevel = new Uint8Array(skills.ids.size);
  const heldSkills: number[] = [];
  for (const s of app.skills) {
    const level = checkLevel(s.level, what, 'level', s.skill);
    const skill = skills.ids.get(checkName(s.skill, what, 'skill'));
    if (skill === undefined) continue;
    if (skillLevel[skill] === 0) heldSkills.push(skill);
    skillLevel[skill] = Math.max(skillLevel[skill], level);
  }
  const languageLevel = new Uint8Array(languages.ids.size);
  for (const l of app.languages) {
    const level = checkLevel(l.level, what, 'level', l.code);
    const code = languages.ids.get(checkName(l.code, what, 'language'));
    if (code !== undefined) languageLevel[code] = Math.max(languageLevel[code], level);
  }
  // A rank is the position in the list as stated, so it is the same whichever needs are in the run.
  const rankedNeeds: number[] = [];
  const ranks: number[] = [];
  for (let position = 0; position < app.preferences.length; position++) {
    const n = needIndex.get(checkName(app.preferences[position], what, 'preference'));
    if (n !== undefined && !rankedNeeds.includes(n)) {
      rankedNeeds.push(n);
      ranks.push(position + 1);
    }
  }
  const excludedNeeds = new Set<number>();
  checkList(app.excludedNeeds ?? [], `${what} excludedNeeds`);
  for (const needId of app.excludedNeeds ?? []) {
    const n = needIndex.get(checkName(needId, what, 'excluded need'));
    if (n !== undefined) excludedNeeds.add(n);
  }
  return {
    source: app,
    index,
    id,
    availableFrom: app.availableFrom,
    availableTo: app.availableTo,
    fromDay,
    toDay,
    skillLevel,
    heldSkills,
    languageLevel,
    rankedNeeds,
    ranks,
    excludedNeeds,
  };
}

/** The intern's 1-based rank of a need, or null when not listed. */
export function rankOf(app: PreparedApplication, need: PreparedNeed): number | null {
  const k = app.rankedNeeds.indexOf(need.index);
  return k < 0 ? null : app.ranks[k];
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function rejectDuplicateIds(items: { id: string }[], what: string): void {
  for (let i = 1; i < items.length; i++) {
    if (items[i].id === items[i - 1].id) fail(`duplicate ${what} id ${items[i].id}`);
  }
}

/**
 * Validates and sorts both sides by id. Everything downstream works on these positions, so the
 * result depends only on the content of the input, never on its order.
 */
export function prepareInput(
  applications: readonly MatchApplication[],
  needs: readonly MatchNeed[],
): PreparedInput {
  checkList(applications, 'applications');
  checkList(needs, 'needs');
  for (const app of applications) checkId(app?.id, 'application');
  for (const need of needs) checkId(need?.id, 'need');
  const sortedApps = [...applications].sort(byId);
  const sortedNeeds = [...needs].sort(byId);
  rejectDuplicateIds(sortedApps, 'application');
  rejectDuplicateIds(sortedNeeds, 'need');
  const skills = new Vocabulary();
  const languages = new Vocabulary();
  const preparedNeeds = sortedNeeds.map((need, index) =>
    prepareNeed(need, index, skills, languages),
  );
  const needIndex = new Map(preparedNeeds.map((need) => [need.id, need.index]));
  return {
    apps: sortedApps.map((app, index) =>
      prepareApplication(app, index, skills, languages, needIndex),
    ),
    needs: preparedNeeds,
  };
}

/** One application and one need, prepared together (for the single-pair functions). */
export function preparePair(
  app: MatchApplication,
  need: MatchNeed,
): { app: PreparedApplication; need: PreparedNeed } {
  const { apps, needs } = prepareInput([app], [need]);
  return { app: apps[0], need: needs[0] };
}
