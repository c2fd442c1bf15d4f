import type { Me } from '@lrt/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigation } from 'react-router';
import { useMe } from '@/features/auth/api/get-me';
import { authKeys } from '@/features/auth/api/keys';
import { useSignOut } from '@/features/auth/api/sign-out';
import { isAgencyLead, isSubgroupChair, mySubgroupPath, preparesBoardReports } from '@/features/auth/landing';
import { useSettings } from '@/features/settings/api/get-settings';
import { ROLE_LABELS } from '@/lib/contract-constants';
import { PRODUCT_NAME } from '@/lib/use-document-title';

export function AppLayout() {
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const previousPathname = useRef(pathname);
  const me = useMe().data ?? null;

  // After moving to another page, start keyboard and screen reader users at the top of the new content.
  useEffect(() => {
    if (previousPathname.current !== pathname) {
      previousPathname.current = pathname;
      mainRef.current?.focus();
    }
  }, [pathname]);

  return (
    <>
      <a
        href="#main-content"
        className="govuk-skip-link"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
          mainRef.current?.scrollIntoView?.();
        }}
      >
        Skip to main content
      </a>
      <AppHeader me={me} />
      {me ? <AppNavigation me={me} /> : null}
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1} ref={mainRef}>
          {navigation.state === 'loading' ? (
            <p className="govuk-visually-hidden" role="status">
              Loading the page
            </p>
          ) : null}
          <Outlet />
        </main>
      </div>
      <footer className="app-footer" role="contentinfo">
        <div className="govuk-width-container">
          <p className="govuk-body-s govuk-!-margin-bottom-0">
            {PRODUCT_NAME}: what our case reviews recommended, and what every agency did about it. Confidential:
            do not share outside the partnership.
          </p>
        </div>
      </footer>
    </>
  );
}

const roleNames = (me: Me) => me.user.roles.map((role) => ROLE_LABELS[role]).join(', ');

function AppHeader({ me }: { me: Me | null }) {
  const queryClient = useQueryClient();
  // Asked of the cache, not of this render: while signing out, this header may render once more before it
  // hears that the session has gone, and must not fetch then.
  const settings = useSettings({ enabled: me === null ? false : () => queryClient.getQueryData(authKeys.me()) != null });
  const signOut = useSignOut();
  return (
    <header className="app-header" role="banner">
      <div className="govuk-width-container app-header__container">
        <div className="app-header__names">
          <Link to="/" className="app-header__product">
            {PRODUCT_NAME}
          </Link>
          {me && settings.data?.partnershipName ? (
            <p className="app-header__partnership">{settings.data.partnershipName}</p>
          ) : null}
        </div>
        {me ? (
          <div className="app-header__account">
            <p className="app-header__user">
              <span className="govuk-visually-hidden">Signed in as </span>
              <strong className="app-header__user-name">{me.user.name}</strong>, {roleNames(me)}
            </p>
            <Link to="/account" className="app-header__account-link">
              Your account
            </Link>
            <button
              type="button"
              className="app-header__sign-out"
              onClick={() => signOut.mutate()}
              disabled={signOut.isPending}
              aria-disabled={signOut.isPending}
            >
              {signOut.isPending ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
        ) : null}
      </div>
    </header>
  );
}

interface MenuItem {
  to: string;
  label: string;
  /** "page" on the item's own page, "true" on pages inside it. */
  current: 'page' | 'true' | undefined;
}

/** The menu: everyone's pages, plus each role's own home and, for the business unit, administration. */
function AppNavigation({ me }: { me: Me }) {
  const { pathname } = useLocation();
  const section = (to: string) => (pathname === to ? ('page' as const) : pathname.startsWith(`${to}/`) ? ('true' as const) : undefined);
  const item = (to: string, label: string): MenuItem => ({ to, label, current: section(to) });

  const items: MenuItem[] = [
    ...(isAgencyLead(me) ? [item('/my-agency', 'My agency')] : []),
    ...(isSubgroupChair(me) ? [item(mySubgroupPath(me), 'My subgroup')] : []),
    item('/overview', 'Overview'),
    item('/reviews', 'Reviews'),
    item('/actions', 'Actions'),
    item('/themes', 'Themes'),
    ...(me.capabilities.chase ? [item('/chase', 'Chase updates')] : []),
    ...(preparesBoardReports(me) ? [item('/reports', 'Board report')] : []),
    ...(me.capabilities.manageReferenceData || me.capabilities.manageUsers ? [item('/admin', 'Administration')] : []),
  ];

  return (
    <nav aria-label="Menu" className="app-navigation">
      <div className="govuk-width-container">
        <ul className="app-navigation__list">
          {items.map((item) => (
            <li key={item.label} className={`app-navigation__item${item.current ? ' app-navigation__item--active' : ''}`}>
              <Link to={item.to} className="app-navigation__link" aria-current={item.current}>
                {item.current ? <strong className="app-navigation__active">{item.label}</strong> : item.label}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
