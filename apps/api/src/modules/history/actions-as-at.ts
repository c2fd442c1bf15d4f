import type { Action, ActionSort } from '@lrt/contracts';
import { rawRows, type Db } from '@lrt/db';
import { BRAG_ATTENTION_ORDER } from '@lrt/domain';
import { unprocessable } from '../../plugins/problems';
import { decodeCursor, encodeCursor } from '../../lib/pagination';
import { NO_PERMISSIONS, type ParsedActionListQuery } from '../actions/actions.service';
import { actionsAsAt, asAtDayProblem, clockAsAt, withJsonIds, type AsAtAction, type AsAtClock } from './as-at';

type SortKey = string | number;
const FAR_FUTURE = '9999-12-31';

/** The same orders as the live list (actions.service.ts), on the rebuilt fields; the id breaks ties. */
function sortKeyOf(sort: ActionSort): { key: (a: AsAtAction) => SortKey[]; dir: 1 | -1 } {
  switch (sort) {
    case 'targetDate':
    case '-targetDate':
      return { key: (a) => [a.targetDate ?? FAR_FUTURE], dir: sort === 'targetDate' ? 1 : -1 };
    case 'ref':
    case '-ref':
      return { key: (a) => [a.ref.toLowerCase()], dir: sort === 'ref' ? 1 : -1 };
    case 'lastUpdateAt':
    case '-lastUpdateAt':
      return { key: (a) => [a.lastUpdateAt ?? ''], dir: sort === 'lastUpdateAt' ? 1 : -1 };
    case 'createdAt':
    case '-createdAt':
      return { key: (a) => [a.createdAt], dir: sort === 'createdAt' ? 1 : -1 };
    case 'attention':
      return { key: (a) => [BRAG_ATTENTION_ORDER[a.brag ?? 'none'], a.targetDate ?? FAR_FUTURE], dir: 1 };
  }
}

const compareKeys = (a: SortKey[], b: SortKey[]) => {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
};

/**
 * `GET /api/actions?asAt=`: the list as it stood at the end of that day, with the live list's filters and sorts applied
 * to the rebuilt actions (an agency's: those it owned then, or shares; themes and shared agencies as they are now).
 * `q` matches every word in the ref, learning need, action, success measure or latest note of the time.
 */
export async function listActionsAsAt(db: Db, query: ParsedActionListQuery & { asAt: string }, now: Date) {
  const day = await asAtDayProblem(db, query.asAt, now);
  if (day) throw unprocessable('validation.failed', [{ path: 'asAt', message: day }]);
  const clock = await clockAsAt(db, query.asAt, now);
  const single = <T>(values: T[] | undefined) => (values?.length === 1 ? values[0] : undefined);
  const rows = await actionsAsAt(db, clock, { reviewId: single(query.reviewId), agencyId: single(query.agencyId), subgroupId: single(query.subgroupId) });
  const links = await linksOf(db);
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const within = <T>(values: T[] | undefined, value: T) => !values?.length || values.includes(value);
  const flag = (wanted: boolean | undefined, value: boolean) => wanted === undefined || wanted === value;
  const matching = rows.filter((a) => {
    const partners = links.partners.get(a.id) ?? [];
    const returned = a.returnedReplyBy !== null;
    return (
      within(query.reviewId, a.reviewId) &&
      (!query.recommendationId?.length || (a.recommendationId !== null && query.recommendationId.includes(a.recommendationId))) &&
      (!query.agencyId?.length || query.agencyId.includes(a.ownerAgencyId) || partners.some((p) => query.agencyId!.includes(p))) &&
      (!query.subgroupId?.length || (a.subgroupId !== null && query.subgroupId.includes(a.subgroupId))) &&
      (!query.themeId?.length || (links.themes.get(a.id) ?? []).some((t) => query.themeId!.includes(t))) &&
      within(query.status, a.status) &&
      (!query.brag?.length || (a.brag !== null && query.brag.includes(a.brag))) &&
      within(query.kind, a.kind) &&
      flag(query.overdue, a.overdue) &&
      flag(query.stale, a.stale) &&
      flag(query.dueSoon, a.dueSoon) &&
      flag(query.returned, returned) &&
      (!query.dueBefore || (a.targetDate !== null && a.targetDate <= query.dueBefore)) &&
      (!query.dueAfter || (a.targetDate !== null && a.targetDate >= query.dueAfter)) &&
      (words.length === 0 ||
        words.every((w) => [a.ref, a.learningNeed, a.action, a.successMeasure, a.latestNote?.text ?? ''].some((text) => text.toLowerCase().includes(w))))
    );
  });
  const { key, dir } = sortKeyOf(query.sort);
  const keyed = matching.map((a) => ({ a, k: [...key(a), a.id] }));
  keyed.sort((x, y) => dir * compareKeys(x.k, y.k));
  const after = decodeCursor(query.cursor, query.sort === 'attention' ? ['number', 'string', 'number'] : ['string', 'number']);
  const start = after ? keyed.filter((x) => dir * compareKeys(x.k, after as SortKey[]) > 0) : keyed;
  const page = start.slice(0, query.limit);
  const nextCursor = start.length > query.limit ? encodeCursor(page.at(-1)!.k) : null;
  return { items: await toDtos(db, page.map((x) => x.a), clock, links), nextCursor };
}

