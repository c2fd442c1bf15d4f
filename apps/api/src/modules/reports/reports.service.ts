import type { ActionStatus, AssuranceReport, Brag, ParsedAssuranceReportQuery, ReportAction, ReportSection } from '@lrt/contracts';
import { REPORT_LIST_LIMIT, REPORT_SECTIONS } from '@lrt/contracts';
import { rawRow, rawRows, type Db } from '@lrt/db';
import { addDays, addMonths, londonToday, reviewTimeliness } from '@lrt/domain';
import { unprocessable } from '../../plugins/problems';
import { actionsAsAt, asAtDayProblem, clockAsAt, daysOverdue, withJsonIds, type AsAtAction, type AsAtClock, type AsAtScope } from '../history/as-at';
import { snapshotRows, findSnapshot, type SnapshotRow } from '../snapshots/snapshots.service';
import { plural, ukDate } from './report-text';

type Tally = AssuranceReport['brag']['atEnd'];
/** Refs and codes in the order people number them (A2 before A10); one collator, as sorting 100,000 actions needs. */
const naturalOrder = new Intl.Collator('en-GB', { numeric: true }).compare;
const byName = new Intl.Collator('en-GB').compare;
type Evidence = { label: string; url: string | null; fileId: number | null };

const emptyTally = (): Tally => ({ blue: 0, green: 0, amber: 0, red: 0, withdrawn: 0 });
function tally(actions: readonly { brag: Brag | null }[]): Tally {
  const t = emptyTally();
  for (const a of actions) t[a.brag ?? 'withdrawn']++;
  return t;
}

interface Names {
  agencies: Map<number, { name: string; shortName: string }>;
  reviews: Map<number, ReviewThen>;
  recommendations: Map<number, { reviewId: number; number: number; text: string }>;
}

interface ReviewThen {
  id: number;
  code: string;
  title: string;
  type: AssuranceReport['timeliness'][number]['type'];
  stage: AssuranceReport['timeliness'][number]['stage'];
  notifiedOn: string | null;
  rapidReviewOn: string | null;
  startedOn: string | null;
  publishedOn: string | null;
  subgroupId: number | null;
  createdAt: string;
}

// The report's queries are hand-written SQL (rawRows): one text for both databases, or, where a JSON list of ids
// is read, each engine's (withJsonIds).

const reviewCols = ['code', 'type', 'title', 'stage', 'notified_on', 'rapid_review_on', 'started_on', 'published_on', 'subgroup_id'];
const camel = (c: string) => c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase());
const REVIEWS_THEN_SQL = `select r.id, r.created_at as "createdAt", ${reviewCols.map((c) => `case when v.id is null then r.${c} else v.${c} end as "${camel(c)}"`).join(', ')}
  from reviews r
  left join review_revisions v on v.id = (select x.id from review_revisions x where x.review_id = r.id and x.changed_at > ? order by x.changed_at, x.id limit 1)`;
const RECOMMENDATIONS_THEN_SQL = `select r.id, r.review_id as "reviewId", case when v.id is null then r.number else v.number end as number,
    case when v.id is null then r.text else v.text end as text
  from recommendations r
  left join recommendation_revisions v
    on v.id = (select x.id from recommendation_revisions x where x.recommendation_id = r.id and x.changed_at > ? order by x.changed_at, x.id limit 1)`;
const EVIDENCE_SQL = withJsonIds(
  (inIds) => `select action_id as "actionId", evidence from progress_updates
    where ${inIds('action_id')} and created_at <= ? and evidence <> '[]'
    order by created_at, id`,
);
const SIGN_OFF_SQL = withJsonIds(
  (inIds) => `select action_id as "actionId", status_to as status, max(created_at) as at from progress_updates
    where ${inIds('action_id')} and status_to in ('completed', 'assured') and created_at <= ?
    group by action_id, status_to`,
);
const REVISIONS_SQL = withJsonIds(
  (inIds) => `select action_id as "actionId", from_date as "from", to_date as "to", reason, decided_by_name as "decidedBy", changed_at as "on"
    from target_date_changes where ${inIds('action_id')} and changed_at > ? and changed_at <= ?
    order by changed_at, id`,
);
const THEMES_SQL = withJsonIds(
  (inIds) => `select t.action_id as "actionId", t.theme_id as "themeId", th.name as name from action_themes t join themes th on th.id = t.theme_id
    where ${inIds('t.action_id')}`,
);

