import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SuccessBanner } from '@/components/notification-banner';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useDocumentTitle } from '@/lib/use-document-title';
import { PasswordChangeForm } from '../components/password-change-form';

/**
 * Change your password. Someone whose password an administrator set is sent here from every page until they
 * have chosen their own (see `RequireSignIn`); then they go on to their home page.
 */
export function AccountPasswordPage() {
  const me = useSignedIn();
  const navigate = useNavigate();
  // Asked once: the answer changes as soon as the new password is saved.
  const forced = useRef(me?.mustChangePassword ?? false).current;
  const [hasErrors, setHasErrors] = useState(false);
  const [changed, setChanged] = useState(0);
  const title = forced ? 'Choose a new password' : 'Change your password';
  useDocumentTitle(title, { hasErrors });
  if (!me) return null;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {forced ? null : (
          <Link to="/account" className="govuk-back-link">
            Your account
          </Link>
        )}
        {changed > 0 ? (
          <SuccessBanner key={changed} heading="Your password has been changed">
            <p className="govuk-body">You have been signed out on your other devices.</p>
          </SuccessBanner>
        ) : null}
        <h1 className="govuk-heading-l">{title}</h1>
        {forced ? (
          <p className="govuk-body">
            Your administrator set this one: choose your own password before you carry on. Nobody else, not even your
            business unit, will know it.
          </p>
        ) : (
          <p className="govuk-body">You will stay signed in here; you will be signed out on any other device.</p>
        )}
        <PasswordChangeForm
          onErrorsChange={setHasErrors}
          onChanged={() => {
            if (forced) void navigate('/', { replace: true });
            else setChanged((count) => count + 1);
          }}
        />
      </div>
    </div>
  );
}
