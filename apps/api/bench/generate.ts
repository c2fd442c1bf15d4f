/**
 * A partnership at 100 times a real one, for the HTTP benchmark (bench/http.ts) and for profiling: by default
 * 200,000 actions with 1,000,000 progress updates, 3,000 reviews with their learning points and recommendations,
 * 150 agencies, 30 themes, 8 subgroups, about 330 users and their sessions.
 *
 *   pnpm bench:data [file] [--force]        (default file: data/bench.db at the repository root)
 *
 * Sizes: BENCH_ACTIONS, BENCH_UPDATES (5 per action), BENCH_REVIEWS (3 per 200 actions), BENCH_AGENCIES (150),
 * BENCH_THEMES (30, at most 30), BENCH_SUBGROUPS (8, at most 8); BENCH_SEED (1) picks another, equally shaped
 * partnership. Everyone's password is BENCH_PASSWORD below (hashed with the product's scrypt at a low cost).
 *
 * The file is migrated by the product's own migrations (schema, checks and triggers are the product's), then filled
 * with raw prepared inserts in one transaction. Every history is written as the product would have written it:
 * status changes are progress updates in the workflow's order (not started → in progress → completed → assured, or
 * withdrawn with a reason), completion carries evidence, assurance is a sign-off ('assurance', evidence of impact,
 * no confidence), a return for more information is a 'return' with its question and reply-by day (and the action's
 * returned_* columns while it is the latest word), and the action row agrees with its history: last_update_at and
 * latest_confidence are those of its latest 'progress' update. Some target dates were revised: an agreed request,
 * the change, and the action revision holding the old date (as packages/db/src/seed.ts writes the demo's).
 *
 * The mix mirrors the demo (seeds/demo.ts) as the product rates it: of all actions about 28% assured, 9% completed,
 * 49% in progress, 9% not started, 5% withdrawn; of the open ones about 13% overdue, 10% stale, 3% off track,
 * 13% at risk and 3% returned for more information, the rest on track (Red ≈ 9%, Amber ≈ 14%, Green ≈ 45%,
 * Blue ≈ 28% overall).
 *
 * The full-text index: the product's triggers add every progress note to its action's row of actions_fts, one
 * update of the row per note. At a million notes that alone would take minutes, so while the histories are
 * inserted the two full-text triggers are set aside, the index is then written once per action with exactly what
 * the triggers would have put there (the ref, texts and ' ' || note for each note in order), and the triggers are
 * made again from their own SQL as it was read from sqlite_schema. The schema afterwards is checked to be
 * identical to the migrated one.
 */
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closeDatabase, migrateDatabase, openDatabase } from '@lrt/db';
import type { SeedCounts } from '@lrt/db/seed';
import { addDays, londonToday } from '@lrt/domain';
import { hashPassword } from '../src/lib/password-hash';

export const BENCH_PASSWORD = 'bench-partnership-password';
/** scrypt cost for the bench users: 2^12, so signing in is quick (the product's default is 2^17). */
const BENCH_SCRYPT_COST = 12;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The demo's settings: an open action with no progress update in 56 days is stale; returns are answered in 28. */
const CADENCE_DAYS = 56;
const REPLY_DAYS = 28;

export interface GenerateOptions {
  actions: number;
  updates: number;
  reviews: number;
  agencies: number;
  themes: number;
  subgroups: number;
  seed: number;
  now: Date;
  log?: (line: string) => void;
}