// linksOf and toDtos read with hand-written SQL, like the rebuild in as-at.ts.
async function linksOf(db: Db) {
  const partners = new Map<number, number[]>();
  const themes = new Map<number, number[]>();
  const add = (map: Map<number, number[]>, key: number, value: number) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const row of await rawRows<{ a: number; b: number }>(db, 'select action_id as a, agency_id as b from action_agencies order by agency_id')) {
    add(partners, row.a, row.b);
  }
  for (const row of await rawRows<{ a: number; b: number }>(db, 'select action_id as a, theme_id as b from action_themes order by theme_id')) {
    add(themes, row.a, row.b);
  }
  return { partners, themes };
}

const CHANGES_SQL = withJsonIds(
  (inIds) => `select action_id as "actionId", from_date as "fromDate", to_date as "toDate", reason, decided_by_name as "decidedBy", changed_at as "changedAt"
    from target_date_changes where ${inIds('action_id')} order by changed_at, id`,
);
const PENDING_SQL = withJsonIds(
  (inIds) => `select id, action_id as "actionId", requested_target_date as "requestedTargetDate", reason, requested_by_name as "requestedBy",
      requested_at as "requestedAt"
    from target_date_requests where ${inIds('action_id')} and requested_at <= ? and (decided_at is null or decided_at > ?)`,
);
const VERSIONS_SQL = withJsonIds((inIds) => `select id, version, updated_at as "updatedAt" from actions where ${inIds('id')}`);

/** The Action shape of the live list, as it stood: the target-date history and any pending request up to then. */
async function toDtos(db: Db, page: AsAtAction[], clock: AsAtClock, links: Awaited<ReturnType<typeof linksOf>>): Promise<Action[]> {
  const ids = JSON.stringify(page.map((a) => a.id));
  const changes = await rawRows<{ actionId: number; fromDate: string | null; toDate: string | null; reason: string; decidedBy: string; changedAt: string }>(
    db,
    CHANGES_SQL,
    [ids],
  );
  const pending = await rawRows<{ id: number; actionId: number; requestedTargetDate: string; reason: string; requestedBy: string; requestedAt: string }>(
    db,
    PENDING_SQL,
    [ids, clock.instant, clock.instant],
  );
  const versions = await rawRows<{ id: number; version: number; updatedAt: string }>(db, VERSIONS_SQL, [ids]);
  const current = new Map(versions.map((v) => [v.id, v]));
  return page.map((a) => {
    const mine = changes.filter((c) => c.actionId === a.id);
    const upToThen = mine.filter((c) => c.changedAt <= clock.instant);
    const request = pending.find((p) => p.actionId === a.id);
    return {
      id: a.id,
      ref: a.ref,
      reviewId: a.reviewId,
      recommendationId: a.recommendationId,
      kind: a.kind,
      ownerAgencyId: a.ownerAgencyId,
      partnerAgencyIds: links.partners.get(a.id) ?? [],
      learningNeed: a.learningNeed,
      action: a.action,
      successMeasure: a.successMeasure,
      targetDate: a.targetDate,
      targetDateHistory: [
        { targetDate: mine[0] ? mine[0].fromDate : a.targetDate, from: null, reason: null, decidedBy: null, on: a.createdAt },
        ...upToThen.map((c) => ({ targetDate: c.toDate, from: c.fromDate, reason: c.reason, decidedBy: c.decidedBy, on: c.changedAt })),
      ],
      pendingTargetDateRequest: request
        ? { id: request.id, requestedTargetDate: request.requestedTargetDate, reason: request.reason, requestedBy: request.requestedBy, requestedAt: request.requestedAt }
        : null,
      status: a.status,
      returned: a.returnedAt && a.returnedQuestion && a.returnedReplyBy ? { on: a.returnedAt, question: a.returnedQuestion, replyBy: a.returnedReplyBy } : null,
      brag: a.brag,
      bragReason: a.bragReason,
      overdue: a.overdue,
      stale: a.stale,
      dueSoon: a.dueSoon,
      lastUpdateAt: a.lastUpdateAt,
      latestConfidence: a.latestConfidence,
      latestUpdate: a.latestNote ? { id: a.latestNote.id, createdAt: a.latestNote.on, authorName: a.latestNote.author, note: a.latestNote.text } : null,
      evidenceOfImpact: a.evidenceOfImpact,
      withdrawnReason: a.withdrawnReason,
      themeIds: links.themes.get(a.id) ?? [],
      subgroupId: a.subgroupId,
      createdAt: a.createdAt,
      updatedAt: current.get(a.id)?.updatedAt ?? a.createdAt,
      version: current.get(a.id)?.version ?? 1,
      // A past day's plan is history: nothing on it can be done any more, whoever looks.
      permissions: NO_PERMISSIONS,
    };
  });
}
