import { Link } from 'react-router';

/** Shown instead of a plan's form to anyone the API would not let change plans (`capabilities.managePlans`). */
export function NoPlanAccess({ doing, backTo, backLabel }: { doing: string; backTo: string; backLabel: string }) {
  return (
    <>
      <Link to={backTo} className="govuk-back-link">
        {backLabel}
      </Link>
      <h1 className="govuk-heading-l">You cannot {doing}</h1>
      <p className="govuk-body">
        Reviews, their learning points and recommendations are set up by the partnership business unit. If something
        in a plan is wrong, tell them.
      </p>
    </>
  );
}
