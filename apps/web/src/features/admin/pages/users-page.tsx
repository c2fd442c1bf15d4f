import type { Agency, CreatedUser, Role, Subgroup, User } from '@lrt/contracts';
import { ACCOUNT_LINK_HOURS, ROLES } from '@lrt/contracts/constants';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DataTable, type Column } from '@/components/data-table';
import { ErrorSummary } from '@/components/error-summary';
import { Radios, Select, TextInput } from '@/components/form-fields';
import { SuccessBanner } from '@/components/notification-banner';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useCreateUserWithInvitation } from '@/features/auth/api/invitations';
import { useAgencies } from '@/features/reference-data/api/get-agencies';
import { useSubgroups } from '@/features/reference-data/api/get-subgroups';
import { useLookup } from '@/features/reference-data/lookup';
import { ROLE_LABELS } from '@/lib/contract-constants';
import { formatDateTime, pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useUsers } from '../api/get-users';
import type { UserListFilters } from '../api/keys';
import { loadContracts, usePreloadContracts } from '../contracts';
import { AdminAccess } from '../components/admin-access';
import { AdminBreadcrumbs } from '../components/admin-breadcrumbs';
import { RoleFields, roleLinks, type RoleValues } from '../components/role-fields';
import { PasswordInput, UserStatusTag, useRoleChoices, userFieldSpecs } from '../components/user-fields';
import { errorAt, serverFormErrors, toFormErrors, toSummary, zodIssues, type FormError } from '../form-errors';

const INVITATION_LASTS =
  ACCOUNT_LINK_HOURS.invitation % 24 === 0 ? pluralise(ACCOUNT_LINK_HOURS.invitation / 24, 'day') : pluralise(ACCOUNT_LINK_HOURS.invitation, 'hour');

const readFilters = (params: URLSearchParams): UserListFilters => {
  const role = params.get('role');
  const active = params.get('active');
  return {
    role: role && (ROLES as readonly string[]).includes(role) ? role : undefined,
    active: active === 'true' ? true : active === 'false' ? false : undefined,
  };
};

export function AdminUsersPage() {
  return (
    <AdminAccess capability="manageUsers">
      <Users />
    </AdminAccess>
  );
}

function Users() {
  const [params, setParams] = useSearchParams();
  const [created, setCreated] = useState<CreatedUser | null>(null);
  if (params.get('add') !== null) {
    return (
      <AddUser
        onCreated={(user) => {
          setCreated(user);
          setParams({});
        }}
      />
    );
  }
  return <UsersList created={created} />;
}

