import { Link } from 'react-router';

/** Where an administration page sits: Administration › Agencies › … (the last crumb is the page itself). */
export function AdminBreadcrumbs({ trail }: { trail: readonly { to: string; label: string }[] }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        <li className="govuk-breadcrumbs__list-item">
          <Link className="govuk-breadcrumbs__link" to="/admin">
            Administration
          </Link>
        </li>
        {trail.map((crumb) => (
          <li key={crumb.to} className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to={crumb.to}>
              {crumb.label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
