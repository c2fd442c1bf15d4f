import type { Action, ThemeMatrix } from '@lrt/contracts';
import { THEME_MATRIX_PAGE } from '@/lib/contract-constants';
import { Link, useSearchParams } from 'react-router';
import { NotFoundPage } from '@/app/not-found-page';
import { BragTag } from '@/components/brag-tag';
import { DataTable, type Column } from '@/components/data-table';
import { ActionFlags } from '@/components/flags';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { StatusTag } from '@/components/status-tag';
import { useActions } from '@/features/actions/api/get-actions';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useLookup } from '@/features/reference-data/lookup';
import { isApiError } from '@/lib/api-client';
import { formatDate, pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useIdParam } from '@/lib/use-id-param';
import { useTheme } from '../api/get-theme';
import { useThemeMatrix } from '../api/get-theme-matrix';
import { readCursor, ReviewPages } from '../components/review-pages';
import { openWords, themeActionsPath, type MatrixCell, type MatrixReview } from '../matrix';

/** The theme's page shows its first actions, those needing attention first; the actions list has the rest. */
const THEME_ACTIONS_LIMIT = 50;

/**
 * The reviews the theme is found in, newest first, as many at a time as the matrix gives (older ones a link away).
 * The theme's actions name their reviews from the same answer, so the page asks for it once.
 */
function useThemeReviews(themeId: number) {
  const [params] = useSearchParams();
  return useThemeMatrix({ themeId, limit: THEME_MATRIX_PAGE.max, cursor: readCursor(params) });
}

export function ThemePage() {
  const themeId = useIdParam('themeId');
  if (themeId === null) return <NotFoundPage />;
  return <ThemeView key={themeId} themeId={themeId} />;
}

function ThemeView({ themeId }: { themeId: number }) {
  const theme = useTheme(themeId);
  useDocumentTitle(theme.data ? `${theme.data.name}: theme` : 'Theme');

  if (theme.isPending) return <Loading label="Loading the theme" />;
  if (theme.isError) {
    if (isApiError(theme.error) && theme.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <h1 className="govuk-heading-l">Theme</h1>
        <ErrorState error={theme.error} onRetry={() => void theme.refetch()} />
      </>
    );
  }

  return (
    <>
      <Link to="/themes" className="govuk-back-link">
        Back to themes
      </Link>
      <span className="govuk-caption-l">Theme</span>
      <h1 className="govuk-heading-l">{theme.data.name}</h1>
      {theme.data.description ? (
        <p className="govuk-body-l app-pre-wrap">{theme.data.description}</p>
      ) : (
        <p className="govuk-body app-secondary-text">This theme has no description.</p>
      )}
      <ThemeReviews themeId={themeId} themeName={theme.data.name} />
      <ThemeActions themeId={themeId} />
    </>
  );
}

interface ReviewRow {
  review: MatrixReview;
  cell: MatrixCell;
}

function reviewRows(matrix: ThemeMatrix, themeId: number): ReviewRow[] {
  const cells = new Map(matrix.cells.filter((cell) => cell.themeId === themeId).map((cell) => [cell.reviewId, cell]));
  return matrix.reviews.flatMap((review) => {
    const cell = cells.get(review.id);
    return cell ? [{ review, cell }] : [];
  });
}

