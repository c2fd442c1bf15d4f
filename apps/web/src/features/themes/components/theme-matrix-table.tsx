import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { pluralise } from '@/lib/format';
import { matrixRows, openWords, themeActionsPath, type MatrixCell, type MatrixReview, type MatrixTheme } from '../matrix';
import type { ThemeMatrix } from '@lrt/contracts';

/**
 * Themes as rows, reviews as columns. Every cell says in words whether the review is tagged with the theme and
 * how many of its actions are under the theme (open, overdue), and links to those actions; a tint marks the cells
 * where a theme is found, but never carries meaning alone. Themes that recur across reviews come first.
 */
export function ThemeMatrixTable({ matrix, caption }: { matrix: ThemeMatrix; caption: ReactNode }) {
  const captionId = useId();
  const rows = matrixRows(matrix);
  return (
    // Focusable so keyboard users can scroll a wide matrix sideways.
    <div className="app-table-wrapper app-matrix" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="govuk-table app-matrix__table">
        <caption className="govuk-table__caption govuk-table__caption--m" id={captionId}>
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header app-matrix__theme">
              Theme
            </th>
            <th scope="col" className="govuk-table__header app-matrix__summary">
              Across reviews
            </th>
            {matrix.reviews.map((review) => (
              <th key={review.id} scope="col" className="govuk-table__header app-matrix__review">
                <Link className="govuk-link" to={`/reviews/${review.id}`}>
                  {review.code}
                </Link>
                <span className="app-matrix__child">
                  <span className="govuk-visually-hidden">Child: </span>
                  {review.childPseudonym}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map(({ theme, summary, cells }) => (
            <tr key={theme.id} className="govuk-table__row">
              <th scope="row" className="govuk-table__header app-matrix__theme">
                <Link className="govuk-link" to={`/themes/${theme.id}`}>
                  {theme.name}
                </Link>
              </th>
              <td className="govuk-table__cell app-matrix__summary">
                {summary.reviews === 0 ? (
                  <span className="app-secondary-text">Not in any review</span>
                ) : (
                  <>
                    <span className="app-matrix__line">In {pluralise(summary.reviews, 'review')}</span>
                    {summary.recurs ? <strong className="govuk-tag govuk-tag--purple app-matrix__recurs">Recurs</strong> : null}
                    <span className="app-matrix__line">
                      {summary.actions > 0 ? (
                        <Link className="govuk-link" to={themeActionsPath(theme.id)}>
                          {pluralise(summary.actions, 'action')}{' '}
                          <span className="govuk-visually-hidden">under {theme.name} in all reviews</span>
                        </Link>
                      ) : (
                        'No actions'
                      )}
                    </span>
                    {summary.actions > 0 ? <OpenLine counts={summary} /> : null}
                  </>
                )}
              </td>
              {matrix.reviews.map((review) => (
                <MatrixCellView key={review.id} theme={theme} review={review} cell={cells.get(review.id)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OpenLine({ counts }: { counts: { open: number; overdue: number } }) {
  return (
    <span className="app-matrix__line">
      {counts.overdue > 0 ? (
        <>
          {counts.open === 0 ? 'none open' : `${counts.open} open`}, <strong className="app-matrix__overdue">{counts.overdue} overdue</strong>
        </>
      ) : (
        openWords(counts)
      )}
    </span>
  );
}

function MatrixCellView({ theme, review, cell }: { theme: MatrixTheme; review: MatrixReview; cell: MatrixCell | undefined }) {
  if (!cell) {
    return (
      <td className="govuk-table__cell app-matrix__cell">
        <span className="app-secondary-text">Not found</span>
      </td>
    );
  }
  return (
    <td className="govuk-table__cell app-matrix__cell app-matrix__cell--found">
      <span className="app-matrix__line">{cell.reviewTagged ? <strong>Tagged</strong> : 'Not tagged'}</span>
      <span className="app-matrix__line">
        {cell.actions > 0 ? (
          <Link className="govuk-link" to={themeActionsPath(theme.id, review.id)}>
            {pluralise(cell.actions, 'action')}{' '}
            <span className="govuk-visually-hidden">
              under {theme.name} in {review.code}
            </span>
          </Link>
        ) : (
          'No actions'
        )}
      </span>
      {cell.actions > 0 ? <OpenLine counts={cell} /> : null}
    </td>
  );
}
