import { lazy, Suspense } from 'react';

/**
 * Single sign-on on the sign-in page, loaded beside the page rather than with it: the first page a person opens
 * stays within the JavaScript budget (scripts/check-bundle-budget.mjs), and the button appears once the API has
 * said whether there is a provider, which it waits for in any case.
 */
const Part = lazy(() => import('./organisation-sign-in'));

export const SingleSignOnNotices = () => (
  <Suspense fallback={null}>
    <Part part="notices" />
  </Suspense>
);

export const OrganisationSignIn = ({ returnTo }: { returnTo: string | null }) => (
  <Suspense fallback={null}>
    <Part part="button" returnTo={returnTo} />
  </Suspense>
);
