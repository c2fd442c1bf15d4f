import { and, sql, type SQL } from 'drizzle-orm';
import type { ActionTotals, Dashboard, DashboardAgency } from '@lrt/contracts';
import { ACTION_STATUSES, BRAG_RATINGS, DASHBOARD_REVIEWS_SHOWN } from '@lrt/contracts';
import { forDialect, rowsOf, type Db } from '@lrt/db';
import { addDays, isoMonth } from '@lrt/domain';
import { actionRulesSql } from '../actions/action-rules.sql';
import { actionFilters } from '../actions/actions.service';
import type { PlanCache } from '../../lib/plan-cache';
import type { PlanClock } from '../settings/settings.service';

export const TREND_MONTHS = 24;

export interface DashboardQuery {
  reviewId?: number | undefined;
  subgroupId?: number | undefined;
  agencyId?: number | undefined;
}

type CountRow = Record<string, number | string | null>;

/**
 * The aggregate columns of ActionTotals, as SQL over a set of `actions` rows: each a count of the rows that match
 * (one text for both databases; on SQLite, FILTER also counts faster than summing the rule's 1s and 0s).
 */
function totalsColumns(rules: ReturnType<typeof actionRulesSql>): SQL {
  return sql.join(
    [
      sql`count(*) as "actions"`,
      ...ACTION_STATUSES.map((s) => sql`count(*) filter (where ${sql.raw('"actions"."status"')} = ${s}) as ${sql.identifier(`status_${s}`)}`),
      ...BRAG_RATINGS.map((b) => sql`count(*) filter (where ${rules.brag} = ${b}) as ${sql.identifier(`brag_${b}`)}`),
      sql`count(*) filter (where ${rules.overdue}) as "overdue"`,
      sql`count(*) filter (where ${rules.stale}) as "stale"`,
      sql`count(*) filter (where ${rules.dueSoon}) as "due_soon"`,
    ],
    sql`, `,
  );
}

function toTotals(row: CountRow | undefined): ActionTotals {
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    actions: n('actions'),
    byStatus: Object.fromEntries(ACTION_STATUSES.map((s) => [s, n(`status_${s}`)])) as ActionTotals['byStatus'],
    byBrag: Object.fromEntries(BRAG_RATINGS.map((b) => [b, n(`brag_${b}`)])) as ActionTotals['byBrag'],
    overdue: n('overdue'),
    stale: n('stale'),
    dueSoon: n('due_soon'),
  };
}

/** Counts added together: an agency's own actions and those it shares, or every owner's for the whole partnership. */
function sumTotals(parts: ActionTotals[]): ActionTotals {
  const sum = toTotals(undefined);
  for (const part of parts) {
    sum.actions += part.actions;
    for (const s of ACTION_STATUSES) sum.byStatus[s] += part.byStatus[s];
    for (const b of BRAG_RATINGS) sum.byBrag[b] += part.byBrag[b];
    sum.overdue += part.overdue;
    sum.stale += part.stale;
    sum.dueSoon += part.dueSoon;
  }
  return sum;
}

/**
 * Everything the overview shows, counted in SQL: each agency's share (actions it owns, in one pass that also gives
 * the totals, and those it shares, so one multi-agency action counts for each of its agencies), the reviews needing
 * most attention (with how many reviews there are in all), and the trend of open, completed and assured actions at
 * the end of each of the last 24 months, rebuilt from the status history (kept in `cache`, when given, until that
 * history changes). Nothing in it grows with the number of reviews or years: agencies are the only list that
 * grows, and only with the partnership's agencies.
 */
