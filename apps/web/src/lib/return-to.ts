import { SIGN_IN_PATH, safeReturnTo } from '@lrt/domain/return-to';

// The rule itself is in packages/domain, so the API (after single sign-on) sends people where the SPA would. Its
// module, not the package's index: every first page needs this rule, and none of the others.
export { SIGN_IN_PATH, safeReturnTo };

/** The sign-in page, remembering the page the person was on (or going to) so they come back to it. */
export function signInPath(location: { pathname: string; search: string; hash: string }): string {
  const returnTo = safeReturnTo(`${location.pathname}${location.search}${location.hash}`);
  return returnTo && returnTo !== '/' ? `${SIGN_IN_PATH}?returnTo=${encodeURIComponent(returnTo)}` : SIGN_IN_PATH;
}
