import { Link } from 'react-router';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useDocumentTitle } from '@/lib/use-document-title';
import { AdminAccess, type AdminCapability } from '../components/admin-access';
import { useDatabaseHealth } from '../api/get-database-health';

interface Area {
  to: string;
  title: string;
  what: string;
  capability: AdminCapability;
}

const AREAS: readonly Area[] = [
  {
    to: '/admin/agencies',
    title: 'Agencies',
    what: 'The organisations of the partnership that own actions: add one, change its name or short name, or make it inactive when it leaves.',
    capability: 'manageReferenceData',
  },
  {
    to: '/admin/subgroups',
    title: 'Subgroups',
    what: 'The standing groups that oversee reviews and actions, and whose chairs assure completed actions.',
    capability: 'manageReferenceData',
  },
  {
    to: '/admin/themes',
    title: 'Themes',
    what: 'The tags that show what recurs across reviews, such as the child’s voice or information sharing.',
    capability: 'manageReferenceData',
  },
  {
    to: '/admin/users',
    title: 'Users',
    what: 'Who can sign in and what they may do: add accounts, give roles, agencies and subgroups, set passwords, deactivate and sign people out.',
    capability: 'manageUsers',
  },
  {
    to: '/admin/tokens',
    title: 'API tokens for reporting tools',
    what: 'Read-only tokens that let Power BI or Excel dashboards read the actions and counts, for the whole partnership or one subgroup or agency: make one, see when it was last used, revoke it.',
    capability: 'manageUsers',
  },
  {
    to: '/admin/single-sign-on',
    title: 'Single sign-on',
    what: 'Whether people can sign in with their organisation’s account, and which email domains get an account the first time they do.',
    capability: 'manageUsers',
  },
  {
    to: '/admin/outbox',
    title: 'Outbox',
    what: 'Every email the tracker has sent or will send (update requests, reminders, escalations, invitations, password resets): whether each has gone, and what it says.',
    capability: 'manageSettings',
  },
  {
    to: '/admin/settings',
    title: 'Settings',
    what: 'The partnership’s name, how often agencies must update their actions before they count as stale, what counts as due soon, what update requests say, and when reminders and escalations are sent.',
    capability: 'manageSettings',
  },
];

export function AdminPage() {
  return (
    <AdminAccess capability="any">
      <Administration />
    </AdminAccess>
  );
}

function Administration() {
  useDocumentTitle('Administration');
  const me = useSignedIn();
  const areas = AREAS.filter((area) => me?.capabilities[area.capability]);
  return (
    <>
      <h1 className="govuk-heading-l">Administration</h1>
      <p className="govuk-body-l">Set up the partnership in the tracker and manage who can use it.</p>
      <ul className="govuk-list app-admin-areas">
        {areas.map((area) => (
          <li key={area.to} className="app-admin-areas__item">
            <h2 className="govuk-heading-m govuk-!-margin-bottom-2">
              <Link className="govuk-link" to={area.to}>
                {area.title}
              </Link>
            </h2>
            <p className="govuk-body">{area.what}</p>
          </li>
        ))}
      </ul>
      {me?.capabilities.manageSettings ? <WhereTheDataIs /> : null}
    </>
  );
}

const DATABASE_WORDS = {
  sqlite: 'SQLite, a database file on the tracker’s own server',
  postgresql: 'PostgreSQL, a database server run alongside the tracker',
} as const;

/** For whoever runs the tracker: which database holds the partnership, and whether it is up to date. */
function WhereTheDataIs() {
  const { data } = useDatabaseHealth();
  if (!data) return null;
  return (
    <section aria-labelledby="where-the-data-is">
      <h2 id="where-the-data-is" className="govuk-heading-s">
        Where the data is kept
      </h2>
      <p className="govuk-body">
        The partnership’s data is kept in {DATABASE_WORDS[data.database]}.{' '}
        {data.migrated
          ? `It is up to date with this version of the tracker (migration ${data.latestMigration}).`
          : `It is not up to date with this version of the tracker (migration ${data.latestMigration} is missing): restart the tracker so that it can bring the database up to date.`}
      </p>
    </section>
  );
}
