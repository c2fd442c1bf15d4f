import { sql } from 'drizzle-orm';
import type { ThemeMatrix } from '@lrt/contracts';
import type { Db } from '@lrt/db';
import { actionRulesSql } from '../actions/action-rules.sql';
import type { PlanClock } from '../settings/settings.service';

/**
 * Themes × reviews: what recurs. A review counts for a theme when the review is tagged with it or any of its
 * actions is; each cell counts that review's actions under the theme, open and overdue. Counted in SQL.
 */
export function getThemeMatrix(db: Db, query: { subgroupId?: number | undefined }, clock: PlanClock): ThemeMatrix {
  const rules = actionRulesSql(clock);
  const inScope = query.subgroupId === undefined ? sql`1` : sql`reviews.subgroup_id = ${query.subgroupId}`;
  const themes = db.all<{ id: number; name: string }>(sql`select id, name from themes order by lower(name)`);
  const reviews = db.all<{ id: number; code: string; title: string; child_pseudonym: string }>(sql`
    select id, code, title, child_pseudonym from reviews where ${inScope}
    order by coalesce(notified_on, started_on, substr(created_at, 1, 10)), id`);
  // One pass over the actions' themes and one over the reviews' tags, merged per (theme, review).
  const cells = db.all<{ theme_id: number; review_id: number; review_tagged: number; actions: number; open: number; overdue: number }>(sql`
    select theme_id, review_id, max(tagged) as review_tagged, sum(actions) as actions, sum(open) as open, sum(overdue) as overdue
    from (
      select action_themes.theme_id as theme_id, actions.review_id as review_id, 0 as tagged,
        count(*) as actions, coalesce(sum(${rules.open}), 0) as open, coalesce(sum(${rules.overdue}), 0) as overdue
      from action_themes
      join actions on actions.id = action_themes.action_id
      join reviews on reviews.id = actions.review_id
      where ${inScope}
      group by action_themes.theme_id, actions.review_id
      union all
      select review_themes.theme_id, review_themes.review_id, 1, 0, 0, 0
      from review_themes join reviews on reviews.id = review_themes.review_id
      where ${inScope}
    )
    group by theme_id, review_id`);
  const byTheme = themes.map((theme) => {
    const mine = cells.filter((c) => c.theme_id === theme.id);
    return {
      themeId: theme.id,
      reviews: mine.length,
      actions: mine.reduce((n, c) => n + c.actions, 0),
      open: mine.reduce((n, c) => n + c.open, 0),
      overdue: mine.reduce((n, c) => n + c.overdue, 0),
      recurs: mine.length >= 2,
    };
  });
  return {
    themes,
    reviews: reviews.map((r) => ({ id: r.id, code: r.code, title: r.title, childPseudonym: r.child_pseudonym })),
    cells: cells.map((c) => ({
      themeId: c.theme_id,
      reviewId: c.review_id,
      reviewTagged: Boolean(c.review_tagged),
      actions: c.actions,
      open: c.open,
      overdue: c.overdue,
    })),
    byTheme,
  };
}
