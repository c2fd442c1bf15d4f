import type { SsoRefusal } from '@lrt/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useOidcStatus } from '../api/get-oidc-status';
import { authKeys } from '../api/keys';

/**
 * Single sign-on on the sign-in page: "Sign in with your organisation" (when the tracker has a provider), why a
 * sign-in there was refused (`?sso=<reason>` from the API's callback), and, after signing out, that the
 * organisation's own sign-in may still be open.
 */

/** What each refusal means for the person, and what they can do next. */
export const SSO_REFUSAL_MESSAGES: Record<SsoRefusal, string> = {
  cancelled: 'You did not finish signing in with your organisation. Try again, or sign in with your email address and password.',
  state: 'Your sign-in with your organisation took too long, or was started in another window. Try again.',
  no_account: 'There is no tracker account for the email address your organisation gave. Ask your partnership’s business unit to add you.',
  unverified_email: 'Your organisation did not confirm your email address, so the tracker cannot sign you in with it. Ask your IT team, or sign in with your email address and password.',
  deactivated: 'Your tracker account has been deactivated. Ask your partnership’s business unit if you still need it.',
  other_identity: 'Your tracker account is linked to a different account at your organisation. Sign in with that account, or ask your partnership’s business unit.',
  provider: 'Signing in with your organisation is not working at the moment. Try again later, or sign in with your email address and password.',
};

const isRefusal = (value: string | null): value is SsoRefusal => value !== null && Object.hasOwn(SSO_REFUSAL_MESSAGES, value);

/** The start of single sign-on: a full navigation to the API, which sends the browser on to the provider. */
export const organisationSignInHref = (returnTo: string | null) =>
  `/api/auth/oidc/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`;

/** Put at the top of the sign-in page: a refused single sign-on, or a reminder after signing out. */
export function SingleSignOnNotices() {
  const [searchParams] = useSearchParams();
  const reason = searchParams.get('sso');
  // Set by signing out (see endSession), never fetched.
  const signedOut = useQuery({ queryKey: authKeys.signedOut(), queryFn: () => false, enabled: false, staleTime: Infinity }).data === true;
  const status = useOidcStatus();
  const summary = useRef<HTMLDivElement>(null);
  const refused = isRefusal(reason) ? reason : null;

  useEffect(() => {
    if (refused) summary.current?.focus();
  }, [refused]);

  if (refused) {
    return (
      <div className="govuk-error-summary" data-module="govuk-error-summary" ref={summary} tabIndex={-1}>
        <div role="alert">
          <h2 className="govuk-error-summary__title">You could not be signed in with your organisation</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{SSO_REFUSAL_MESSAGES[refused]}</p>
          </div>
        </div>
      </div>
    );
  }
  if (signedOut && status.data?.enabled) {
    return (
      <div className="govuk-notification-banner" role="region" aria-labelledby="signed-out-title">
        <div className="govuk-notification-banner__header">
          <h2 className="govuk-notification-banner__title" id="signed-out-title">
            Signed out
          </h2>
        </div>
        <div className="govuk-notification-banner__content">
          <p className="govuk-notification-banner__heading">You are signed out of the tracker; you may still be signed in to your organisation.</p>
          <p className="govuk-body">If others use this computer, sign out of your organisation’s account too, or close the browser.</p>
        </div>
      </div>
    );
  }
  return null;
}

/** "Sign in with your organisation", then "or" before the password form; nothing when there is no provider. */
export function OrganisationSignIn({ returnTo }: { returnTo: string | null }) {
  const status = useOidcStatus();
  if (!status.data?.enabled) return null;
  return (
    <div className="app-organisation-sign-in">
      <p className="govuk-body">If your organisation has set this up, sign in with the account you use at work.</p>
      <a href={organisationSignInHref(returnTo)} draggable="false" className="govuk-button govuk-button--secondary">
        Sign in with your organisation
      </a>
      <p className="govuk-body govuk-!-font-weight-bold">or</p>
    </div>
  );
}

/** One part or the other, for the sign-in page to load lazily (see single-sign-on.tsx). */
export default function SingleSignOnPart(props: { part: 'notices' } | { part: 'button'; returnTo: string | null }) {
  return props.part === 'notices' ? <SingleSignOnNotices /> : <OrganisationSignIn returnTo={props.returnTo} />;
}
