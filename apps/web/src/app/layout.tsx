import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigation } from 'react-router';
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
      <div className="govuk-service-navigation" data-module="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <ul className="govuk-service-navigation__list">
                {NAVIGATION.map((item) => (
                  <li key={item.to} className="govuk-service-navigation__item">
                    <NavLink
                      to={item.to}
                      className={({ isActive }) =>
                        `govuk-service-navigation__link${isActive ? ' app-service-navigation__link--active' : ''}`
                      }
                    >
                      {({ isActive }) =>
                        isActive ? (
                          <strong className="govuk-service-navigation__active-fallback">{item.label}</strong>
                        ) : (
                          item.label
                        )
                      }
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </div>
      </div>
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