export async function getDashboard(db: Db, query: DashboardQuery, clock: PlanClock, cache?: PlanCache): Promise<Dashboard> {
  const rules = actionRulesSql(clock);
  const filters = and(
    ...actionFilters(
      db,
      {
        reviewId: query.reviewId ? [query.reviewId] : undefined,
        subgroupId: query.subgroupId ? [query.subgroupId] : undefined,
        agencyId: query.agencyId ? [query.agencyId] : undefined,
      },
      rules,
    ),
  ) ?? sql`true`;
  const columns = totalsColumns(rules);
  // SQLite's CROSS JOIN is an inner join whose left table its planner keeps as the outer loop; PostgreSQL's takes
  // no ON (and plans the join order itself).
  const crossJoin = forDialect(db, { sqlite: sql.raw('cross join'), postgres: sql.raw('join') });

  // Each action is rated once for the agency that owns it; the owners' rows add up to the totals, since every
  // action has one owner. A shared action is rated again only for each partner (never the owner a second time).
  const byOwner = await rowsOf<CountRow>(db, sql`
    select actions.owner_agency_id as "agency_id", ${columns} from actions where ${filters} group by actions.owner_agency_id`);
  // CROSS JOIN keeps actions the outer loop, read from actions_rating_idx alone (the partners are looked up by
  // their primary key), rather than each partner's action looked up in the wide table.
  const byPartner = await rowsOf<CountRow>(db, sql`
    select action_agencies.agency_id as "agency_id", ${columns}
    from actions ${crossJoin} action_agencies on action_agencies.action_id = actions.id
    where action_agencies.agency_id <> actions.owner_agency_id and ${filters}
    group by action_agencies.agency_id`);
  // Each agency's share: what it owns, plus what it shares as a partner; every row read into totals once.
  const owned = byOwner.map((row) => [Number(row.agency_id), toTotals(row)] as const);
  const totals = sumTotals(owned.map(([, counts]) => counts));
  const shares = new Map<number, ActionTotals>(owned);
  for (const row of byPartner) {
    const id = Number(row.agency_id);
    const counts = toTotals(row);
    const own = shares.get(id);
    shares.set(id, own ? sumTotals([own, counts]) : counts);
  }
  const agencyNames = await rowsOf<{ id: number; name: string; short_name: string }>(db, sql`
    select id, name, short_name from agencies order by lower(name), id`);
  const byAgency = agencyNames.filter((agency) => shares.has(agency.id));

  // Every review is counted (the window gives how many there are) but only the first few, by attention, are sent.
  // The actions are rated from actions_rating_idx and grouped by review before the reviews' codes are joined.
  const byReview = await rowsOf<CountRow>(db, sql`
    select reviews.id as "review_id", reviews.code as "code", reviews.title as "title", counted.*,
      count(*) over () as "review_count"
    from (select actions.review_id as "counted_review_id", ${columns} from actions where ${filters} group by actions.review_id) counted
    ${crossJoin} reviews on reviews.id = counted."counted_review_id"
    order by "brag_red" desc, "overdue" desc, "stale" desc, reviews.code, reviews.id
    limit ${DASHBOARD_REVIEWS_SHOWN}`);

  const buildTrend = () => monthlyTrend(db, filters, isoMonth(clock.today));
  const trendKey = JSON.stringify(['trend', query.reviewId, query.subgroupId, query.agencyId]);
  const trend = cache ? await cache.history(trendKey, clock, buildTrend) : await buildTrend();
  const leads = await agencyLeads(db);

  return {
    asAt: clock.now.toISOString(),
    totals,
    byAgency: byAgency.map((agency) => ({
      agencyId: agency.id,
      name: agency.name,
      shortName: agency.short_name,
      ...shares.get(agency.id)!,
      leads: leads.get(agency.id) ?? [],
    })),
    byReview: byReview.map((row) => ({ reviewId: Number(row.review_id), code: String(row.code), title: String(row.title), ...toTotals(row) })),
    reviewCount: Number(byReview[0]?.review_count ?? 0),
    trend,
  };
}

/**
 * Every agency's active leads, by name, in one query whatever the number of agencies: a partnership has a few
 * hundred accounts at most, so reading them all is cheaper than narrowing them to the agencies shown.
 */
async function agencyLeads(db: Db): Promise<Map<number, DashboardAgency['leads']>> {
  const rows = await rowsOf<{ agency_id: number; name: string; email: string }>(db, sql`
    select user_agencies.agency_id as "agency_id", users.name as "name", users.email as "email"
    from user_agencies
    join users on users.id = user_agencies.user_id
    join user_roles on user_roles.user_id = users.id and user_roles.role = 'agency_lead'
    where users.active = true
    order by lower(users.name), users.id`);
  const byAgency = new Map<number, DashboardAgency['leads']>();
  for (const row of rows) {
    const list = byAgency.get(Number(row.agency_id));
    const lead = { name: row.name, email: row.email };
    if (list) list.push(lead);
    else byAgency.set(Number(row.agency_id), [lead]);
  }
  return byAgency;
}

/**
 * Open, completed and assured actions at the end of each of the last 24 months, rebuilt from the status
 * history. Each action is a run of spans (a status from one change to the next); a span counts at a month's end
 * if it began in or before that month and had not ended by its end. So each span adds one in the month it starts
 * and takes one away in the month it ends, and a running total over the months gives every month at once: one
 * pass over the history, however many months are shown.
 */
async function monthlyTrend(db: Db, filters: SQL, currentMonth: string): Promise<Dashboard['trend']> {
  const deltas = await rowsOf<{ month: string; status: string; delta: number }>(db, sql`
    with changes as (
      select actions.id as action_id, actions.created_at as at, 0 as seq, 'not_started' as status from actions where ${filters}
      union all
      select progress_updates.action_id, progress_updates.created_at, progress_updates.id, progress_updates.status_to
      from progress_updates join actions on actions.id = progress_updates.action_id
      where progress_updates.status_to is not null and ${filters}
    ),
    spans as (
      select status, at as starts, lead(at) over (partition by action_id order by at, seq) as ends from changes
    ),
    marks as (
      select substr(starts, 1, 7) as month, status, 1 as delta from spans
      union all
      select substr(ends, 1, 7), status, -1 from spans where ends is not null
    )
    select month, status, sum(delta) as delta from marks group by month, status order by month`);

  const months: string[] = [];
  for (let m = currentMonth, i = 0; i < TREND_MONTHS; i++, m = isoMonth(addDays(`${m}-01`, -1))) months.unshift(m);
  const running: Record<string, number> = {};
  let next = 0;
  return months.map((month) => {
    for (; next < deltas.length && deltas[next]!.month <= month; next++) {
      const { status, delta } = deltas[next]!;
      running[status] = (running[status] ?? 0) + Number(delta);
    }
    const count = (status: string) => running[status] ?? 0;
    return { month, open: count('not_started') + count('in_progress'), completed: count('completed'), assured: count('assured') };
  });
}
