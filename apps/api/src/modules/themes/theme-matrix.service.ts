import { sql, type SQL } from 'drizzle-orm';
import type { ThemeMatrix, ThemeMatrixQuery } from '@lrt/contracts';
import { rowOf, rowsOf, type Db } from '@lrt/db';
import { decodeCursor, encodeCursor } from '../../lib/pagination';
import { ProblemError } from '../../plugins/problems';
import { actionRulesSql } from '../actions/action-rules.sql';
import type { PlanClock } from '../settings/settings.service';

/** The day a review is ordered by: when it was notified, else started, else added. */
const reviewDate = sql`coalesce(reviews.notified_on, reviews.started_on, substr(reviews.created_at, 1, 10))`;

/** A page's cursor: which way it goes from the review it names (by its date and id). */
type Direction = 'older' | 'newer';
const CURSOR_SHAPE = ['string', 'string', 'number'] as const;

function readCursor(cursor: string | undefined): { direction: Direction; date: string; id: number } | undefined {
  const values = decodeCursor(cursor, CURSOR_SHAPE);
  if (!values) return undefined;
  const [direction, date, id] = values as [string, string, number];
  if (direction !== 'older' && direction !== 'newer') {
    throw new ProblemError(400, 'validation.failed', 'Invalid request', 'cursor: is not a cursor this list gave out', [
      { path: 'cursor', message: 'is not a cursor this list gave out' },
    ]);
  }
  return { direction, date, id };
}

/** A cell as the database gives it: PostgreSQL's counts and sums (bigint, numeric) may come as text, hence Number(). */
interface CellRow {
  theme_id: number;
  review_id: number;
  review_tagged: number | string;
  actions: number | string;
  open: number | string;
  overdue: number | string;
}

/**
 * Themes × reviews: what recurs. A review counts for a theme when the review is tagged with it or any of its
 * actions is; each cell counts that review's actions under the theme, open and overdue. Counted in SQL.
 *
 * The reviews come a page at a time, newest first (by their date, then id), so the answer has the same size however
 * many reviews the partnership has held; each theme's totals (`byTheme`) still count every review in scope.
 */
export async function getThemeMatrix(db: Db, query: ThemeMatrixQuery, clock: PlanClock): Promise<ThemeMatrix> {
  const rules = actionRulesSql(clock);
  const inScope = sql.join(
    [
      sql`true`,
      ...(query.subgroupId === undefined ? [] : [sql`reviews.subgroup_id = ${query.subgroupId}`]),
      ...(query.from === undefined ? [] : [sql`${reviewDate} >= ${query.from}`]),
      ...(query.to === undefined ? [] : [sql`${reviewDate} <= ${query.to}`]),
      ...(query.themeId === undefined
        ? []
        : [
            sql`(exists (select 1 from review_themes where review_themes.review_id = reviews.id and review_themes.theme_id = ${query.themeId})
              or exists (select 1 from actions join action_themes on action_themes.action_id = actions.id
                         where actions.review_id = reviews.id and action_themes.theme_id = ${query.themeId}))`,
          ]),
    ],
    sql` and `,
  );
  const oneTheme = query.themeId === undefined ? sql`true` : sql`themes.id = ${query.themeId}`;
  const themes = await rowsOf<{ id: number; name: string }>(db, sql`select id, name from themes where ${oneTheme} order by lower(name)`);
  const reviewCount = Number((await rowOf<{ n: number }>(db, sql`select count(*) as n from reviews where ${inScope}`))?.n ?? 0);

  const cursor = readCursor(query.cursor);
  const newer = cursor?.direction === 'newer';
  const beyond = !cursor
    ? sql`true`
    : newer
      ? sql`(${reviewDate} > ${cursor.date} or (${reviewDate} = ${cursor.date} and reviews.id > ${cursor.id}))`
      : sql`(${reviewDate} < ${cursor.date} or (${reviewDate} = ${cursor.date} and reviews.id < ${cursor.id}))`;
  const rows = await rowsOf<{ id: number; code: string; title: string; child_pseudonym: string; date: string }>(db, sql`
    select id, code, title, child_pseudonym, ${reviewDate} as date from reviews where ${inScope} and ${beyond}
    order by ${reviewDate} ${sql.raw(newer ? 'asc' : 'desc')}, id ${sql.raw(newer ? 'asc' : 'desc')}
    limit ${query.limit + 1}`);
  const more = rows.length > query.limit;
  const shown = rows.slice(0, query.limit);
  if (newer) shown.reverse();
  const first = shown[0];
  const last = shown[shown.length - 1];
  // Going older from a cursor, the newer reviews are the ones already seen; going newer, the older ones are.
  const hasOlder = newer ? true : more;
  const hasNewer = newer ? more : cursor !== undefined;

  /** Each (theme, review) the theme is found in, among the reviews `where` picks: one pass over actions' themes, one over tags. */
  const cellsOf = (where: SQL) => sql`
    select theme_id, review_id, max(tagged) as review_tagged, sum(actions) as actions, sum(open) as open, sum(overdue) as overdue
    from (
      select action_themes.theme_id as theme_id, actions.review_id as review_id, 0 as tagged,
        count(*) as actions, count(*) filter (where ${rules.open}) as open, count(*) filter (where ${rules.overdue}) as overdue
      from action_themes
      join actions on actions.id = action_themes.action_id
      join reviews on reviews.id = actions.review_id
      where ${where} and ${query.themeId === undefined ? sql`true` : sql`action_themes.theme_id = ${query.themeId}`}
      group by action_themes.theme_id, actions.review_id
      union all
      select review_themes.theme_id, review_themes.review_id, 1, 0, 0, 0
      from review_themes join reviews on reviews.id = review_themes.review_id
      where ${where} and ${query.themeId === undefined ? sql`true` : sql`review_themes.theme_id = ${query.themeId}`}
    ) as found
    group by theme_id, review_id`;

  const cells =
    shown.length === 0
      ? []
      : await rowsOf<CellRow>(db, cellsOf(sql`reviews.id in (${sql.join(shown.map((r) => sql`${r.id}`), sql`, `)})`));
  const themeTotals = await rowsOf<{ theme_id: number; reviews: number; actions: number; open: number; overdue: number }>(db, sql`
    select theme_id, count(*) as reviews, sum(actions) as actions, sum(open) as open, sum(overdue) as overdue
    from (${cellsOf(inScope)}) as cells group by theme_id`);
  const totals = new Map(themeTotals.map((row) => [row.theme_id, row]));
  const byTheme = themes.map((theme) => {
    const row = totals.get(theme.id);
    const reviews = Number(row?.reviews ?? 0);
    return {
      themeId: theme.id,
      reviews,
      actions: Number(row?.actions ?? 0),
      open: Number(row?.open ?? 0),
      overdue: Number(row?.overdue ?? 0),
      recurs: reviews >= 2,
    };
  });
  return {
    themes,
    reviews: shown.map((r) => ({ id: r.id, code: r.code, title: r.title, childPseudonym: r.child_pseudonym, date: r.date })),
    reviewCount,
    nextCursor: hasOlder && last ? encodeCursor(['older', last.date, last.id]) : null,
    previousCursor: hasNewer && first ? encodeCursor(['newer', first.date, first.id]) : null,
    cells: cells.map((c) => ({
      themeId: c.theme_id,
      reviewId: c.review_id,
      reviewTagged: Number(c.review_tagged) > 0,
      actions: Number(c.actions),
      open: Number(c.open),
      overdue: Number(c.overdue),
    })),
    byTheme,
  };
}
