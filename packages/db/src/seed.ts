/**
 * Loads the demo partnership (seeds/demo.ts) into an empty database, in one write transaction.
 *
 * The demo data is written with day offsets relative to "today" (the London date of `now`), so the plans never age:
 * overdue, stale, due-soon and assured actions look the same whichever day the demo is started. Progress updates are
 * append-only, so each action's history is inserted in order and the action row (status, lastUpdateAt,
 * latestConfidence, evidenceOfImpact, withdrawnReason) is written once, already agreeing with that history.
 */
import { count } from 'drizzle-orm';
import type { ActionStatus } from '@lrt/contracts';
import { SETTINGS_BOUNDS } from '@lrt/contracts/constants';
import { addDays, checkStatusChange, isSignOff, londonToday } from '@lrt/domain';
import {
  DEMO_EVIDENCE_BASE_URL,
  DEMO_PARTNERSHIP_NAME,
  demoAgencies,
  demoPeople,
  demoReviews,
  demoSubgroups,
  demoThemes,
  type DemoReview,
} from '../../../seeds/demo';
import { writeTransaction, type Db, type Tx } from './client';
import { first } from './query';
import * as schema from './schema';

export interface SeedCounts {
  agencies: number;
  subgroups: number;
  themes: number;
  reviews: number;
  learningPoints: number;
  recommendations: number;
  actions: number;
  progressUpdates: number;
}


/** `now`'s calendar date in Europe/London, as YYYY-MM-DD. */
export const londonDate = londonToday;

/** The demo's returns for more information give the agency the partnership's default reply period. */
const DEMO_REPLY_PERIOD_DAYS = SETTINGS_BOUNDS.replyPeriodDays.default;

const pad = (n: number) => String(n).padStart(2, '0');

class SeedClock {
  readonly today: string;
  private readonly nowIso: string;
  private readonly nowMs: number;

  constructor(now: Date) {
    this.today = londonDate(now);
    this.nowIso = now.toISOString();
    this.nowMs = now.getTime();
  }

  date(day: number): string {
    return addDays(this.today, day);
  }

  /** An instant on the given day at hh:mm UTC (daytime in London all year), never later than now. */
  at(day: number, hours: number, minutes: number): string {
    const iso = `${this.date(day)}T${pad(hours)}:${pad(minutes)}:00.000Z`;
    return iso <= this.nowIso ? iso : new Date(this.nowMs - 60_000).toISOString();
  }

