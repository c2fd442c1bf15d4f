import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useDocumentTitle } from '@/lib/use-document-title';
import { TwoFactorSettings } from '../components/two-factor-settings';

/**
 * Your two-factor sign-in. Someone whose role requires it and who has not set it up is sent here from every page
 * (see `RequireSignIn`); once it is on and they have kept their recovery codes, they go on to their home page.
 */
export function AccountTwoFactorPage() {
  const me = useSignedIn();
  const navigate = useNavigate();
  // Asked once: it stops being required-and-off the moment it is turned on, while the recovery codes still show.
  const forced = useRef(me ? me.secondFactor.required && !me.secondFactor.enabled : false).current;
  useDocumentTitle(forced ? 'Set up two-factor sign-in' : 'Two-factor sign-in');
  if (!me) return null;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {forced ? null : (
          <Link to="/account" className="govuk-back-link">
            Your account
          </Link>
        )}
        <h1 className="govuk-heading-l">{forced ? 'Set up two-factor sign-in' : 'Two-factor sign-in'}</h1>
        {forced ? (
          <p className="govuk-body">
            Your partnership requires two-factor sign-in for your role: set it up before you carry on. It takes a couple
            of minutes.
          </p>
        ) : null}
        <TwoFactorSettings me={me} headingLevel={2} onFinished={forced ? () => void navigate('/', { replace: true }) : undefined} />
      </div>
    </div>
  );
}
