import type { FormEvent } from 'react';
import { THEME_MATRIX_PAGE } from '@/lib/contract-constants';
import { Link, useSearchParams } from 'react-router';
import { Select } from '@/components/form-fields';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { formatDate, pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useThemeMatrix } from '../api/get-theme-matrix';
import { readCursor, ReviewPages } from '../components/review-pages';
import { ThemeMatrixTable } from '../components/theme-matrix-table';

const readSubgroupId = (params: URLSearchParams) => {
  const value = params.get('subgroupId');
  return value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
};

export function ThemesPage() {
  useDocumentTitle('Themes');
  const [params, setParams] = useSearchParams();
  const subgroupId = readSubgroupId(params);
  const cursor = readCursor(params);
  const matrix = useThemeMatrix({ subgroupId, cursor });
  const subgroups = useSubgroups();
  const me = useSignedIn();
  const subgroup = subgroupId === undefined ? undefined : subgroups.data?.find((candidate) => candidate.id === subgroupId);

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('subgroupId');
    setParams(typeof value === 'string' && value ? { subgroupId: value } : {});
  };

  const recurring = matrix.data?.byTheme.filter((summary) => summary.recurs).length ?? 0;
  const scope = subgroupId === undefined ? '' : ` overseen by ${subgroup?.name ?? 'this subgroup'}`;
  const shown = matrix.data?.reviews ?? [];
  const total = matrix.data?.reviewCount ?? 0;
  const allReviews = pluralise(total, 'review');
  const newest = shown[0];
  const oldest = shown[shown.length - 1];
  /** Which reviews the table shows: all of them, or this page's, newest first, between their dates. */
  const shownWords =
    shown.length === total
      ? `${allReviews}${scope}`
      : `${shown.length} of ${total.toLocaleString('en-GB')} reviews${scope}, ${formatDate(newest?.date)} back to ${formatDate(oldest?.date)}`;

  return (
    <>
      <h1 className="govuk-heading-l">Themes across reviews</h1>
      <p className="govuk-body-l">
        What recurs from review to review: each theme, the reviews it is found in, and the actions under it.
      </p>

      <form className="app-admin-filter" onSubmit={onFilter} aria-label="Filter the themes by subgroup">
        <Select
          id="themes-subgroup"
          name="subgroupId"
          label="Reviews overseen by"
          key={subgroupId ?? 'all'}
          defaultValue={subgroupId === undefined ? '' : String(subgroupId)}
          options={[
            { value: '', label: 'Any subgroup' },
            ...(subgroups.data ?? []).map((candidate) => ({ value: String(candidate.id), label: candidate.name })),
            // Keep a subgroup from the URL choosable while the list loads.
            ...(subgroupId !== undefined && !subgroups.data ? [{ value: String(subgroupId), label: 'The chosen subgroup' }] : []),
          ]}
        />
        <div className="govuk-form-group">
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            Show themes
          </button>
        </div>
      </form>

      {matrix.isPending ? (
        <Loading label="Loading the themes" />
      ) : matrix.isError ? (
        <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />
      ) : matrix.data.themes.length === 0 ? (
        <EmptyState title="There are no themes yet">
          {me?.capabilities.manageReferenceData ? (
            <Link className="govuk-link" to="/admin/themes">
              Add the themes the partnership looks for
            </Link>
          ) : (
            'The business unit adds the themes the partnership looks for across its reviews.'
          )}
        </EmptyState>
      ) : matrix.data.reviewCount === 0 ? (
        <EmptyState title={subgroupId === undefined ? 'There are no reviews yet' : `There are no reviews${scope}`}>
          {subgroupId === undefined ? null : (
            <Link className="govuk-link" to="/themes">
              Show the themes of every review
            </Link>
          )}
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title="There are no more reviews">
          <Link className="govuk-link" to={subgroupId === undefined ? '/themes' : `/themes?subgroupId=${subgroupId}`}>
            Show the newest reviews
          </Link>
        </EmptyState>
      ) : (
        <>
          <p className="govuk-body" role="status">
            {recurring === 0
              ? `No theme recurs: none is found in two or more of the ${allReviews}${scope}.`
              : `${recurring} of ${pluralise(matrix.data.themes.length, 'theme')} ${recurring === 1 ? 'recurs: it is' : 'recur: each is'} found in two or more of the ${allReviews}${scope}. ${recurring === 1 ? 'It is' : 'They are'} listed first.`}
          </p>
          {shown.length < total ? (
            <p className="govuk-body">
              The table shows the reviews {THEME_MATRIX_PAGE.default} at a time, newest first; &ldquo;Across reviews&rdquo; counts all{' '}
              {allReviews}. Use &ldquo;Older reviews&rdquo; and &ldquo;Newer reviews&rdquo; below the table to see the
              others.
            </p>
          ) : null}
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">How to read this table</span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body">
                Each row is a theme and each column a review. A theme is found in a review when the review is tagged
                with it (&ldquo;Tagged&rdquo;) or when any of the review&rsquo;s actions are (&ldquo;Not tagged&rdquo;
                means only its actions are). The number of actions links to those actions, and says how many are
                still open and how many are overdue.
              </p>
              <p className="govuk-body govuk-!-margin-bottom-0">
                &ldquo;Recurs&rdquo; marks a theme found in two or more reviews: the &ldquo;Across reviews&rdquo; column
                counts every review, not only those on this page. On a small screen, scroll the table
                sideways to see every review.
              </p>
            </div>
          </details>
          <ThemeMatrixTable matrix={matrix.data} caption={`${pluralise(matrix.data.themes.length, 'theme')} across ${shownWords}`} />
          <ReviewPages newer={matrix.data.previousCursor} older={matrix.data.nextCursor} />
        </>
      )}
    </>
  );
}