/** What the demo seed counts, and what only a generated partnership has. */
export interface GenerateCounts extends SeedCounts {
  targetDateChanges: number;
  pendingDateRequests: number;
  users: number;
  sessions: number;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): GenerateOptions {
  const int = (name: string, fallback: number, min = 1) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min} (it is "${raw}")`);
    return value;
  };
  const actions = int('BENCH_ACTIONS', 200_000);
  return {
    actions,
    updates: int('BENCH_UPDATES', actions * 5, 0),
    reviews: int('BENCH_REVIEWS', Math.max(5, Math.round((actions * 3) / 200))),
    agencies: int('BENCH_AGENCIES', 150, 2),
    themes: Math.min(THEME_NAMES.length, int('BENCH_THEMES', 30)),
    subgroups: Math.min(SUBGROUPS.length, int('BENCH_SUBGROUPS', 8)),
    seed: int('BENCH_SEED', 1, 0),
    now: new Date(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Words. Invented, in the register of real action plans, so full-text search has realistic words to find.

const PLACES = ['Northmoor', 'Eastfield', 'Moorside', 'Ashby Vale', 'Kirkholme', 'Thornbury', 'Westmere', 'Hollinwood', 'Redbrook', 'Calder Bridge', 'Oakhurst', 'Fellgate', 'Brackenley', 'Saltmarsh', 'Highcross'];
const AGENCY_KINDS: { kind: string; weight: number; names: string[]; short: string }[] = [
  { kind: 'health', weight: 30, short: 'H', names: ['NHS Foundation Trust', 'Community Health Services', 'Integrated Care Board', 'GP Federation', 'Mental Health Trust', 'Ambulance Service', 'Hospital Trust'] },
  { kind: 'education', weight: 25, short: 'E', names: ['Academy Trust', 'High School', 'Primary School', 'College', 'Pupil Referral Unit', 'Nursery School'] },
  { kind: 'local_authority', weight: 20, short: 'LA', names: ["Children's Social Care", 'Early Help Service', 'Housing Service', 'Youth Justice Service', 'Adult Social Care', 'Education Welfare Service'] },
  { kind: 'voluntary', weight: 12, short: 'V', names: ['Domestic Abuse Service', 'Young Carers', 'Family Support Project', 'Youth Project', 'Refuge', 'Bereavement Service'] },
  { kind: 'police', weight: 5, short: 'P', names: ['Police', 'Police Public Protection Unit', 'British Transport Police'] },
  { kind: 'other', weight: 8, short: 'O', names: ['Probation Service', 'CAFCASS', 'Fire and Rescue Service', 'Housing Association'] },
];
const SUBGROUPS = [
  ['Learning and Practice Review', 'LPR'],
  ['Quality Assurance and Performance', 'QAP'],
  ['Training and Workforce Development', 'TWD'],
  ['Neglect and Early Help', 'NEH'],
  ['Exploitation and Missing', 'EXM'],
  ['Health Safeguarding', 'HSG'],
  ['Education Safeguarding', 'ESG'],
  ['Domestic Abuse', 'DAB'],
] as const;
const THEME_NAMES = [
  'Neglect', 'Domestic abuse', 'Voice of the child', 'Professional curiosity', 'Information sharing', 'Escalation',
  'Think family', 'Fathers and male carers', 'Transition to adulthood', 'Criminal exploitation', 'Sexual exploitation',
  'Parental mental health', 'Parental substance misuse', 'Safe sleep', 'Bruising in non-mobile infants',
  'Disguised compliance', 'School attendance', 'Elective home education', 'Disabled children', 'Online harm',
  'Missing from home', 'Private fostering', 'Housing and homelessness', 'Cumulative harm', 'Adolescent neglect',
  'Culturally competent practice', 'Poverty', 'Self-harm', 'Pre-birth assessment', 'Multi-agency risk assessment',
];
const TOPICS = [
  'chronology', 'escalation', 'supervision', 'strategy discussions', 'home visits', 'the child’s voice', 'fathers',
  'safe sleep advice', 'bruising protocol', 'attendance', 'missing episodes', 'exploitation screening', 'referrals',
  'threshold guidance', 'multi-agency audits', 'case recording', 'information sharing agreements', 'core groups',
  'child protection conferences', 'health assessments', 'transition planning', 'early help assessments',
  'domestic abuse risk', 'MARAC referrals', 'substance misuse screening', 'pre-birth planning', 'neglect toolkit',
  'graded care profile', 'professional challenge', 'reflective supervision', 'training uptake', 'practice guidance',
];
const OPENERS = [
  'Audit of', 'Briefing on', 'Workshop on', 'Revised guidance on', 'Dip sample of', 'Training session on',
  'Practice week focused on', 'Team meetings discussed', 'Task and finish group on', 'Spot check of', 'Review of',
  'Learning circle on', 'Pilot of', 'Survey of practitioners about', 'Quarterly report on',
];
const DETAILS = [
  'completed in two localities', 'shared with all team managers', 'shows steady improvement', 'found gaps in recording',
  'delayed by staff sickness', 'rolled out to the night teams', 'well attended by health visitors',
  'scheduled for next quarter', 'needs agreement from the designated nurse', 'reported to the subgroup',
  'included in the induction pack', 'with partners from education and police', 'awaiting data from the system supplier',
  'showed practitioners were more confident', 'highlighted the need for a second round', 'agreed at the leadership meeting',
];
const FIRST_NAMES = ['Amara', 'Ben', 'Catherine', 'Dev', 'Eleanor', 'Farid', 'Grace', 'Hamza', 'Isla', 'James', 'Kiran', 'Lena', 'Marcus', 'Nadia', 'Owen', 'Priya', 'Rhys', 'Sofia', 'Tom', 'Uma', 'Victor', 'Wendy', 'Yusuf', 'Zara'];
const LAST_NAMES = ['Ahmed', 'Barker', 'Chowdhury', 'Davies', 'Evans', 'Fletcher', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morgan', 'Nowak', 'Okafor', 'Patel', 'Quinn', 'Roberts', 'Singh', 'Taylor', 'Walsh', 'Young'];
const REVIEW_TYPES: [string, string, number][] = [
  ['lcspr', 'LCSPR', 35], ['rapid_review', 'RR', 20], ['partnership_learning_review', 'PLR', 15], ['thematic_review', 'TR', 10],
  ['scr', 'SCR', 10], ['multi_agency_audit', 'MAA', 5], ['reflective_learning_event', 'RLE', 5],
];

// ---------------------------------------------------------------------------------------------------------------
// A small, seeded random source, so a seed always builds the same partnership.

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Status = 'not_started' | 'in_progress' | 'completed' | 'assured' | 'withdrawn';
type Confidence = 'on_track' | 'at_risk' | 'off_track';
/** What an open action's history is made to show (the product's rules then rate it). */
type Condition = 'green' | 'overdue' | 'off_track' | 'at_risk' | 'stale' | 'returned_amber' | 'returned_red';
type Slot = 'note' | 'start' | 'complete' | 'return' | 'reply' | 'assure' | 'withdraw';

/** The demo's mix (seeds/demo.ts, as the product rates it), as weights. */
const STATUS_WEIGHTS: [Status, number][] = [['assured', 28], ['completed', 9], ['in_progress', 49], ['not_started', 9], ['withdrawn', 5]];
const OPEN_CONDITION_WEIGHTS: [Condition, number][] = [
  ['overdue', 13], ['stale', 10.5], ['off_track', 3], ['at_risk', 13], ['returned_amber', 1.5], ['returned_red', 1.5], ['green', 57.5],
];

interface Plan {
  review: number;
  status: Status;
  condition: Condition;
  createdMs: number;
  slots: Slot[];
}

export function defaultBenchFile(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'bench.db');
}

/** Builds the partnership into `file`, which must not exist yet (or is replaced with `force`). */
export async function generate(file: string, options: GenerateOptions, force = false): Promise<{ counts: GenerateCounts; seconds: number }> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (existsSync(file)) {
    if (!force) throw new Error(`${file} exists already; pass --force (or BENCH_FORCE=1) to replace it`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
  const started = performance.now();
  const random = mulberry32(options.seed * 2654435761 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const weighted = <T>(choices: readonly (readonly [T, number])[]): T => {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = random() * total;
    for (const [value, w] of choices) if ((r -= w) < 0) return value;
    return choices.at(-1)![0];
  };

  const now = options.now;
  const nowMs = now.getTime();
  const today = londonToday(now);
  const date = (dayOffset: number) => addDays(today, dayOffset);
  const dayOf = (ms: number) => Math.floor((ms - nowMs) / DAY_MS);
  const iso = (ms: number) => new Date(ms).toISOString();
  const passwordHash = await hashPassword(BENCH_PASSWORD, BENCH_SCRYPT_COST);

  const db = openDatabase(file);
  await migrateDatabase(db);
  const sqlite = db.$client;
  const schemaBefore = sqlite.prepare('select type, name, tbl_name, sql from sqlite_schema order by type, name').all();
  // A fresh file no one else holds: no journal and no syncs while it is built (the product's pragmas return on
  // the next open); foreign keys and checks stay on, so every row is one the product would accept.
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');

  const counts: GenerateCounts = {
    agencies: options.agencies,
    subgroups: options.subgroups,
    themes: options.themes,
    reviews: options.reviews,
    learningPoints: 0,
    recommendations: 0,
    actions: options.actions,
    progressUpdates: 0,
    targetDateChanges: 0,
    pendingDateRequests: 0,
    users: 0,
    sessions: 0,
  };

  const ftsTriggers = sqlite
    .prepare(`select name, sql from sqlite_schema where type = 'trigger' and name in ('actions_fts_after_insert', 'progress_updates_fts_after_insert')`)
    .all() as { name: string; sql: string }[];
  if (ftsTriggers.length !== 2) throw new Error('the full-text triggers of migrations/sqlite/0001 were not found; has the schema changed?');

  sqlite.transaction(() => {
    for (const trigger of ftsTriggers) sqlite.exec(`drop trigger ${trigger.name}`);
    const earliestDay = -1900;
    const firstAt = iso(nowMs + earliestDay * DAY_MS);
    sqlite.prepare('update settings set partnership_name = ?, updated_at = ?').run('Benchmoor Safeguarding Children Partnership', firstAt);

    // Agencies: a few large ones (children's social care, the police, the acute trust) own most actions.
    const insertAgency = sqlite.prepare(
      'insert into agencies (name, short_name, kind, senior_contact_name, senior_contact_email, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
    );
    const agencyWeights: number[] = [];
    for (let a = 1; a <= options.agencies; a++) {
      const kind = weighted(AGENCY_KINDS.map((k) => [k, k.weight] as const));
      const name = `${PLACES[(a - 1) % PLACES.length]} ${kind.names[Math.floor((a - 1) / PLACES.length) % kind.names.length]}${a > PLACES.length * 3 ? ` ${a}` : ''}`;
      const director = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
      insertAgency.run(`${name} (${a})`, `${kind.short}${String(a).padStart(3, '0')}`, kind.kind, director, `director${a}@agency${a}.bench.example`, firstAt, firstAt);
      agencyWeights.push(1 / Math.pow(a, 0.8));
    }
    const agencyCumulative: number[] = [];
    agencyWeights.reduce((sum, w, i) => (agencyCumulative[i] = sum + w), 0);
    const agencyTotal = agencyCumulative.at(-1)!;
    const ownerAgency = () => {
      const r = random() * agencyTotal;
      let low = 0;
      let high = agencyCumulative.length - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (agencyCumulative[mid]! < r) low = mid + 1;
        else high = mid;
      }
      return low + 1;
    };

    const insertSubgroup = sqlite.prepare('insert into subgroups (name, short_name, created_at, updated_at) values (?, ?, ?, ?)');
    for (let s = 0; s < options.subgroups; s++) insertSubgroup.run(SUBGROUPS[s]![0], SUBGROUPS[s]![1], firstAt, firstAt);
    const insertTheme = sqlite.prepare('insert into themes (name, description, created_at, updated_at) values (?, ?, ?, ?)');
    for (let t = 0; t < options.themes; t++) insertTheme.run(THEME_NAMES[t]!, `Actions about ${THEME_NAMES[t]!.toLowerCase()}.`, firstAt, firstAt);

    // People: an administrator (the business unit), an independent chair, a chair for each subgroup, two leads for
    // each agency and some viewers; sessions for about half of them (some long expired).
    const insertUser = sqlite.prepare('insert into users (email, name, password_hash, password_changed_at, last_sign_in_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)');
    const insertRole = sqlite.prepare('insert into user_roles (user_id, role) values (?, ?)');
    const insertUserAgency = sqlite.prepare('insert into user_agencies (user_id, agency_id) values (?, ?)');
    const insertUserSubgroup = sqlite.prepare('insert into user_subgroups (user_id, subgroup_id) values (?, ?)');
    const insertSession = sqlite.prepare(
      "insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent, sign_in_method) values (?, ?, ?, ?, ?, ?, '127.0.0.1', 'Mozilla/5.0 (bench)', 'password')",
    );
    const person = () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
    const user = (email: string, name: string, roles: string[]) => {
      const signedIn = iso(nowMs - between(0, 30) * DAY_MS - between(1, 8) * HOUR_MS);
      const id = Number(insertUser.run(email, name, passwordHash, firstAt, signedIn, firstAt, firstAt).lastInsertRowid);
      for (const role of roles) insertRole.run(id, role);
      counts.users++;
      if (random() < 0.5) {
        const expired = random() < 0.3;
        const createdMs = expired ? nowMs - between(2, 60) * DAY_MS : nowMs - between(1, 8) * HOUR_MS;
        insertSession.run(createHash('sha256').update(randomBytes(32)).digest('hex'), id, randomBytes(32).toString('base64url'), iso(createdMs), iso(createdMs + 30 * 60_000), iso(createdMs + 12 * HOUR_MS));
        counts.sessions++;
      }
      return { id, name };
    };
    const businessUnit = user('admin@bench.example', `${person()}, Partnership Business Manager`, ['admin']);
    user('chair@bench.example', `${person()}, Independent Chair`, ['independent_chair']);
    const subgroupChairs: { id: number; name: string }[] = [];
    for (let s = 1; s <= options.subgroups; s++) {
      const chair = user(`chair${s}@bench.example`, `${person()}, Chair, ${SUBGROUPS[s - 1]![0]} subgroup`, ['subgroup_chair']);
      insertUserSubgroup.run(chair.id, s);
      subgroupChairs.push(chair);
    }
    const leads: { id: number; name: string }[][] = [[]];
    for (let a = 1; a <= options.agencies; a++) {
      const pair = [1, 2].map((n) => {
        const lead = user(`lead${n}@agency${a}.bench.example`, `${person()}, Safeguarding Lead`, ['agency_lead']);
        insertUserAgency.run(lead.id, a);
        return lead;
      });
      leads.push(pair);
    }
    for (let v = 1; v <= 20; v++) user(`viewer${v}@bench.example`, person(), ['viewer']);

    // Reviews, their learning points and recommendations.
    const insertReview = sqlite.prepare(
      `insert into reviews (code, type, child_pseudonym, title, stage, notified_on, rapid_review_on, started_on, completed_on, published_on,
         lead_reviewer, subgroup_id, summary, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertReviewTheme = sqlite.prepare('insert into review_themes (review_id, theme_id) values (?, ?)');
    const insertLearningPoint = sqlite.prepare('insert into learning_points (review_id, number, title, description, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
    const insertRecommendation = sqlite.prepare(
      'insert into recommendations (review_id, number, text, addressee, lead_agency_id, subgroup_id, target_date, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertRecLp = sqlite.prepare('insert into recommendation_learning_points (recommendation_id, learning_point_id) values (?, ?)');
    interface ReviewFacts {
      id: number;
      code: string;
      findingsDay: number;
      subgroup: number;
      themes: number[];
      recs: { id: number; subgroup: number }[];
    }
    const reviewFacts: ReviewFacts[] = [];
    for (let r = 1; r <= options.reviews; r++) {
      const [type, prefix] = weighted(REVIEW_TYPES.map(([t, p, w]) => [[t, p] as const, w] as const));
      const notified = between(-1800, -45);
      const rapid = notified + between(10, 30);
      const findingsDay = type === 'rapid_review' ? rapid : Math.min(-20, rapid + between(120, 420));
      const started = type === 'rapid_review' ? null : rapid + between(10, 40);
      const completed = type === 'rapid_review' ? null : Math.max(findingsDay, started ?? findingsDay);
      const published = completed !== null && completed + 30 < -1 ? completed + between(20, 60) : null;
      const stage = type === 'rapid_review' ? 'rapid_review' : published === null ? 'review' : published < -700 && random() < 0.5 ? 'closed' : 'published';
      const subgroup = between(1, options.subgroups);
      const code = `${prefix}${String(r).padStart(4, '0')}-${date(notified).slice(0, 4)}`;
      const themes = [...new Set([between(1, options.themes), between(1, options.themes), between(1, options.themes)].slice(0, between(1, 3)))];
      const keyDays = [notified, rapid, started, completed, published].filter((d): d is number => d !== null && d <= -1);
      const createdAt = iso(nowMs + notified * DAY_MS + 9 * HOUR_MS - DAY_MS);
      const id = Number(
        insertReview.run(
          code, type, `Child ${String.fromCharCode(65 + (r % 26))}${r}`, `${THEME_NAMES[themes[0]! - 1]} review of Child ${r}`, stage,
          date(notified), date(rapid), started === null ? null : date(started), completed === null || completed > -1 ? null : date(completed),
          published === null || published > -1 ? null : date(published), `${person()}, independent reviewer`, subgroup,
          `What Child ${r}'s experience taught the partnership about ${THEME_NAMES[themes[0]! - 1]!.toLowerCase()}.`,
          keyDays.length, createdAt, iso(nowMs + Math.max(...keyDays) * DAY_MS),
        ).lastInsertRowid,
      );
      for (const t of themes) insertReviewTheme.run(id, t);
      const findingsAt = iso(nowMs + findingsDay * DAY_MS);
      const lps: number[] = [];
      const lpCount = between(2, 7);
      for (let n = 1; n <= lpCount; n++) {
        const topic = pick(TOPICS);
        lps.push(Number(insertLearningPoint.run(id, n, `Learning about ${topic}`, `Practitioners did not always use ${topic} to understand the child's lived experience.`, findingsAt, findingsAt).lastInsertRowid));
        counts.learningPoints++;
      }
      const recs: { id: number; subgroup: number }[] = [];
      const recCount = between(2, 7);
      for (let n = 1; n <= recCount; n++) {
        const addressee = weighted([['partnership', 43], ['subgroup', 31], ['agency', 26]] as const);
        const recSubgroup = random() < 0.7 ? subgroup : between(1, options.subgroups);
        const recId = Number(
          insertRecommendation
            .run(id, n, `The partnership should assure itself that ${pick(TOPICS)} is strengthened across agencies.`, addressee, addressee === 'agency' ? ownerAgency() : null, recSubgroup, random() < 0.6 ? date(findingsDay + between(90, 540)) : null, findingsAt, findingsAt)
            .lastInsertRowid,
        );
        const linked = new Set([pick(lps), pick(lps)].slice(0, between(1, 2)));
        for (const lp of linked) insertRecLp.run(recId, lp);
        recs.push({ id: recId, subgroup: recSubgroup });
        counts.recommendations++;
      }
      reviewFacts.push({ id, code, findingsDay, subgroup, themes, recs });
    }

    // Plans of every action first: its review, status, condition, age and the kinds of its updates in order; then
    // the notes that are not status changes are shared out so the total is exactly options.updates.
    const weightsByReview = reviewFacts.map(() => 0.3 + random() * 1.4);
    const weightTotal = weightsByReview.reduce((s, w) => s + w, 0);
    const perReview = weightsByReview.map((w) => Math.floor((w / weightTotal) * options.actions));
    for (let i = 0, short = options.actions - perReview.reduce((s, n) => s + n, 0); short > 0; i = (i + 1) % perReview.length, short--) perReview[i]!++;
    const plans: Plan[] = [];
    let required = 0;
    perReview.forEach((n, r) => {
      const review = reviewFacts[r]!;
      for (let k = 0; k < n; k++) {
        const status = weighted(STATUS_WEIGHTS);
        const createdDay = between(review.findingsDay, -1);
        const createdMs = nowMs + createdDay * DAY_MS - between(1, 9) * HOUR_MS;
        let condition: Condition = status === 'in_progress' || status === 'not_started' ? weighted(OPEN_CONDITION_WEIGHTS) : 'green';
        // What the age allows: stale needs 57 days without an update, overdue a target between creation and today.
        if (condition === 'stale' && createdDay > -(CADENCE_DAYS + 5)) condition = 'green';
        if (condition === 'overdue' && createdDay > -3) condition = 'green';
        if (condition.startsWith('returned') && (status === 'not_started' || createdDay > -45)) condition = 'green';
        const slots: Slot[] = [];
        const cycle = (status === 'assured' && random() < 0.15) || (status === 'in_progress' && condition === 'green' && random() < 0.04);
        switch (status) {
          case 'not_started':
            break;
          case 'in_progress':
            slots.push('start');
            if (cycle) slots.push('complete', 'return', 'reply');
            if (condition.startsWith('returned')) slots.push('complete', 'return');
            break;
          case 'completed':
            if (random() < 0.9) slots.push('start');
            slots.push('complete');
            break;
          case 'assured':
            slots.push('start', 'complete');
            if (cycle) slots.push('return', 'reply', 'complete');
            slots.push('assure');
            break;
          case 'withdrawn':
            if (random() < 0.85) slots.push('start');
            slots.push('withdraw');
            break;
        }
        required += slots.length;
        plans.push({ review: r, status, condition, createdMs, slots });
      }
    });
    // Notes besides the status changes: fewer on actions not yet started, more on long-running ones.
    const noteBudget = Math.max(0, options.updates - required);
    const noteWeights = plans.map((p) => (p.status === 'not_started' ? 0.25 : 0.4 + random() * 1.2) * (0.5 + Math.min(1.5, (nowMs - p.createdMs) / (365 * DAY_MS))));
    const noteWeightTotal = noteWeights.reduce((s, w) => s + w, 0);
    let given = 0;
    const notes = noteWeights.map((w) => {
      const n = Math.floor((w / noteWeightTotal) * noteBudget);
      given += n;
      return n;
    });
    for (let i = 0; given < noteBudget; i = (i + 1) % notes.length, given++) notes[i]!++;

    // The histories.
    const insertAction = sqlite.prepare(
      `insert into actions (ref, review_id, recommendation_id, kind, owner_agency_id, learning_need, action, success_measure, target_date, status,
         evidence_of_impact, withdrawn_reason, subgroup_id, last_update_at, latest_confidence, version, created_at, updated_at,
         returned_at, returned_question, returned_reply_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertActionAgency = sqlite.prepare('insert into action_agencies (action_id, agency_id) values (?, ?)');
    const insertActionTheme = sqlite.prepare('insert into action_themes (action_id, theme_id) values (?, ?)');
    const insertUpdate = sqlite.prepare(
      `insert into progress_updates (action_id, author_name, author_user_id, agency_id, created_at, kind, note, confidence, status_from, status_to,
         evidence, evidence_of_impact, reason, question, reply_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertRequest = sqlite.prepare(
      `insert into target_date_requests (action_id, current_target_date, requested_target_date, reason, requested_by_user_id, requested_by_name, agency_id,
         requested_at, state, decided_by_user_id, decided_by_name, decided_at, decision_note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertChange = sqlite.prepare(
      'insert into target_date_changes (action_id, from_date, to_date, reason, decided_by_user_id, decided_by_name, changed_at, request_id) values (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertRevision = sqlite.prepare(
      `insert into action_revisions (action_id, changed_at, version, ref, recommendation_id, kind, owner_agency_id, learning_need, action, success_measure, target_date, subgroup_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const note = () => `${pick(OPENERS)} ${pick(TOPICS)} ${pick(DETAILS)}; ${between(2, 40)} practitioners involved. Next step: ${pick(TOPICS)}.`;
    const confidence = (): Confidence => weighted([['on_track', 75], ['at_risk', 18], ['off_track', 7]] as const);

    const refCounter = new Map<number, number>();
    plans.forEach((plan, index) => {
      const review = reviewFacts[plan.review]!;
      const n = (refCounter.get(plan.review) ?? 0) + 1;
      refCounter.set(plan.review, n);
      const ref = `${review.code}/A${n}`;
      const owner = ownerAgency();
      const multi = random() < 0.22;
      const partners = multi ? [...new Set(Array.from({ length: between(1, 5) }, () => between(1, options.agencies)))].filter((a) => a !== owner) : [];
      const kind = partners.length > 0 ? 'multi_agency' : 'single_agency';
      const rec = random() < 0.75 ? pick(review.recs) : undefined;
      const subgroup = rec?.subgroup ?? review.subgroup;
      const themeCount = weighted([[1, 32], [2, 63], [3, 5]] as const);
      const themes = new Set<number>();
      while (themes.size < Math.min(themeCount, options.themes)) themes.add(random() < 0.7 ? pick(review.themes) : between(1, options.themes));
      const topic = pick(TOPICS);
      const learningNeed = `Practitioners in ${pick(PLACES)} did not consistently use ${topic} when ${pick(DETAILS).replace(/^\w+ /, '')}.`;
      const actionText = `${pick(OPENERS)} ${topic}, then embed it in ${pick(TOPICS)} across the service.`;
      const successMeasure = `Audit shows ${between(60, 95)}% of cases evidence ${topic}.`;
      const createdDay = dayOf(plan.createdMs);

      // The window the updates fall in, ending at the last one's instant.
      const startMs = plan.createdMs + HOUR_MS;
      let endMs: number;
      const c = plan.condition;
      if (plan.status === 'not_started' || plan.status === 'in_progress') {
        if (c === 'stale') endMs = nowMs - (CADENCE_DAYS + 1 + random() * Math.min(300, -createdDay - CADENCE_DAYS - 3)) * DAY_MS;
        else if (c === 'returned_amber') endMs = nowMs - (1 + random() * (REPLY_DAYS - 3)) * DAY_MS;
        else if (c === 'returned_red') endMs = nowMs - (REPLY_DAYS + 2 + random() * 12) * DAY_MS;
        else endMs = nowMs - random() * Math.min(45, -createdDay) * DAY_MS;
      } else {
        endMs = startMs + (nowMs - HOUR_MS - startMs) * (0.3 + 0.7 * random());
      }
      endMs = Math.max(endMs, startMs + 1000);
      let slots = plan.slots;
      const extra = notes[index]!;
      // Notes go after the start and before any completion; an answered return's notes follow the reply.
      if (extra > 0) {
        const firstClose = slots.findIndex((s) => s === 'complete' || s === 'withdraw');
        const at = firstClose === -1 ? slots.length : firstClose;
        slots = [...slots.slice(0, at), ...Array<Slot>(extra).fill('note'), ...slots.slice(at)];
      }
      // A not-started action on track has been touched within the cadence (or is new); a stale one has not.
      const times: number[] = [];
      for (let k = 0; k < slots.length; k++) times.push(startMs + random() * (endMs - startMs));
      times.sort((a, b) => a - b);
      if (times.length > 0) times[times.length - 1] = endMs;
      for (let k = 1; k < times.length; k++) if (times[k]! <= times[k - 1]!) times[k] = times[k - 1]! + 1000;

      // Target date, and any revisions of it.
      let targetDay: number;
      if (plan.status === 'not_started' || plan.status === 'in_progress') {
        targetDay = c === 'overdue' ? between(Math.max(createdDay + 1, -300), -1) : between(1, 400);
      } else targetDay = createdDay + between(60, 420);
      const revisions: { fromDay: number; toDay: number; requestedMs: number; decidedMs: number }[] = [];
      if (random() < 0.03 && nowMs - plan.createdMs > 10 * DAY_MS) {
        const count = random() < 0.8 ? 1 : 2;
        let day = targetDay - between(60, 150) * count;
        let decidedMs = plan.createdMs;
        for (let k = 0; k < count; k++) {
          const requestedMs = decidedMs + random() * (nowMs - decidedMs) * 0.5;
          decidedMs = Math.min(nowMs - HOUR_MS, requestedMs + between(1, 10) * DAY_MS);
          const toDay = k === count - 1 ? targetDay : day + between(60, 150);
          revisions.push({ fromDay: day, toDay, requestedMs, decidedMs });
          day = toDay;
        }
      }
      const pending = (plan.status === 'not_started' || plan.status === 'in_progress') && random() < 0.015;

      // Walk the history.
      const leadOf = (agency: number) => leads[agency]![random() < 0.7 ? 0 : 1]!;
      const chair = subgroupChairs[subgroup - 1]!;
      let status: Status = 'not_started';
      let latestProgress: { at: string; confidence: Confidence } | null = null;
      let returned: { at: string; question: string; replyBy: string } | null = null;
      let evidenceOfImpact: string | null = null;
      let withdrawnReason: string | null = null;
      const rows: unknown[][] = [];
      // The last progress note speaks for the condition the action is in.
      const lastProgressIndex = slots.findLastIndex((s) => s !== 'return' && s !== 'assure');
      for (let k = 0; k < slots.length; k++) {
        const slot = slots[k]!;
        const at = iso(times[k]!);
        const author = slot === 'return' || slot === 'assure' ? chair : slot === 'withdraw' ? businessUnit : null;
        const agency = author ? null : multi && partners.length > 0 && random() < 0.2 ? pick(partners) : owner;
        const writer = author ?? leadOf(agency!);
        let conf: Confidence | null = k === lastProgressIndex ? (c === 'at_risk' ? 'at_risk' : c === 'off_track' ? 'off_track' : c === 'overdue' ? weighted([['on_track', 50], ['at_risk', 35], ['off_track', 15]] as const) : 'on_track') : confidence();
        let kindOf = 'progress';
        let from: Status | null = null;
        let to: Status | null = null;
        let text = note();
        let evidence = '[]';
        let impact: string | null = null;
        let reason: string | null = null;
        let question: string | null = null;
        let replyBy: string | null = null;
        switch (slot) {
          case 'start':
            from = status;
            to = 'in_progress';
            text = `Work started: ${text}`;
            break;
          case 'complete':
            from = status;
            to = 'completed';
            conf = 'on_track';
            text = `Proposed as completed. ${text}`;
            evidence = JSON.stringify([{ label: `Audit of ${topic}`, url: `https://intranet.bench.example/evidence/${index + 1}/audit-${k}.pdf` }]);
            break;
          case 'return':
            kindOf = 'return';
            from = status;
            to = 'in_progress';
            conf = null;
            text = `Returned: please show the difference ${topic} has made to children, with a sample of cases.`;
            question = text;
            replyBy = date(dayOf(times[k]!) + REPLY_DAYS);
            break;
          case 'reply':
            text = `In answer to the return: ${text}`;
            break;
          case 'assure':
            kindOf = 'assurance';
            from = status;
            to = 'assured';
            conf = null;
            impact = `Re-audit of ${between(10, 40)} cases showed ${topic} evident in ${between(70, 98)}% of them.`;
            text = `Assured at the subgroup. ${impact}`;
            evidenceOfImpact = impact;
            break;
          case 'withdraw':
            from = status;
            to = 'withdrawn';
            conf = 'on_track';
            reason = `Superseded by ${pick(TOPICS)} work in a later review's plan.`;
            text = `Withdrawn by agreement at the subgroup. ${reason}`;
            withdrawnReason = reason;
            break;
          default:
            break;
        }
        if (to !== null) status = to;
        if (kindOf === 'progress') {
          latestProgress = { at, confidence: conf! };
          returned = null;
        }
        if (kindOf === 'return') returned = { at, question: question!, replyBy: replyBy! };
        rows.push([writer.name, writer.id, agency, at, kindOf, text, conf, from, to, evidence, impact, reason, question, replyBy]);
      }
      if (status !== plan.status) throw new Error(`${ref}: history ends ${status}, planned ${plan.status}`);
      const lastMs = Math.max(plan.createdMs, times.at(-1) ?? 0, revisions.at(-1)?.decidedMs ?? 0);
      const actionId = Number(
        insertAction.run(
          ref, review.id, rec?.id ?? null, kind, owner, learningNeed, actionText, successMeasure, date(targetDay), status, evidenceOfImpact, withdrawnReason,
          subgroup, latestProgress?.at ?? null, latestProgress?.confidence ?? null,
          1 + rows.length + revisions.length, iso(plan.createdMs), iso(lastMs),
          returned?.at ?? null, returned?.question ?? null, returned?.replyBy ?? null,
        ).lastInsertRowid,
      );
      for (const p of partners) insertActionAgency.run(actionId, p);
      for (const t of themes) insertActionTheme.run(actionId, t);
      for (const row of rows) insertUpdate.run(actionId, ...row);
      counts.progressUpdates += rows.length;
      revisions.forEach((rev, k) => {
        const lead = leadOf(owner);
        const why = `The ${pick(TOPICS)} work depends on a system change that the supplier has moved back.`;
        const requestId = Number(
          insertRequest.run(actionId, date(rev.fromDay), date(rev.toDay), why, lead.id, lead.name, owner, iso(rev.requestedMs), 'agreed', chair.id, chair.name, iso(rev.decidedMs), 'Agreed at the subgroup.').lastInsertRowid,
        );
        insertChange.run(actionId, date(rev.fromDay), date(rev.toDay), why, chair.id, chair.name, iso(rev.decidedMs), requestId);
        insertRevision.run(actionId, iso(rev.decidedMs), 1 + k, ref, rec?.id ?? null, kind, owner, learningNeed, actionText, successMeasure, date(rev.fromDay), subgroup);
        counts.targetDateChanges++;
      });
      if (pending) {
        const lead = leadOf(owner);
        insertRequest.run(actionId, date(targetDay), date(targetDay + between(30, 120)), 'Staffing changes mean the audit cannot finish on time.', lead.id, lead.name, owner, iso(nowMs - between(1, 20) * DAY_MS), 'pending', null, null, null, null);
        counts.pendingDateRequests++;
      }
      if ((index + 1) % 50_000 === 0) log(`  ${(index + 1).toLocaleString('en-GB')} actions (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    });

    // The full-text index, written once per action with what the triggers would have written.
    log(`  full-text index (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    sqlite.exec(`insert into actions_fts (rowid, ref, learning_need, action, success_measure, notes)
      select a.id, a.ref, a.learning_need, a.action, a.success_measure,
             coalesce((select group_concat(' ' || p.note, '' order by p.id) from progress_updates p where p.action_id = a.id), '')
      from actions a order by a.id`);
    for (const trigger of ftsTriggers) sqlite.exec(trigger.sql);
  })();

  log(`  analyze (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  sqlite.exec('analyze');
  const schemaAfter = sqlite.prepare('select type, name, tbl_name, sql from sqlite_schema order by type, name').all();
  const differs = JSON.stringify(schemaAfter.filter((row) => (row as { name: string }).name !== 'sqlite_stat1' && (row as { name: string }).name !== 'sqlite_stat4'));
  if (differs !== JSON.stringify(schemaBefore)) throw new Error('the schema after generating differs from the migrated one');
  sqlite.pragma('journal_mode = WAL');
  await closeDatabase(db);
  return { counts, seconds: (performance.now() - started) / 1000 };
}

/** `pnpm bench:data [file] [--force]`: a relative path is taken from the repository root (where pnpm runs the script). */
async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force') || process.env.BENCH_FORCE === '1';
  const given = args.find((a) => !a.startsWith('--'));
  const base = process.env.INIT_CWD ?? process.cwd();
  const file = given ? (isAbsolute(given) ? given : resolve(base, given)) : defaultBenchFile();
  const options = optionsFromEnv();
  console.log(`Generating ${options.actions.toLocaleString('en-GB')} actions and ${options.updates.toLocaleString('en-GB')} progress updates into ${file}...`);
  const { counts, seconds } = await generate(file, options, force);
  console.log(`Done in ${seconds.toFixed(1)} s:`, counts);
  console.log(`Every user's password is "${BENCH_PASSWORD}" (e.g. admin@bench.example, lead1@agency1.bench.example).`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