function ThemeReviews({ themeId, themeName }: { themeId: number; themeName: string }) {
  const matrix = useThemeReviews(themeId);
  const columns: Column<ReviewRow>[] = [
    {
      key: 'review',
      header: 'Review',
      rowHeader: true,
      cell: ({ review }) => (
        <>
          <Link className="govuk-link" to={`/reviews/${review.id}`}>
            {review.code}
          </Link>
          <span className="app-matrix__line">{review.title}</span>
        </>
      ),
    },
    { key: 'child', header: 'Child', cell: ({ review }) => review.childPseudonym },
    {
      key: 'tagged',
      header: 'Review tagged',
      cell: ({ cell }) => (cell.reviewTagged ? 'Tagged' : 'Not tagged: found through its actions'),
    },
    {
      key: 'actions',
      header: 'Actions under this theme',
      cell: ({ review, cell }) =>
        cell.actions === 0 ? (
          'No actions'
        ) : (
          <>
            <Link className="govuk-link" to={themeActionsPath(themeId, review.id)}>
              {pluralise(cell.actions, 'action')}{' '}
              <span className="govuk-visually-hidden">under {themeName} in {review.code}</span>
            </Link>
            <span className="app-matrix__line">{openWords(cell)}</span>
          </>
        ),
    },
  ];

  return (
    <section aria-labelledby="theme-reviews-heading">
      <h2 className="govuk-heading-m" id="theme-reviews-heading">
        Reviews it is found in
      </h2>
      {matrix.isPending ? (
        <Loading label="Loading the reviews" />
      ) : matrix.isError ? (
        <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />
      ) : (
        (() => {
          const rows = reviewRows(matrix.data, themeId);
          const summary = matrix.data.byTheme.find((candidate) => candidate.themeId === themeId);
          const found = summary?.reviews ?? rows.length;
          if (found === 0) {
            return (
              <EmptyState title="This theme is not found in any review yet">
                It is found in a review when the review, or one of its actions, is tagged with it.
              </EmptyState>
            );
          }
          return (
            <>
              <p className="govuk-body">
                Found in {pluralise(found, 'review')}
                {found >= 2 ? (
                  <>
                    {' '}
                    <strong className="govuk-tag govuk-tag--purple">Recurs</strong>
                  </>
                ) : (
                  '.'
                )}
                {rows.length < found ? ` This page shows ${rows.length} of them, newest first.` : null}
              </p>
              {rows.length === 0 ? (
                <EmptyState title="There are no more reviews">
                  <Link className="govuk-link" to={`/themes/${themeId}`}>
                    Show the newest reviews
                  </Link>
                </EmptyState>
              ) : (
                <DataTable
                  caption={`Reviews where ${themeName} is found`}
                  captionSize="hidden"
                  columns={columns}
                  rows={rows}
                  rowKey={({ review }) => review.id}
                />
              )}
              <ReviewPages newer={matrix.data.previousCursor} older={matrix.data.nextCursor} />
            </>
          );
        })()
      )}
    </section>
  );
}

const clamp = (text: string, length = 140) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

function ThemeActions({ themeId }: { themeId: number }) {
  const actions = useActions({ themeId: [themeId], sort: 'attention', limit: THEME_ACTIONS_LIMIT });
  const agencies = useLookup(useAgencies().data);
  const reviews = useLookup(useThemeReviews(themeId).data?.reviews);
  const allActionsPath = themeActionsPath(themeId);

  const columns: Column<Action>[] = [
    {
      key: 'ref',
      header: 'Reference',
      rowHeader: true,
      cell: (action) => (
        <Link className="govuk-link" to={`/actions/${action.id}`}>
          {action.ref}
        </Link>
      ),
    },
    { key: 'action', header: 'Action', cell: (action) => clamp(action.action) },
    { key: 'review', header: 'Review', cell: (action) => reviews.get(action.reviewId)?.code ?? `Review ${action.reviewId}` },
    {
      key: 'owner',
      header: 'Owner',
      cell: (action) => {
        const agency = agencies.get(action.ownerAgencyId);
        return agency ? <abbr title={agency.name}>{agency.shortName}</abbr> : `Agency ${action.ownerAgencyId}`;
      },
    },
    { key: 'target', header: 'Target date', cell: (action) => formatDate(action.targetDate, 'None set') },
    { key: 'status', header: 'Status', cell: (action) => <StatusTag status={action.status} /> },
    { key: 'brag', header: 'BRAG', cell: (action) => <BragTag brag={action.brag} reason={action.bragReason} /> },
    {
      key: 'flags',
      header: 'Flags',
      cell: (action) =>
        action.overdue || action.stale ? <ActionFlags overdue={action.overdue} stale={action.stale} /> : <span className="app-secondary-text">None</span>,
    },
  ];

  return (
    <section aria-labelledby="theme-actions-heading">
      <h2 className="govuk-heading-m" id="theme-actions-heading">
        Actions under this theme
      </h2>
      {actions.isPending ? (
        <Loading label="Loading the actions" />
      ) : actions.isError ? (
        <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
      ) : actions.data.items.length === 0 ? (
        <EmptyState title="No actions are tagged with this theme yet" />
      ) : (
        <>
          <DataTable
            caption={
              actions.data.nextCursor
                ? `The first ${actions.data.items.length} actions under this theme, those needing attention first`
                : `${pluralise(actions.data.items.length, 'action')} under this theme, those needing attention first`
            }
            captionSize="s"
            columns={columns}
            rows={actions.data.items}
            rowKey={(action) => action.id}
          />
          <p className="govuk-body">
            <Link className="govuk-link" to={allActionsPath}>
              See {actions.data.nextCursor ? 'all the' : 'these'} actions in the actions list
            </Link>
            , where you can filter, sort and download them.
          </p>
        </>
      )}
    </section>
  );
}
