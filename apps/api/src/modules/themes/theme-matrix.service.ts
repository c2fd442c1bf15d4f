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
  const cells = db.all<{ theme_id: number; review_id: number; review_tagged: number; actions: number; open: number; overdue: number }>(sql`
    with pairs as (
      select theme_id, review_id from review_themes
      union
      select action_themes.theme_id, actions.review_id from action_themes join actions on actions.id = action_themes.action_id
    )
    select pairs.theme_id, pairs.review_id,
      exists (select 1 from review_themes rt where rt.theme_id = pairs.theme_id and rt.review_id = pairs.review_id) as review_tagged,
      count(actions.id) as actions,
      coalesce(sum(${rules.open}), 0) as open,
      coalesce(sum(${rules.overdue}), 0) as overdue
    from pairs
    join reviews on reviews.id = pairs.review_id
    left join action_themes on action_themes.theme_id = pairs.theme_id
    left join actions on actions.id = action_themes.action_id and actions.review_id = pairs.review_id
    where ${inScope}
    group by pairs.theme_id, pairs.review_id`);
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