  get now(): string {
    return this.nowIso;
  }
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const longDateYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function fail(message: string): never {
  throw new Error(`demo seed: ${message}`);
}

function reviewCode(review: DemoReview, clock: SeedClock): string {
  const day = review.notifiedDay ?? review.startedDay ?? fail(`${review.codePrefix} has neither notifiedDay nor startedDay`);
  return `${review.codePrefix}-${clock.date(day).slice(0, 4)}`;
}

/** Fills {d:N}, {dy:N} and {ref:N} placeholders. */
function fillText(text: string, clock: SeedClock, code: string): string {
  return text.replace(/\{(d|dy|ref):(-?\d+)\}/g, (_, kind: string, n: string) => {
    const value = Number(n);
    if (kind === 'ref') return `${code}/A${value}`;
    const date = new Date(`${clock.date(value)}T12:00:00.000Z`);
    return (kind === 'dy' ? longDateYear : longDate).format(date);
  });
}

/** True when the database holds no agencies and no reviews (the demo may be loaded). */
export async function isDatabaseEmpty(db: Db | Tx): Promise<boolean> {
  const agencies = (await first(db.select({ n: count() }).from(schema.agencies)))?.n ?? 0;
  const reviews = (await first(db.select({ n: count() }).from(schema.reviews)))?.n ?? 0;
  return agencies === 0 && reviews === 0;
}

/**
 * Inserts the demo partnership. Refuses (throws, changing nothing) unless the database is empty.
 * Everything is written in a single write transaction, which awaits nothing but its own queries.
 */
export async function seedDemo(db: Db, options: { now: Date }): Promise<SeedCounts> {
  const clock = new SeedClock(options.now);

  return writeTransaction(db, async (tx) => {
    if (!(await isDatabaseEmpty(tx))) fail('the database already holds agencies or reviews; the demo is only loaded into an empty database');

    const counts: SeedCounts = {
      agencies: 0,
      subgroups: 0,
      themes: 0,
      reviews: 0,
      learningPoints: 0,
      recommendations: 0,
      actions: 0,
      progressUpdates: 0,
    };
    const earliestDay = Math.min(...demoAgencies.map((a) => a.createdDay));

    await tx.update(schema.settings).set({ partnershipName: DEMO_PARTNERSHIP_NAME, updatedAt: clock.at(earliestDay, 8, 0) });

    // Agencies, subgroups, themes.
    const agencyIds = new Map<string, number>();
    for (const a of demoAgencies) {
      const createdAt = clock.at(a.createdDay, 8, 0);
      const row = (await first(
        tx
          .insert(schema.agencies)
          .values({
            name: a.name,
            shortName: a.shortName,
            kind: a.kind,
            active: a.active ?? true,
            seniorContactName: a.seniorContact?.name ?? null,
            seniorContactEmail: a.seniorContact?.email ?? null,
            version: a.deactivatedDay === undefined ? 1 : 2,
            createdAt,
            updatedAt: a.deactivatedDay === undefined ? createdAt : clock.at(a.deactivatedDay, 9, 0),
          })
          .returning({ id: schema.agencies.id }),
      ))!;
      agencyIds.set(a.key, row.id);
      counts.agencies++;
    }
    const agencyId = (key: string) => agencyIds.get(key) ?? fail(`unknown agency ${key}`);

    const subgroupIds = new Map<string, number>();
    for (const s of demoSubgroups) {
      const createdAt = clock.at(earliestDay, 8, 5);
      const row = (await first(
        tx
          .insert(schema.subgroups)
          .values({ name: s.name, shortName: s.shortName, createdAt, updatedAt: createdAt })
          .returning({ id: schema.subgroups.id }),
      ))!;
      subgroupIds.set(s.key, row.id);
      counts.subgroups++;
    }
    const subgroupId = (key: string) => subgroupIds.get(key) ?? fail(`unknown subgroup ${key}`);

    const themeIds = new Map<string, number>();
    for (const t of demoThemes) {
      const createdAt = clock.at(earliestDay, 8, 10);
      const row = (await first(
        tx
          .insert(schema.themes)
          .values({ name: t.name, description: t.description, createdAt, updatedAt: createdAt })
          .returning({ id: schema.themes.id }),
      ))!;
      themeIds.set(t.key, row.id);
      counts.themes++;
    }
    const themeId = (key: string) => themeIds.get(key) ?? fail(`unknown theme ${key}`);

    let slot = 0;
    for (const review of demoReviews) {
      const code = reviewCode(review, clock);
      const text = (s: string) => fillText(s, clock, code);
      const dateOf = (day: number | null) => (day === null ? null : clock.date(day));

      const keyDays = [review.notifiedDay, review.rapidReviewDay, review.startedDay, review.completedDay, review.publishedDay].filter(
        (d): d is number => d !== null,
      );
      if (keyDays.some((d) => d > 0)) fail(`${code} has a key date in the future`);
      const firstDay = Math.min(...keyDays);
      const lastDay = Math.max(...keyDays);
      const reviewCreatedAt = clock.at(firstDay, 8, 0);
      const reviewRow = (await first(
        tx
          .insert(schema.reviews)
          .values({
            code,
            type: review.type,
            childPseudonym: review.childPseudonym,
            title: text(review.title),
            stage: review.stage,
            notifiedOn: dateOf(review.notifiedDay),
            rapidReviewOn: dateOf(review.rapidReviewDay),
            startedOn: dateOf(review.startedDay),
            completedOn: dateOf(review.completedDay),
            publishedOn: dateOf(review.publishedDay),
            leadReviewer: review.leadReviewer,
            subgroupId: subgroupId(review.subgroup),
            summary: text(review.summary),
            version: keyDays.length,
            createdAt: reviewCreatedAt,
            updatedAt: lastDay === firstDay ? reviewCreatedAt : clock.at(lastDay, 17, 0),
          })
          .returning({ id: schema.reviews.id }),
      ))!;
      counts.reviews++;
      for (const key of review.themes) {
        await tx.insert(schema.reviewThemes).values({ reviewId: reviewRow.id, themeId: themeId(key) });
      }

      // Learning points and recommendations: written when the findings were agreed.
      const findingsDay = review.completedDay ?? review.rapidReviewDay ?? review.startedDay ?? firstDay;
      const findingsAt = clock.at(findingsDay, 8, 0);
      const learningPointIds: number[] = [];
      for (const [i, lp] of review.learningPoints.entries()) {
        const row = (await first(
          tx
            .insert(schema.learningPoints)
            .values({
              reviewId: reviewRow.id,
              number: i + 1,
              title: text(lp.title),
              description: text(lp.description),
              createdAt: findingsAt,
              updatedAt: findingsAt,
            })
            .returning({ id: schema.learningPoints.id }),
        ))!;
        learningPointIds.push(row.id);
        counts.learningPoints++;
      }

      const recommendationIds: number[] = [];
      const recommendationSubgroups: (string | undefined)[] = [];
      for (const [i, rec] of review.recommendations.entries()) {
        if (rec.addressee === 'agency' && !rec.leadAgency) fail(`${code} recommendation ${i + 1} is addressed to an agency but names none`);
        const row = (await first(
          tx
            .insert(schema.recommendations)
            .values({
              reviewId: reviewRow.id,
              number: i + 1,
              text: text(rec.text),
              addressee: rec.addressee,
              leadAgencyId: rec.leadAgency ? agencyId(rec.leadAgency) : null,
              subgroupId: subgroupId(rec.subgroup ?? review.subgroup),
              targetDate: rec.targetDay === undefined ? null : clock.date(rec.targetDay),
              createdAt: findingsAt,
              updatedAt: findingsAt,
            })
            .returning({ id: schema.recommendations.id }),
        ))!;
        recommendationIds.push(row.id);
        recommendationSubgroups.push(rec.subgroup);
        counts.recommendations++;
        for (const n of rec.learningPoints) {
          const lpId = learningPointIds[n - 1] ?? fail(`${code} recommendation ${i + 1} names missing learning point ${n}`);
          await tx.insert(schema.recommendationLearningPoints).values({ recommendationId: row.id, learningPointId: lpId });
        }
      }

      // Actions and their histories.
      for (const [i, a] of review.actions.entries()) {
        const ref = `${code}/A${i + 1}`;
        if (a.createdDay < firstDay) fail(`${ref} is created before its review began`);
        if (a.createdDay > 0) fail(`${ref} is created in the future`);
        if (a.rec !== undefined && a.createdDay < findingsDay) fail(`${ref} is created before its recommendation`);
        const recommendationId =
          a.rec === undefined ? null : (recommendationIds[a.rec - 1] ?? fail(`${ref} names missing recommendation ${a.rec}`));
        const subgroupKey = a.subgroup ?? (a.rec === undefined ? undefined : recommendationSubgroups[a.rec - 1]) ?? review.subgroup;
        if (a.kind === 'multi_agency' && !(a.partners && a.partners.length > 0)) fail(`${ref} is multi-agency without partner agencies`);
        if (a.kind === 'single_agency' && a.partners && a.partners.length > 0) fail(`${ref} is single-agency with partner agencies`);

        // Walk the history first, so the action row can be written once with its final state.
        let status: ActionStatus = 'not_started';
        let evidenceOfImpact: string | null = null;
        let withdrawnReason: string | null = null;
        let previousDay = a.createdDay;
        const createdAt = clock.at(a.createdDay, 8, 30 + (i % 30));
        let previousAt = createdAt;
        const rows: (typeof schema.progressUpdates.$inferInsert)[] = [];
        for (const u of a.updates) {
          if (u.day < previousDay || (rows.length > 0 && u.day === previousDay)) fail(`${ref} has updates out of order`);
          if (u.day > 0) fail(`${ref} has an update in the future`);
          const person = demoPeople[u.by] ?? fail(`${ref} has an update by unknown person ${u.by}`);
          slot++;
          const at = clock.at(u.day, 9 + (slot % 8), (slot * 17) % 60);
          if (at <= previousAt) fail(`${ref} has updates at the same instant`);
          let statusFrom: ActionStatus | null = null;
          let statusTo: ActionStatus | null = null;
          let kind: 'progress' | 'assurance' | 'return' = 'progress';
          if (u.to !== undefined) {
            // The workflow's own rules, as the API applies them to every update.
            const refused = checkStatusChange({ from: status, to: u.to, evidenceCount: u.evidence?.length ?? 0, evidenceOfImpact: u.evidenceOfImpact, reason: u.reason });
            if (refused.length > 0) fail(`${ref} moves from ${status} to ${u.to}: ${refused.map((r) => r.message).join('; ')}`);
            if (isSignOff(status, u.to)) kind = u.to === 'assured' ? 'assurance' : 'return';
            statusFrom = status;
            statusTo = u.to;
            status = u.to;
            if (u.to === 'assured') evidenceOfImpact = text(u.evidenceOfImpact ?? '');
            if (u.to === 'withdrawn') withdrawnReason = text(u.reason ?? '');
          }
          if (kind === 'progress' && !u.confidence) fail(`${ref} has a progress note without a confidence`);
          rows.push({
            authorName: `${person.name}, ${person.title}`,
            agencyId: person.agency === null ? null : agencyId(person.agency),
            createdAt: at,
            kind,
            note: text(u.note),
            confidence: kind === 'progress' ? (u.confidence ?? null) : null,
            statusFrom,
            statusTo,
            evidence: (u.evidence ?? []).map(([label, path]) => ({ label, url: `${DEMO_EVIDENCE_BASE_URL}${path}` })),
            evidenceOfImpact: u.to === 'assured' ? text(u.evidenceOfImpact ?? '') : null,
            reason: u.to === 'withdrawn' ? text(u.reason ?? '') : null,
            question: kind === 'return' ? text(u.note) : null,
            replyBy: kind === 'return' ? clock.date(u.day + DEMO_REPLY_PERIOD_DAYS) : null,
            actionId: 0,
          });
          previousDay = u.day;
          previousAt = at;
        }
        const last = rows.at(-1);
        // Sign-off decisions do not count as the agency's progress: staleness and confidence come from its notes.
        const latest = rows.filter((row) => row.kind === 'progress').at(-1);
        const returned = last?.kind === 'return' ? last : undefined;

        // Requests for a new target date, in order; each agreed one moves the date on.
        let targetDate = a.targetDay === null ? null : clock.date(a.targetDay);
        const dateRequests: { request: typeof schema.targetDateRequests.$inferInsert; change?: Omit<typeof schema.targetDateChanges.$inferInsert, 'actionId'> }[] = [];
        let previousRequestDay = a.createdDay;
        for (const r of a.targetDateRequests ?? []) {
          const person = demoPeople[r.by] ?? fail(`${ref} has a target date request by unknown person ${r.by}`);
          if (r.day < previousRequestDay || r.day > 0) fail(`${ref} has target date requests out of order or in the future`);
          const requestedAt = clock.at(r.day, 11, 15);
          const requested = clock.date(r.targetDay);
          const decision = r.decision;
          if (decision && (decision.day < r.day || decision.day > 0)) fail(`${ref} decides a target date request before it was made`);
          const decider = decision ? (demoPeople[decision.by] ?? fail(`${ref} has a target date decision by unknown person ${decision.by}`)) : undefined;
          const decidedAt = decision ? clock.at(decision.day, 15, 40) : null;
          const request = {
            actionId: 0,
            currentTargetDate: targetDate,
            requestedTargetDate: requested,
            reason: text(r.reason),
            requestedByName: `${person.name}, ${person.title}`,
            agencyId: person.agency === null ? null : agencyId(person.agency),
            requestedAt,
            state: decision ? (decision.agree ? 'agreed' : 'refused') : 'pending',
            decidedByName: decider ? `${decider.name}, ${decider.title}` : null,
            decidedAt,
            decisionNote: decision?.note ? text(decision.note) : null,
          } as const;
          const change =
            decision?.agree && decider && decidedAt
              ? { fromDate: targetDate, toDate: requested, reason: text(r.reason), decidedByName: `${decider.name}, ${decider.title}`, changedAt: decidedAt }
              : undefined;
          if (change) targetDate = requested;
          dateRequests.push({ request, ...(change ? { change } : {}) });
          previousRequestDay = decision?.day ?? r.day;
        }
        if (dateRequests.filter((r) => r.request.state === 'pending').length > 1) fail(`${ref} has more than one pending target date request`);

        const actionRow = (await first(
          tx
            .insert(schema.actions)
            .values({
              ref,
              reviewId: reviewRow.id,
              recommendationId,
              kind: a.kind,
              ownerAgencyId: agencyId(a.owner),
              learningNeed: text(a.learningNeed),
              action: text(a.action),
              successMeasure: text(a.successMeasure),
              targetDate,
              status,
              evidenceOfImpact,
              withdrawnReason,
              subgroupId: subgroupId(subgroupKey),
              lastUpdateAt: latest?.createdAt ?? null,
              latestConfidence: latest?.confidence ?? null,
              returnedAt: returned?.createdAt ?? null,
              returnedQuestion: returned?.question ?? null,
              returnedReplyBy: returned?.replyBy ?? null,
              version: 1 + rows.length + dateRequests.filter((r) => r.change).length,
              createdAt,
              updatedAt: last?.createdAt ?? createdAt,
            })
            .returning({ id: schema.actions.id }),
        ))!;
        counts.actions++;

        for (const partner of new Set(a.partners ?? [])) {
          if (partner === a.owner) fail(`${ref} lists its owner as a partner`);
          await tx.insert(schema.actionAgencies).values({ actionId: actionRow.id, agencyId: agencyId(partner) });
        }
        if (a.themes.length === 0) fail(`${ref} has no themes`);
        for (const key of new Set(a.themes)) {
          await tx.insert(schema.actionThemes).values({ actionId: actionRow.id, themeId: themeId(key) });
        }
        for (const row of rows) {
          await tx.insert(schema.progressUpdates).values({ ...row, actionId: actionRow.id });
          counts.progressUpdates++;
        }
        for (const { request, change } of dateRequests) {
          const saved = (await first(
            tx.insert(schema.targetDateRequests).values({ ...request, actionId: actionRow.id }).returning({ id: schema.targetDateRequests.id }),
          ))!;
          if (change) await tx.insert(schema.targetDateChanges).values({ ...change, actionId: actionRow.id, requestId: saved.id });
        }
        // The history an "as at" report rebuilds: the action as it stood before each agreed date, as the live
        // trigger would have kept it had these changes been made through the product.
        const agreedChanges = dateRequests.flatMap((r) => (r.change ? [r.change] : []));
        for (const [i, change] of agreedChanges.entries()) {
          await tx.insert(schema.actionRevisions).values({
            actionId: actionRow.id,
            changedAt: change.changedAt!,
            version: 1 + i,
            ref,
            recommendationId,
            kind: a.kind,
            ownerAgencyId: agencyId(a.owner),
            learningNeed: text(a.learningNeed),
            action: text(a.action),
            successMeasure: text(a.successMeasure),
            targetDate: change.fromDate ?? null,
            subgroupId: subgroupId(subgroupKey),
          });
        }
      }
    }

    return counts;
  });
}
