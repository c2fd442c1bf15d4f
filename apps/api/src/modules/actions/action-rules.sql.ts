import { sql, type SQL } from 'drizzle-orm';
import { actions } from '@lrt/db';
import { OPEN_STATUSES, BRAG_ATTENTION_ORDER, type AssessmentClock } from '@lrt/domain';
import { BRAG_RATINGS } from '@lrt/contracts';

const openList = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * The rules of domain/action-state.ts written as SQL, so lists filter, sort and count over large plans
 * in the database. Tested against the domain functions row by row (action-rules.sql.test.ts).
 */
export function actionRulesSql(clock: AssessmentClock & { dueSoonBy?: string }) {
  const open = sql`(${actions.status} in (${openList}))`;
  const returned = sql`(${actions.status} = 'in_progress' and ${actions.returnedReplyBy} is not null)`;
  const awaitingReply = sql`(${returned} and ${actions.returnedReplyBy} >= ${clock.today})`;
  const overdue = sql`(${open} and ${actions.targetDate} is not null and ${actions.targetDate} < ${clock.today} and not ${awaitingReply})`;
  const stale = sql`(${open} and coalesce(${actions.lastUpdateAt}, ${actions.createdAt}) < ${clock.staleBefore} and not ${awaitingReply})`;
  const brag: SQL<string | null> = sql`(case
    when ${actions.status} = 'withdrawn' then null
    when ${actions.status} = 'assured' then 'blue'
    when ${actions.status} = 'completed' then 'green'
    when ${awaitingReply} then 'amber'
    when ${returned} then 'red'
    when ${overdue} then 'red'
    when ${actions.latestConfidence} = 'off_track' then 'red'
    when ${actions.latestConfidence} = 'at_risk' then 'amber'
    when ${stale} then 'amber'
    else 'green' end)`;
  /** Open, not yet overdue, and due within the partnership's "due soon" window. */
  const dueSoon = clock.dueSoonBy
    ? sql`(${open} and ${actions.targetDate} is not null and ${actions.targetDate} >= ${clock.today} and ${actions.targetDate} <= ${clock.dueSoonBy})`
    : sql`false`;
  /** What to chase first: red, then amber, then green, blue and withdrawn (the sort then orders by target date). */
  const attention = sql`(case ${brag} ${sql.raw(
    BRAG_RATINGS.map((colour) => `when '${colour}' then ${BRAG_ATTENTION_ORDER[colour]}`).join(' '),
  )} else ${BRAG_ATTENTION_ORDER.none} end)`;
  return { open, returned, awaitingReply, overdue, stale, brag, dueSoon, attention };
}