function UsersList({ created }: { created: CreatedUser | null }) {
  useDocumentTitle('Users');
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const users = useUsers(filters);
  const agencies = useLookup(useAgencies().data);
  const subgroups = useLookup(useSubgroups().data);
  const filtered = filters.role !== undefined || filters.active !== undefined;

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['role', 'active']) {
      const value = form.get(key);
      if (typeof value === 'string' && value) next.set(key, value);
    }
    setParams(next);
  };

  const columns: Column<User>[] = [
    {
      key: 'name',
      header: 'Name',
      rowHeader: true,
      cell: (user) => (
        <Link className="govuk-link" to={`/admin/users/${user.id}`}>
          {user.name}
        </Link>
      ),
    },
    { key: 'email', header: 'Email address', cell: (user) => <span className="app-break-anywhere">{user.email}</span> },
    {
      key: 'roles',
      header: 'Roles',
      cell: (user) => (
        <ul className="govuk-list govuk-!-margin-bottom-0">
          {user.roles.map((role) => (
            <li key={role}>{ROLE_LABELS[role]}</li>
          ))}
        </ul>
      ),
    },
    {
      key: 'agencies',
      header: 'Agencies',
      cell: (user) =>
        user.agencyIds.length === 0 ? (
          <span className="app-secondary-text">None</span>
        ) : (
          user.agencyIds.map((id, index) => {
            const agency = agencies.get(id);
            return (
              <span key={id}>
                {index > 0 ? ', ' : null}
                {agency ? <abbr title={agency.name}>{agency.shortName}</abbr> : `Agency ${id}`}
              </span>
            );
          })
        ),
    },
    {
      key: 'subgroups',
      header: 'Subgroups',
      cell: (user) =>
        user.subgroupIds.length === 0 ? (
          <span className="app-secondary-text">None</span>
        ) : (
          user.subgroupIds.map((id, index) => {
            const subgroup = subgroups.get(id);
            return (
              <span key={id}>
                {index > 0 ? ', ' : null}
                {subgroup ? <abbr title={subgroup.name}>{subgroup.shortName}</abbr> : `Subgroup ${id}`}
              </span>
            );
          })
        ),
    },
    { key: 'active', header: 'Status', cell: (user) => <UserStatusTag active={user.active} /> },
    { key: 'lastSignIn', header: 'Last signed in', cell: (user) => formatDateTime(user.lastSignInAt, 'Never') },
  ];

  return (
    <>
      <AdminBreadcrumbs trail={[]} />
      {created ? (
        <SuccessBanner heading={created.invitation ? `An invitation has been emailed to ${created.name}` : `An account has been created for ${created.name}`}>
          <p className="govuk-body">
            {created.invitation
              ? `They choose their own password with its link, which works once, until ${formatDateTime(created.invitation.expiresAt)}.`
              : 'Give them the password securely.'}{' '}
            <Link className="govuk-notification-banner__link" to={`/admin/users/${created.id}`}>
              See {created.name}&rsquo;s account
            </Link>
            .
          </p>
        </SuccessBanner>
      ) : null}
      <h1 className="govuk-heading-l">Users</h1>
      <p className="govuk-body-l">Everyone who can sign in to the tracker, and what they may do.</p>
      <Link to="/admin/users?add=true" className="govuk-button" draggable={false}>
        Add a user
      </Link>

      <form className="app-admin-filter" onSubmit={onFilter} aria-label="Filter users">
        <Select
          id="users-filter-role"
          name="role"
          label="Role"
          options={[{ value: '', label: 'Any role' }, ...ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))]}
          defaultValue={filters.role ?? ''}
          key={`role-${filters.role ?? ''}`}
        />
        <Select
          id="users-filter-active"
          name="active"
          label="Status"
          options={[
            { value: '', label: 'Active and deactivated' },
            { value: 'true', label: 'Active' },
            { value: 'false', label: 'Deactivated' },
          ]}
          defaultValue={filters.active === undefined ? '' : String(filters.active)}
          key={`active-${String(filters.active)}`}
        />
        <div className="govuk-form-group">
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            Show users
          </button>
        </div>
      </form>

      {users.isPending ? (
        <Loading label="Loading users" />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.length === 0 ? (
        <EmptyState title={filtered ? 'No users match these filters' : 'There are no users yet'}>
          {filtered ? (
            <Link className="govuk-link" to="/admin/users">
              Show all users
            </Link>
          ) : (
            'Add a user to let them sign in.'
          )}
        </EmptyState>
      ) : (
        <DataTable
          caption={filtered ? `${users.data.length} matching users` : `${users.data.length} users`}
          columns={columns}
          rows={users.data}
          rowKey={(user) => user.id}
        />
      )}
    </>
  );
}

