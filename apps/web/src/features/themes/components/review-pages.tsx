import { Link, useSearchParams } from 'react-router';

/** The matrix's page from the URL: `cursor`, as the API gave it out. */
export const readCursor = (params: URLSearchParams) => params.get('cursor') || undefined;

/**
 * "Newer reviews" and "Older reviews": links to the pages either side of this one, in the URL (so they can be
 * shared, bookmarked and gone back to), keeping every other parameter of the page.
 */
export function ReviewPages({ newer, older }: { newer: string | null; older: string | null }) {
  const [params] = useSearchParams();
  if (!newer && !older) return null;
  const to = (cursor: string) => {
    const next = new URLSearchParams(params);
    next.set('cursor', cursor);
    return `?${next.toString()}`;
  };
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of reviews">
      {newer ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={to(newer)} rel="prev">
            <span className="govuk-pagination__link-title">Newer reviews</span>
          </Link>
        </div>
      ) : null}
      {older ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={to(older)} rel="next">
            <span className="govuk-pagination__link-title">Older reviews</span>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}