/** Reviews and recommendations as they stood at the instant (their reverse-delta revisions), and agency names. */
async function loadNames(db: Db, at: string): Promise<Names> {
  const agencies = await rawRows<{ id: number; name: string; shortName: string }>(db, 'select id, name, short_name as "shortName" from agencies');
  const reviews = await rawRows<ReviewThen>(db, REVIEWS_THEN_SQL, [at]);
  const recommendations = await rawRows<{ id: number; reviewId: number; number: number; text: string }>(db, RECOMMENDATIONS_THEN_SQL, [at]);
  return {
    agencies: new Map(agencies.map((a) => [a.id, a])),
    reviews: new Map(reviews.map((r) => [r.id, r])),
    recommendations: new Map(recommendations.map((r) => [r.id, r])),
  };
}

/** The evidence attached to these actions' entries up to the instant, in the order it was given. */
async function evidenceOf(db: Db, actionIds: number[], at: string): Promise<Map<number, Evidence[]>> {
  const out = new Map<number, Evidence[]>();
  if (actionIds.length === 0) return out;
  const rows = await rawRows<{ actionId: number; evidence: string }>(db, EVIDENCE_SQL, [JSON.stringify(actionIds), at]);
  for (const row of rows) {
    const items = JSON.parse(row.evidence) as ({ label: string; url: string } | { label: string; fileId: number })[];
    const list = out.get(row.actionId) ?? [];
    for (const item of items) list.push({ label: item.label, url: 'url' in item ? item.url : null, fileId: 'fileId' in item ? item.fileId : null });
    out.set(row.actionId, list);
  }
  return out;
}

/** When each action last moved to completed and to assured, up to the instant. */
async function signOffDays(db: Db, actionIds: number[], at: string): Promise<Map<number, { completedOn: string | null; assuredOn: string | null }>> {
  const out = new Map<number, { completedOn: string | null; assuredOn: string | null }>();
  if (actionIds.length === 0) return out;
  const rows = await rawRows<{ actionId: number; status: 'completed' | 'assured'; at: string }>(db, SIGN_OFF_SQL, [JSON.stringify(actionIds), at]);
  for (const row of rows) {
    const entry = out.get(row.actionId) ?? { completedOn: null, assuredOn: null };
    const day = londonToday(new Date(row.at));
    if (row.status === 'completed') entry.completedOn = day;
    else entry.assuredOn = day;
    out.set(row.actionId, entry);
  }
  return out;
}

async function validate(db: Db, query: ParsedAssuranceReportQuery, now: Date) {
  const today = londonToday(now);
  const errors: { path: string; message: string }[] = [];
  const asAt = query.asAt ?? today;
  const to = query.to ?? asAt;
  const from = query.from ?? addDays(addMonths(to, -12), 1);
  const day = await asAtDayProblem(db, asAt, now);
  if (day) errors.push({ path: 'asAt', message: day });
  if (to < from) errors.push({ path: 'to', message: 'the period must not end before it starts' });
  if (to > asAt) errors.push({ path: 'to', message: 'the period must not end after the as-at date' });
  const given = (['reviewId', 'subgroupId', 'agencyId'] as const).filter((k) => query[k] !== undefined);
  if (given.length > 1) errors.push({ path: given[1]!, message: 'choose one scope: a review, a subgroup or an agency' });
  const exists = async (table: string, id: number) => (await rawRow(db, `select 1 as found from ${table} where id = ?`, [id])) !== undefined;
  if (query.reviewId !== undefined && !(await exists('reviews', query.reviewId))) errors.push({ path: 'reviewId', message: `there is no review ${query.reviewId}` });
  if (query.subgroupId !== undefined && !(await exists('subgroups', query.subgroupId))) errors.push({ path: 'subgroupId', message: `there is no subgroup ${query.subgroupId}` });
  if (query.agencyId !== undefined && !(await exists('agencies', query.agencyId))) errors.push({ path: 'agencyId', message: `there is no agency ${query.agencyId}` });
  const snapshot = query.compareTo === undefined ? undefined : await findSnapshot(db, query.compareTo);
  if (query.compareTo !== undefined && !snapshot) errors.push({ path: 'compareTo', message: `there is no board snapshot ${query.compareTo}` });
  if (errors.length > 0) throw unprocessable('validation.failed', errors, 'The report cannot be built from these choices.');
  return { asAt, from, to, snapshot };
}

