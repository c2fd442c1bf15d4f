import { and, sql, type SQL } from 'drizzle-orm';
import type { ActionTotals, Dashboard, DashboardAgency } from '@lrt/contracts';
import { ACTION_STATUSES, BRAG_RATINGS, DASHBOARD_REVIEWS_SHOWN } from '@lrt/contracts';
import type { Db } from '@lrt/db';
import { addDays, isoMonth } from '@lrt/domain';
import { actionRulesSql } from '../actions/action-rules.sql';
import { actionFilters } from '../actions/actions.service';
import type { PlanClock } from '../settings/settings.service';

export const TREND_MONTHS = 24;

export interface DashboardQuery {
  reviewId?: number | undefined;
  subgroupId?: number | undefined;
  agencyId?: number | undefined;
}

type CountRow = Record<string, number | string | null>;

/** The aggregate columns of ActionTotals, as SQL over a set of `actions` rows. */
function totalsColumns(rules: ReturnType<typeof actionRulesSql>): SQL {
  return sql.join(
    [
      sql`count(*) as "actions"`,
      ...ACTION_STATUSES.map((s) => sql`coalesce(sum(${sql.raw('"actions"."status"')} = ${s}), 0) as ${sql.identifier(`status_${s}`)}`),
      ...BRAG_RATINGS.map((b) => sql`coalesce(sum(${rules.brag} = ${b}), 0) as ${sql.identifier(`brag_${b}`)}`),
      sql`coalesce(sum(${rules.overdue}), 0) as "overdue"`,
      sql`coalesce(sum(${rules.stale}), 0) as "stale"`,
      sql`coalesce(sum(${rules.dueSoon}), 0) as "due_soon"`,
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

/**
 * Everything the overview shows, counted in SQL in one pass per breakdown: totals, each agency's share (actions it
 * owns or shares, so one multi-agency action counts for each of its agencies), the reviews needing most attention
 * (with how many reviews there are in all), and the trend of open, completed and assured actions at the end of each
 * of the last 24 months, rebuilt from the status history. Nothing in it grows with the number of reviews or years:
 * agencies are the only list that grows, and only with the partnership's agencies.
 */
export function getDashboard(db: Db, query: DashboardQuery, clock: PlanClock): Dashboard {
  const rules = actionRulesSql(clock);
  const filters = and(
    ...actionFilters(
      {
        reviewId: query.reviewId ? [query.reviewId] : undefined,
        subgroupId: query.subgroupId ? [query.subgroupId] : undefined,
        agencyId: query.agencyId ? [query.agencyId] : undefined,
      },
      rules,
    ),
  ) ?? sql`1`;
  const columns = totalsColumns(rules);

  const totals = db.get<CountRow>(sql`select ${columns} from actions where ${filters}`);

  const byAgency = db.all<CountRow>(sql`
    select agencies.id as "agency_id", agencies.name as "name", agencies.short_name as "short_name", ${columns}
    from agencies
    join (select id as action_id, owner_agency_id as agency_id from actions
          union select action_id, agency_id from action_agencies) shares on shares.agency_id = agencies.id
    join actions on actions.id = shares.action_id
    where ${filters}
    group by agencies.id
    order by lower(agencies.name)`);

  // Every review is counted (the window gives how many there are) but only the first few, by attention, are sent.
  const byReview = db.all<CountRow>(sql`
    select reviews.id as "review_id", reviews.code as "code", reviews.title as "title", ${columns},
      count(*) over () as "review_count"
    from actions join reviews on reviews.id = actions.review_id
    where ${filters}
    group by reviews.id
    order by "brag_red" desc, "overdue" desc, "stale" desc, reviews.code, reviews.id
    limit ${DASHBOARD_REVIEWS_SHOWN}`);

  const trend = monthlyTrend(db, filters, isoMonth(clock.today));
  const leads = agencyLeads(db);

  return {
    asAt: clock.now.toISOString(),
    totals: toTotals(totals),
    byAgency: byAgency.map((row) => ({
      agencyId: Number(row.agency_id),
      name: String(row.name),
      shortName: String(row.short_name),
      ...toTotals(row),
      leads: leads.get(Number(row.agency_id)) ?? [],
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
function agencyLeads(db: Db): Map<number, DashboardAgency['leads']> {
  const rows = db.all<{ agency_id: number; name: string; email: string }>(sql`
    select user_agencies.agency_id as "agency_id", users.name as "name", users.email as "email"
    from user_agencies
    join users on users.id = user_agencies.user_id
    join user_roles on user_roles.user_id = users.id and user_roles.role = 'agency_lead'
    where users.active = 1
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
function monthlyTrend(db: Db, filters: SQL, currentMonth: string): Dashboard['trend'] {
  const deltas = db.all<{ month: string; status: string; delta: number }>(sql`
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
