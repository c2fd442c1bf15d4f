import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useMatch, useNavigation } from 'react-router';
import { useSettings } from '@/features/settings/api/get-settings';
import { PRODUCT_NAME } from '@/lib/use-document-title';

const NAVIGATION = [
  { to: '/reviews', label: 'Reviews' },
  { to: '/actions', label: 'Actions' },
];

export function AppLayout() {
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const previousPathname = useRef(pathname);

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
      <AppHeader />
      <nav aria-label="Menu" className="app-navigation">
        <div className="govuk-width-container">
          <ul className="app-navigation__list">
            {NAVIGATION.map((item) => (
              <NavigationItem key={item.to} to={item.to} label={item.label} />
            ))}
          </ul>
        </div>
      </nav>
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

function AppHeader() {
  const settings = useSettings();
  return (
    <header className="app-header" role="banner">
      <div className="govuk-width-container app-header__container">
        <Link to="/" className="app-header__product">
          {PRODUCT_NAME}
        </Link>
        {settings.data?.partnershipName ? (
          <p className="app-header__partnership">{settings.data.partnershipName}</p>
        ) : null}
      </div>
    </header>
  );
}

/** A menu item that is marked current on its own page ("page") and on the pages inside it ("true"). */
function NavigationItem({ to, label }: { to: string; label: string }) {
  const onPage = useMatch({ path: to, end: true });
  const inSection = useMatch({ path: to, end: false });
  return (
    <li className={`app-navigation__item${inSection ? ' app-navigation__item--active' : ''}`}>
      <Link
        to={to}
        className="app-navigation__link"
        aria-current={onPage ? 'page' : inSection ? 'true' : undefined}
      >
        {inSection ? <strong className="app-navigation__active">{label}</strong> : label}
      </Link>
    </li>
  );
}