/**
 * The board assurance report for a scope, a period and an as-at date, built from the plan as it stood then (see
 * history/as-at.ts), so the same query gives the same report whatever happened since. Lists are capped at
 * REPORT_LIST_LIMIT with the number not listed; every count covers the whole scope.
 */
export async function buildAssuranceReport(db: Db, query: ParsedAssuranceReportQuery, now: Date): Promise<AssuranceReport> {
  const { asAt, from, to, snapshot } = await validate(db, query, now);
  const sections: ReportSection[] = query.sections?.length ? REPORT_SECTIONS.filter((s) => query.sections!.includes(s)) : [...REPORT_SECTIONS];
  const scope: AsAtScope = { reviewId: query.reviewId, subgroupId: query.subgroupId, agencyId: query.agencyId };
  const clock = await clockAsAt(db, asAt, now);
  const actions = await actionsAsAt(db, clock, scope);
  const periodEnd = await clockAsAt(db, to, now);
  const startClock = await clockAsAt(db, addDays(from, -1), now);
  const atStart = await actionsAsAt(db, startClock, scope, { light: true });
  const names = await loadNames(db, clock.instant);
  const agencyName = (id: number) => names.agencies.get(id)?.name ?? `Agency ${id}`;
  const reviewCode = (id: number) => names.reviews.get(id)?.code ?? `Review ${id}`;

  const toReportAction = (a: AsAtAction): ReportAction => ({
    id: a.id,
    ref: a.ref,
    reviewId: a.reviewId,
    reviewCode: reviewCode(a.reviewId),
    recommendationNumber: a.recommendationId === null ? null : (names.recommendations.get(a.recommendationId)?.number ?? null),
    ownerAgency: agencyName(a.ownerAgencyId),
    action: a.action,
    targetDate: a.targetDate,
    status: a.status,
    brag: a.brag,
    bragReason: a.bragReason,
    overdue: a.overdue,
    daysOverdue: daysOverdue(a, clock),
    stale: a.stale,
    latestNote: a.latestNote ? { on: a.latestNote.on, author: a.latestNote.author, text: a.latestNote.text, confidence: a.latestNote.confidence } : null,
  });
  const byPlanOrder = (a: AsAtAction, b: AsAtAction) =>
    naturalOrder(reviewCode(a.reviewId), reviewCode(b.reviewId)) || naturalOrder(a.ref, b.ref) || a.id - b.id;
  const capped = <T>(items: T[]) => ({ items: items.slice(0, REPORT_LIST_LIMIT), notListed: Math.max(0, items.length - REPORT_LIST_LIMIT) });

  // Totals and BRAG over the period.
  const byStatus = { not_started: 0, in_progress: 0, completed: 0, assured: 0, withdrawn: 0 } satisfies Record<ActionStatus, number>;
  for (const a of actions) byStatus[a.status]++;
  const atEnd = tally(actions);
  const startTally = tally(atStart);
  const change = Object.fromEntries(Object.entries(atEnd).map(([k, v]) => [k, v - startTally[k as keyof Tally]])) as Tally;
  const overdue = actions.filter((a) => a.overdue);

  // Progress by agency: the actions each owned then, or shares.
  const partnerRows = await rawRows<{ actionId: number; agencyId: number }>(db, 'select action_id as "actionId", agency_id as "agencyId" from action_agencies');
  const partners = new Map<number, number[]>();
  for (const p of partnerRows) {
    const list = partners.get(p.actionId);
    if (list) list.push(p.agencyId);
    else partners.set(p.actionId, [p.agencyId]);
  }
  const perAgency = new Map<number, AsAtAction[]>();
  for (const a of actions) {
    for (const agencyId of new Set([a.ownerAgencyId, ...(partners.get(a.id) ?? [])])) {
      if (query.agencyId !== undefined && agencyId !== query.agencyId) continue;
      const list = perAgency.get(agencyId);
      if (list) list.push(a);
      else perAgency.set(agencyId, [a]);
    }
  }
  const agencies = [...perAgency.entries()]
    .map(([agencyId, list]) => {
      const live = list.filter((a) => a.status !== 'withdrawn');
      const done = live.filter((a) => a.status === 'completed' || a.status === 'assured').length;
      return {
        agencyId,
        name: agencyName(agencyId),
        shortName: names.agencies.get(agencyId)?.shortName ?? '',
        actions: list.length,
        byBrag: tally(list),
        overdue: list.filter((a) => a.overdue).length,
        percentDone: live.length === 0 ? 0 : Math.round((100 * done) / live.length),
      };
    })
    .sort((a, b) => byName(a.name, b.name));

  // Recommendations with their actions, in plan order, up to the list limit of actions.
  const ordered = [...actions].sort(byPlanOrder);
  const listed = ordered.slice(0, REPORT_LIST_LIMIT);
  const evidence =
    sections.includes('recommendations') || sections.includes('completed')
      ? await evidenceOf(db, listed.map((a) => a.id), clock.instant)
      : new Map<number, Evidence[]>();
  const groups = new Map<string, AssuranceReport['recommendations']['items'][number]>();
  for (const a of listed) {
    const key = `${a.reviewId}:${a.recommendationId ?? 'none'}`;
    let group = groups.get(key);
    if (!group) {
      const recommendation = a.recommendationId === null ? undefined : names.recommendations.get(a.recommendationId);
      group = {
        recommendationId: a.recommendationId,
        reviewId: a.reviewId,
        reviewCode: reviewCode(a.reviewId),
        number: recommendation?.number ?? null,
        text: recommendation?.text ?? 'Actions not under a recommendation',
        actions: [],
      };
      groups.set(key, group);
    }
    group.actions.push({ ...toReportAction(a), evidence: evidence.get(a.id) ?? [] });
  }
  const recommendationItems = [...groups.values()].sort(
    (a, b) => naturalOrder(a.reviewCode, b.reviewCode) || (a.number ?? Infinity) - (b.number ?? Infinity),
  );

  // Revised target dates decided within the period.
  const periodStart = startClock.instant;
  const scopeIds = JSON.stringify(actions.map((a) => a.id));
  const revisions = await rawRows<{ actionId: number; from: string | null; to: string | null; reason: string; decidedBy: string; on: string }>(db, REVISIONS_SQL, [
    scopeIds,
    periodStart,
    periodEnd.instant,
  ]);
  const byId = new Map(actions.map((a) => [a.id, a]));
  const revisedDates = capped(revisions.map((r) => ({ ...r, ref: byId.get(r.actionId)!.ref, ownerAgency: agencyName(byId.get(r.actionId)!.ownerAgencyId) })));

  // Completed and assured within the period, with their evidence of impact.
  const finished = ordered.filter((a) => a.status === 'completed' || a.status === 'assured');
  const days = await signOffDays(db, finished.map((a) => a.id), clock.instant);
  const inPeriod = (day: string | null) => day !== null && day >= from && day <= to;
  const completedInPeriod = finished.filter((a) => inPeriod(days.get(a.id)?.completedOn ?? null) || inPeriod(days.get(a.id)?.assuredOn ?? null));
  const completedListed = completedInPeriod.slice(0, REPORT_LIST_LIMIT);
  const completedEvidence = await evidenceOf(db, completedListed.filter((a) => !evidence.has(a.id)).map((a) => a.id), clock.instant);
  const completed = {
    items: completedListed.map((a) => ({
      ...toReportAction(a),
      completedOn: days.get(a.id)?.completedOn ?? null,
      assuredOn: a.status === 'assured' ? (days.get(a.id)?.assuredOn ?? null) : null,
      evidenceOfImpact: a.evidenceOfImpact,
      evidence: evidence.get(a.id) ?? completedEvidence.get(a.id) ?? [],
    })),
    notListed: Math.max(0, completedInPeriod.length - REPORT_LIST_LIMIT),
  };

  // What changed since the snapshot, or since the start of the period.
  const before: Map<number, Pick<SnapshotRow, 'status' | 'brag' | 'overdue'>> = snapshot
    ? new Map((await snapshotRows(db, snapshot.id, scope)).map((r) => [r.actionId, r]))
    : new Map(atStart.map((a) => [a.id, a]));
  const moved: AssuranceReport['changes']['moved'] = [];
  const newlyOverdue: AsAtAction[] = [];
  const assured: AsAtAction[] = [];
  const withdrawn: AsAtAction[] = [];
  const added: AsAtAction[] = [];
  for (const a of ordered) {
    const then = before.get(a.id);
    if (!then) added.push(a);
    else if (then.status !== a.status || then.brag !== a.brag)
      moved.push({ actionId: a.id, ref: a.ref, ownerAgency: agencyName(a.ownerAgencyId), fromStatus: then.status, toStatus: a.status, fromBrag: then.brag, toBrag: a.brag });
    if (a.overdue && !then?.overdue) newlyOverdue.push(a);
    if (a.status === 'assured' && then?.status !== 'assured') assured.push(a);
    if (a.status === 'withdrawn' && then?.status !== 'withdrawn') withdrawn.push(a);
  }
  const lists = [moved, newlyOverdue, assured, withdrawn, added];
  const changes = {
    moved: moved.slice(0, REPORT_LIST_LIMIT),
    newlyOverdue: newlyOverdue.slice(0, REPORT_LIST_LIMIT).map(toReportAction),
    assured: assured.slice(0, REPORT_LIST_LIMIT).map(toReportAction),
    withdrawn: withdrawn.slice(0, REPORT_LIST_LIMIT).map(toReportAction),
    added: added.slice(0, REPORT_LIST_LIMIT).map(toReportAction),
    notListed: lists.reduce((n, list) => n + Math.max(0, list.length - REPORT_LIST_LIMIT), 0),
  };

  // Themes across the reviews in scope.
  const themeRows = await rawRows<{ actionId: number; themeId: number; name: string }>(db, THEMES_SQL, [scopeIds]);
  const cells = new Map<string, { themeId: number; reviewId: number; actions: number }>();
  const themeInfo = new Map<number, { id: number; name: string; reviews: Set<number>; actions: number }>();
  for (const row of themeRows) {
    const reviewId = byId.get(row.actionId)!.reviewId;
    const key = `${row.themeId}:${reviewId}`;
    const cell = cells.get(key) ?? { themeId: row.themeId, reviewId, actions: 0 };
    cell.actions++;
    cells.set(key, cell);
    const info = themeInfo.get(row.themeId) ?? { id: row.themeId, name: row.name, reviews: new Set<number>(), actions: 0 };
    info.reviews.add(reviewId);
    info.actions++;
    themeInfo.set(row.themeId, info);
  }
  const themes = [...themeInfo.values()]
    .map((t) => ({ id: t.id, name: t.name, reviewCount: t.reviews.size, actions: t.actions }))
    .sort((a, b) => b.reviewCount - a.reviewCount || b.actions - a.actions || byName(a.name, b.name));

  // Reviews in scope against the statutory timescales, as they stood.
  const reviewIds = new Set(actions.map((a) => a.reviewId));
  const reviewsInScope = [...names.reviews.values()]
    .filter((r) =>
      query.reviewId !== undefined
        ? r.id === query.reviewId
        : query.subgroupId !== undefined
          ? r.subgroupId === query.subgroupId || reviewIds.has(r.id)
          : query.agencyId !== undefined
            ? reviewIds.has(r.id)
            : r.createdAt <= clock.instant || reviewIds.has(r.id),
    )
    .sort((a, b) => naturalOrder(a.code, b.code));
  const timeliness = reviewsInScope.map((r) => {
    const t = reviewTimeliness({ notifiedOn: r.notifiedOn, rapidReviewOn: r.rapidReviewOn, startedOn: r.startedOn, publishedOn: r.publishedOn }, clock.today);
    return {
      reviewId: r.id,
      code: r.code,
      title: r.title,
      type: r.type,
      stage: r.stage,
      notifiedOn: r.notifiedOn,
      rapidReviewDueOn: t.rapidReviewDueOn,
      rapidReviewOn: r.rapidReviewOn,
      rapidReviewLate: t.rapidReviewLate,
      startedOn: r.startedOn,
      reviewDueOn: t.reviewDueOn,
      publishedOn: r.publishedOn,
      reviewLate: t.reviewLate,
    };
  });

  const scopeInfo = await describeScope(db, query, names);
  const comparedWith = snapshot
    ? { snapshotId: snapshot.id, name: snapshot.name, asAt: snapshot.asAt }
    : { snapshotId: null, name: 'the start of the period', asAt: addDays(from, -1) };
  const report: AssuranceReport = {
    title: `Board assurance report: ${scopeInfo.name}`,
    partnershipName: clock.partnershipName,
    generatedAt: now.toISOString(),
    asAt: clock.date,
    period: { from, to },
    scope: scopeInfo,
    sections,
    comparedWith,
    totals: { actions: actions.length, byStatus, byBrag: atEnd, overdue: overdue.length, stale: actions.filter((a) => a.stale).length },
    summary: [],
    brag: { atStart: startTally, atEnd, change },
    agencies,
    recommendations: { items: recommendationItems, notListed: Math.max(0, ordered.length - listed.length) },
    overdue: capped([...overdue].sort((a, b) => daysOverdue(b, clock) - daysOverdue(a, clock) || byPlanOrder(a, b)).map(toReportAction)),
    revisedDates,
    completed,
    changes,
    themes: {
      themes,
      reviews: reviewsInScope.filter((r) => reviewIds.has(r.id)).map((r) => ({ id: r.id, code: r.code })),
      cells: [...cells.values()],
    },
    timeliness,
  };
  report.summary = summarise(report, completedInPeriod.length, revisions.length, clock, { moved: moved.length, newlyOverdue: newlyOverdue.length, assured: assured.length });
  return report;
}

