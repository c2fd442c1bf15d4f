import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { SuccessBanner } from '@/components/notification-banner';
import { useSignedIn } from '@/features/auth/api/get-me';
import { ROLE_LABELS } from '@/lib/contract-constants';
import { useDocumentTitle } from '@/lib/use-document-title';
import { PasswordChangeForm } from '../components/password-change-form';
import { TwoFactorSettings } from '../components/two-factor-settings';
import { YourSessions } from '../components/your-sessions';

interface Banner {
  heading: string;
  body?: ReactNode;
  key: number;
}

/** Your account: who you are in the tracker, your password, your two-factor sign-in and where you are signed in. */
export function AccountPage() {
  const me = useSignedIn();
  const [banner, setBanner] = useState<Banner | null>(null);
  const [passwordErrors, setPasswordErrors] = useState(false);
  useDocumentTitle('Your account', { hasErrors: passwordErrors });
  if (!me) return null;

  return (
    <>
      {banner ? (
        <SuccessBanner key={banner.key} heading={banner.heading}>
          {banner.body}
        </SuccessBanner>
      ) : null}
      <h1 className="govuk-heading-l">Your account</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Name</dt>
          <dd className="govuk-summary-list__value">{me.user.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Email address</dt>
          <dd className="govuk-summary-list__value app-break-anywhere">{me.user.email}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Roles</dt>
          <dd className="govuk-summary-list__value">{me.user.roles.map((role) => ROLE_LABELS[role]).join(', ')}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Two-factor sign-in</dt>
          <dd className="govuk-summary-list__value">{me.secondFactor.enabled ? 'On' : 'Off'}</dd>
        </div>
      </dl>
      <p className="govuk-body">
        Your name, email address and roles are set by your partnership’s business unit: ask them if any of these is wrong.
      </p>

      <section aria-labelledby="account-password-heading" className="app-admin-section">
        <h2 className="govuk-heading-m" id="account-password-heading">
          Change your password
        </h2>
        <p className="govuk-body">
          You will stay signed in here; you will be signed out on any other device. You can also{' '}
          <Link to="/account/password" className="govuk-link">
            change your password on a page of its own
          </Link>
          .
        </p>
        <PasswordChangeForm
          onErrorsChange={setPasswordErrors}
          onChanged={() =>
            setBanner((previous) => ({
              heading: 'Your password has been changed',
              body: <p className="govuk-body">You have been signed out on your other devices.</p>,
              key: (previous?.key ?? 0) + 1,
            }))
          }
        />
      </section>

      <section aria-labelledby="account-two-factor-heading" className="app-admin-section">
        <h2 className="govuk-heading-m" id="account-two-factor-heading">
          Two-factor sign-in
        </h2>
        <TwoFactorSettings me={me} headingLevel={3} />
      </section>

      <div className="app-admin-section">
        <YourSessions />
      </div>
    </>
  );
}
