import { Link } from 'react-router';

/**
 * A count that opens the list of the actions it counts. The number is what people see; screen reader users
 * hear what it counts too ("3 red actions of West Midlands Police"), since a list of links read out of its
 * table would otherwise be a list of bare numbers.
 */
export function CountLink({ count, to, label, className }: { count: number; to: string; label: string; className?: string }) {
  return (
    <Link className={`govuk-link${className ? ` ${className}` : ''}`} to={to}>
      {count} <span className="govuk-visually-hidden">{label}</span>
    </Link>
  );
}