async function describeScope(db: Db, query: ParsedAssuranceReportQuery, names: Names): Promise<AssuranceReport['scope']> {
  if (query.reviewId !== undefined) {
    const review = (await rawRow<{ code: string; title: string }>(db, 'select code, title from reviews where id = ?', [query.reviewId]))!;
    return { kind: 'review', id: query.reviewId, name: `${review.code} ${review.title}` };
  }
  if (query.subgroupId !== undefined) {
    const subgroup = (await rawRow<{ name: string }>(db, 'select name from subgroups where id = ?', [query.subgroupId]))!;
    return { kind: 'subgroup', id: query.subgroupId, name: subgroup.name };
  }
  if (query.agencyId !== undefined) return { kind: 'agency', id: query.agencyId, name: names.agencies.get(query.agencyId)?.name ?? '' };
  return { kind: 'partnership', id: null, name: 'the whole partnership' };
}

/** The summary in words: what a chair would say first. Every figure comes from the report itself. */
function summarise(
  report: AssuranceReport,
  completedInPeriod: number,
  revisedInPeriod: number,
  clock: AsAtClock,
  // Counted in full: the report's lists of changes stop at REPORT_LIST_LIMIT.
  changed: { moved: number; newlyOverdue: number; assured: number },
): string[] {
  const { totals, brag } = report;
  const open = totals.byStatus.not_started + totals.byStatus.in_progress;
  const done = totals.byStatus.completed + totals.byStatus.assured;
  const lines: string[] = [];
  if (totals.actions === 0) {
    lines.push(`As at ${ukDate(clock.date)} there were no actions in the plan for ${report.scope.name}.`);
    return lines;
  }
  lines.push(
    `As at ${ukDate(clock.date)}, the plan for ${report.scope.name} had ${plural(totals.actions, 'action')}: ${done} completed or assured (${totals.byStatus.assured} assured), ${open} open and ${totals.byStatus.withdrawn} withdrawn.`,
  );
  lines.push(
    `${plural(brag.atEnd.red, 'action was', 'actions were')} Red, ${brag.atEnd.amber} Amber, ${brag.atEnd.green} Green and ${brag.atEnd.blue} Blue; ${plural(totals.overdue, 'action was', 'actions were')} overdue and ${totals.stale} had no update within the update cadence.`,
  );
  const redChange = brag.change.red;
  lines.push(
    `Between ${ukDate(report.period.from)} and ${ukDate(report.period.to)}, ${plural(completedInPeriod, 'action was', 'actions were')} completed or assured and ${plural(revisedInPeriod, 'target date was', 'target dates were')} revised; Red ${redChange === 0 ? 'stayed at' : redChange > 0 ? `rose by ${redChange} to` : `fell by ${-redChange} to`} ${brag.atEnd.red} since the start of the period.`,
  );
  const longest = report.overdue.items[0];
  if (longest) lines.push(`The longest overdue was ${longest.ref} (${longest.ownerAgency}), ${plural(longest.daysOverdue, 'day')} past its target date of ${ukDate(longest.targetDate)}.`);
  const recurring = report.themes.themes.filter((t) => t.reviewCount > 1).slice(0, 3);
  if (recurring.length > 0) lines.push(`Themes recurring across reviews: ${recurring.map((t) => `${t.name} (${t.reviewCount} reviews)`).join(', ')}.`);
  const late = report.timeliness.filter((r) => r.rapidReviewLate || r.reviewLate).length;
  if (report.timeliness.length > 0) lines.push(`${plural(late, 'review was', 'reviews were')} outside the statutory timescales, of ${report.timeliness.length} in scope.`);
  lines.push(
    `Since ${report.comparedWith.snapshotId === null ? 'the start of the period' : `the snapshot "${report.comparedWith.name}" (as at ${ukDate(report.comparedWith.asAt)})`}: ${plural(changed.moved, 'action')} moved, ${changed.newlyOverdue} became overdue and ${changed.assured} were assured.`,
  );
  return lines;
}