function AddUser({ onCreated }: { onCreated: (user: CreatedUser) => void }) {
  const { agencies, subgroups } = useRoleChoices();
  const [hasErrors, setHasErrors] = useState(false);
  useDocumentTitle('Add a user', { hasErrors });
  const heading = useRef<HTMLHeadingElement>(null);
  // This view replaces the list without a change of page: start keyboard and screen reader users at its heading.
  useEffect(() => heading.current?.focus(), []);

  return (
    <>
      <AdminBreadcrumbs trail={[{ to: '/admin/users', label: 'Users' }]} />
      <h1 className="govuk-heading-l" tabIndex={-1} ref={heading}>
        Add a user
      </h1>
      {agencies.isPending || subgroups.isPending ? (
        <Loading label="Loading agencies and subgroups" />
      ) : agencies.isError || subgroups.isError ? (
        <ErrorState
          error={agencies.error ?? subgroups.error}
          onRetry={() => void Promise.all([agencies.refetch(), subgroups.refetch()])}
        />
      ) : (
        <AddUserForm agencies={agencies.data} subgroups={subgroups.data} onCreated={onCreated} onErrorsChange={setHasErrors} />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/users">
          Cancel and go back to users
        </Link>
      </p>
    </>
  );
}

const METHOD_ID = 'user-add-method';
const SPECS = userFieldSpecs('user-add').flatMap((spec) =>
  spec.path === 'password' ? [{ path: 'sendInvitation', fieldId: METHOD_ID, label: 'How they get their password' }, spec] : [spec],
);

type PasswordMethod = 'invitation' | 'password';

function AddUserForm({
  agencies,
  subgroups,
  onCreated,
  onErrorsChange,
}: {
  agencies: readonly Agency[];
  subgroups: readonly Subgroup[];
  onCreated: (user: CreatedUser) => void;
  onErrorsChange: (hasErrors: boolean) => void;
}) {
  const [name, setName] = useState('');
  // An invitation by default: then nobody but the person ever knows their password.
  const [method, setMethod] = useState<PasswordMethod>('invitation');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [roleValues, setRoleValues] = useState<RoleValues>({ roles: [] as Role[], agencyIds: [], subgroupIds: [] });
  const [errors, setErrors] = useState<FormError[]>([]);
  const mutation = useCreateUserWithInvitation();
  usePreloadContracts();
  const summary = useMemo(() => toSummary(errors), [errors]);
  useEffect(() => onErrorsChange(errors.length > 0), [errors, onErrorsChange]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { NewUser } = await loadContracts();
    const parsed = NewUser.safeParse({ email, name, ...(method === 'invitation' ? { sendInvitation: true } : { password }), ...roleLinks(roleValues) });
    if (!parsed.success) {
      setErrors(toFormErrors(zodIssues(parsed.error), SPECS));
      return;
    }
    try {
      const user = await mutation.mutateAsync(parsed.data);
      setErrors([]);
      onCreated(user);
    } catch (error) {
      setErrors(serverFormErrors(error, SPECS, 'The user could not be added. Try again.'));
    }
  };

  return (
    <>
      <ErrorSummary errors={summary} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Add a user">
        <TextInput
          id="user-add-name"
          name="name"
          label="Full name"
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errorAt(errors, 'user-add-name')}
        />
        <TextInput
          id="user-add-email"
          name="email"
          type="email"
          label="Email address"
          hint="They sign in with it, and chase messages are sent to it."
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errorAt(errors, 'user-add-email')}
        />
        <Radios
          id={METHOD_ID}
          name="passwordMethod"
          legend="How will they get their password?"
          legendSize="s"
          hint={`An invitation emails them a link to choose their own password: it works once, for ${INVITATION_LASTS}, and nobody else ever knows the password. A password you type must be given to them securely, and they change it when they first sign in.`}
          value={method}
          onChange={(value) => setMethod(value as PasswordMethod)}
          options={[
            { value: 'invitation', label: 'Email them an invitation' },
            { value: 'password', label: 'Type a password to give them' },
          ]}
          error={errorAt(errors, METHOD_ID)}
        />
        {method === 'password' ? (
          <PasswordInput
            id="user-add-password"
            label="Password"
            value={password}
            onChange={setPassword}
            shown={showPassword}
            onShownChange={setShowPassword}
            error={errorAt(errors, 'user-add-password')}
          />
        ) : null}
        <RoleFields
          idPrefix="user-add"
          values={roleValues}
          onChange={setRoleValues}
          agencies={agencies}
          subgroups={subgroups}
          errors={{
            roles: errorAt(errors, 'user-add-roles'),
            agencyIds: errorAt(errors, 'user-add-agencies'),
            subgroupIds: errorAt(errors, 'user-add-subgroups'),
          }}
        />
        <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
          {mutation.isPending ? 'Adding the user…' : method === 'invitation' ? 'Add user and send invitation' : 'Add user'}
        </button>
      </form>
    </>
  );
}
