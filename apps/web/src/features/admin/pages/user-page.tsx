import type { Agency, Invitation, Subgroup, User, UserPatch } from '@lrt/contracts';
import { ACCOUNT_LINK_HOURS } from '@lrt/contracts/constants';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { NotFoundPage } from '@/app/not-found-page';
import { ErrorSummary } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
import { SuccessBanner } from '@/components/notification-banner';
import { ErrorState, Loading } from '@/components/states';
import { useSignedIn } from '@/features/auth/api/get-me';
import { useInvitation, useSendInvitation } from '@/features/auth/api/invitations';
import { isApiError } from '@/lib/api-client';
import { ROLE_LABELS } from '@/lib/contract-constants';
import { formatDateTime, formatInstantDate, pluralise } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useIdParam } from '@/lib/use-id-param';
import { useEndUserSessions } from '../api/end-user-sessions';
import { useResetUserSecondFactor } from '../api/reset-user-second-factor';
import { useUser } from '../api/get-user';
import { usePatchUser } from '../api/patch-user';
import { loadContracts, usePreloadContracts } from '../contracts';
import { AdminAccess } from '../components/admin-access';
import { AdminBreadcrumbs } from '../components/admin-breadcrumbs';
import { RoleFields, roleLinks, type RoleValues } from '../components/role-fields';
import { VersionConflict, type ConflictRow } from '../components/version-conflict';
import { errorAt, isVersionConflict, serverFormErrors, toFormErrors, toSummary, zodIssues, type FormError } from '../form-errors';
import { PasswordInput, UserStatusTag, useRoleChoices, userFieldSpecs } from '../components/user-fields';

export function AdminUserPage() {
  return (
    <AdminAccess capability="manageUsers">
      <UserRoute />
    </AdminAccess>
  );
}

function UserRoute() {
  const userId = useIdParam('userId');
  if (userId === null) return <NotFoundPage />;
  return <UserAdmin key={userId} userId={userId} />;
}

interface Banner {
  heading: string;
  body?: ReactNode;
  /** A new number for each message, so the same words are shown (and read out) again. */
  key: number;
}

function UserAdmin({ userId }: { userId: number }) {
  const user = useUser(userId);
  usePreloadContracts();
  const { agencies, subgroups } = useRoleChoices();
  const me = useSignedIn();
  const [banner, setBanner] = useState<Banner | null>(null);
  const [formsWithErrors, setFormsWithErrors] = useState<ReadonlySet<string>>(new Set());
  useDocumentTitle(user.data ? `${user.data.name}: user account` : 'User account', { hasErrors: formsWithErrors.size > 0 });

  const say = (heading: string, body?: ReactNode) => setBanner((previous) => ({ heading, body, key: (previous?.key ?? 0) + 1 }));
  const reportErrors = useMemo(
    () => (form: string) => (hasErrors: boolean) =>
      setFormsWithErrors((current) => {
        if (current.has(form) === hasErrors) return current;
        const next = new Set(current);
        if (hasErrors) next.add(form);
        else next.delete(form);
        return next;
      }),
    [],
  );

  if (user.isPending) return <Loading label="Loading the user" />;
  if (user.isError) {
    if (isApiError(user.error) && user.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <AdminBreadcrumbs trail={[{ to: '/admin/users', label: 'Users' }]} />
        <h1 className="govuk-heading-l">User account</h1>
        <ErrorState error={user.error} onRetry={() => void user.refetch()} />
      </>
    );
  }

  const data = user.data;
  const isSelf = me?.user.id === data.id;

  return (
    <>
      <AdminBreadcrumbs trail={[{ to: '/admin/users', label: 'Users' }]} />
      {banner ? (
        <SuccessBanner key={banner.key} heading={banner.heading}>
          {banner.body}
        </SuccessBanner>
      ) : null}
      <span className="govuk-caption-l">User account</span>
      <h1 className="govuk-heading-l">{data.name}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Email address</dt>
          <dd className="govuk-summary-list__value app-break-anywhere">{data.email}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Roles</dt>
          <dd className="govuk-summary-list__value">{data.roles.map((role) => ROLE_LABELS[role]).join(', ')}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">
            <UserStatusTag active={data.active} />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Last signed in</dt>
          <dd className="govuk-summary-list__value">{formatDateTime(data.lastSignInAt, 'Never')}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Two-factor sign-in</dt>
          <dd className="govuk-summary-list__value">
            {data.secondFactorEnabledAt ? `On since ${formatInstantDate(data.secondFactorEnabledAt)}` : 'Off'}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="user-details-heading" className="app-admin-section">
        <h2 className="govuk-heading-m" id="user-details-heading">
          Details and roles
        </h2>
        {agencies.isPending || subgroups.isPending ? (
          <Loading label="Loading agencies and subgroups" />
        ) : agencies.isError || subgroups.isError ? (
          <ErrorState error={agencies.error ?? subgroups.error} onRetry={() => void Promise.all([agencies.refetch(), subgroups.refetch()])} />
        ) : (
          <DetailsForm
            user={data}
            agencies={agencies.data}
            subgroups={subgroups.data}
            onSaved={(saved) => say(`Changes to ${saved.name}’s account have been saved`)}
            onErrorsChange={reportErrors('details')}
          />
        )}
      </section>

      <section aria-labelledby="user-invitation-heading" className="app-admin-section">
        <h2 className="govuk-heading-m" id="user-invitation-heading">
          Invitation email
        </h2>
        <InvitationSection
          user={data}
          onSent={(invitation) =>
            say(
              `An invitation has been emailed to ${data.name}`,
              <p className="govuk-body">
                It goes to {data.email}. Its link works once, until {formatDateTime(invitation.expiresAt)}.
              </p>,
            )
          }
        />
      </section>

      <section aria-labelledby="user-password-heading" className="app-admin-section">
        <h2 className="govuk-heading-m" id="user-password-heading">
          Set a new password
        </h2>
        <p className="govuk-body">
          For someone who cannot use the emailed links: anyone can reset a forgotten password from the sign-in page
          (&ldquo;Forgot your password?&rdquo;). Every session they have open ends at once: they sign in again with the
          new password, and must then choose their own.
        </p>
        <PasswordForm
          user={data}
          onSaved={(saved) => say(`A new password has been set for ${saved.name}`, <p className="govuk-body">Give it to them securely. They have been signed out everywhere.</p>)}
          onErrorsChange={reportErrors('password')}
        />
      </section>

      <section aria-labelledby="user-access-heading" className="app-admin-section">
        <h2 className="govuk-heading-m" id="user-access-heading">
          {data.active ? 'Deactivate the account' : 'Reactivate the account'}
        </h2>
        <ActiveForm
          user={data}
          isSelf={isSelf}
          onSaved={(saved) =>
            say(
              saved.active ? `${saved.name}’s account has been reactivated` : `${saved.name}’s account has been deactivated`,
              <p className="govuk-body">
                {saved.active ? 'They can sign in again with their password.' : 'They have been signed out and can no longer sign in.'}
              </p>,
            )
          }
          onErrorsChange={reportErrors('active')}
        />
      </section>

      {data.secondFactorEnabledAt ? (
        <section aria-labelledby="user-second-factor-heading" className="app-admin-section">
          <h2 className="govuk-heading-m" id="user-second-factor-heading">
            Reset two-factor sign-in
          </h2>
          <ResetSecondFactor
            user={data}
            isSelf={isSelf}
            onReset={(count) =>
              say(
                `${data.name}’s two-factor sign-in has been reset`,
                <p className="govuk-body">
                  {pluralise(count, 'session')} ended. They sign in with their password, and set up two-factor sign-in again if their role requires it.
                </p>,
              )
            }
          />
        </section>
      ) : null}

      <section aria-labelledby="user-sessions-heading" className="app-admin-section">
        <h2 className="govuk-heading-m" id="user-sessions-heading">
          End all sessions
        </h2>
        <EndSessions user={data} isSelf={isSelf} onEnded={(count) => say(`${pluralise(count, 'session')} of ${data.name} ended`, <p className="govuk-body">They must sign in again on every device.</p>)} />
      </section>
    </>
  );
}

interface DetailValues extends RoleValues {
  name: string;
  email: string;
}

const detailValues = (user: User): DetailValues => ({
  name: user.name,
  email: user.email,
  roles: [...user.roles],
  agencyIds: [...user.agencyIds],
  subgroupIds: [...user.subgroupIds],
});

/** The details as they would be sent, to tell whether two sets of them say the same. */
const detailsKey = (values: DetailValues) =>
  JSON.stringify({ name: values.name.trim(), email: values.email.trim().toLowerCase(), ...roleLinks(values) });

function describeLinks(values: DetailValues, agencies: readonly Agency[], subgroups: readonly Subgroup[]) {
  const links = roleLinks(values);
  const names = <T extends { id: number; shortName: string }>(ids: number[], items: readonly T[]) =>
    ids.length === 0 ? 'None' : ids.map((id) => items.find((item) => item.id === id)?.shortName ?? String(id)).join(', ');
  return {
    roles: links.roles.length === 0 ? 'None' : links.roles.map((role) => ROLE_LABELS[role]).join(', '),
    agencies: names(links.agencyIds, agencies),
    subgroups: names(links.subgroupIds, subgroups),
  };
}

function DetailsForm({
  user,
  agencies,
  subgroups,
  onSaved,
  onErrorsChange,
}: {
  user: User;
  agencies: readonly Agency[];
  subgroups: readonly Subgroup[];
  onSaved: (user: User) => void;
  onErrorsChange: (hasErrors: boolean) => void;
}) {
  const specs = useMemo(() => userFieldSpecs('user-edit'), []);
  /** The version this form changes: the one loaded, or the one someone else saved if this person re-applies. */
  const [base, setBase] = useState<User>(user);
  const [values, setValues] = useState<DetailValues>(() => detailValues(user));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [conflict, setConflict] = useState<User | null>(null);
  const mutation = usePatchUser(user.id);
  const summary = useMemo(() => toSummary(errors), [errors]);
  useEffect(() => onErrorsChange(errors.length > 0), [errors, onErrorsChange]);

  // A newer version arrived (a new password or deactivation saved on this page, or a refetch). If it left these
  // details as they were, carry on from it; if nobody has typed here yet, show it; otherwise keep the loaded
  // version, so that saving says someone else changed the details instead of overwriting them.
  useEffect(() => {
    if (user.version === base.version || conflict) return;
    if (detailsKey(detailValues(user)) === detailsKey(detailValues(base))) setBase(user);
    else if (detailsKey(values) === detailsKey(detailValues(base))) {
      setBase(user);
      setValues(detailValues(user));
    }
  }, [user, base, values, conflict]);

  const submit = async (onto: User) => {
    const { UserPatch } = await loadContracts();
    const parsed = UserPatch.safeParse({ version: onto.version, name: values.name, email: values.email, ...roleLinks(values) });
    if (!parsed.success) {
      setErrors(toFormErrors(zodIssues(parsed.error), specs));
      return;
    }
    try {
      const saved = await mutation.mutateAsync(parsed.data);
      setErrors([]);
      setConflict(null);
      setBase(saved);
      setValues(detailValues(saved));
      onSaved(saved);
    } catch (error) {
      if (isVersionConflict(error) && isApiError(error) && error.problem.current) {
        const current = error.problem.current as User;
        // Keep what this person changed; take the rest as it is saved now (re-applying must not undo it).
        const loaded = detailValues(onto);
        const saved = detailValues(current);
        const changed = (key: keyof DetailValues) => JSON.stringify(values[key]) !== JSON.stringify(loaded[key]);
        setValues({
          name: changed('name') ? values.name : saved.name,
          email: changed('email') ? values.email : saved.email,
          roles: changed('roles') ? values.roles : saved.roles,
          agencyIds: changed('agencyIds') ? values.agencyIds : saved.agencyIds,
          subgroupIds: changed('subgroupIds') ? values.subgroupIds : saved.subgroupIds,
        });
        setErrors([]);
        setConflict(current);
        return;
      }
      setErrors(serverFormErrors(error, specs, 'The changes could not be saved. Try again.'));
    }
  };

  const conflictRows = (current: User): ConflictRow[] => {
    const saved = detailValues(current);
    const now = describeLinks(saved, agencies, subgroups);
    const mine = describeLinks(values, agencies, subgroups);
    const row = (label: string, a: string, b: string): ConflictRow => ({ label, current: a, yours: b, differs: a.trim() !== b.trim() });
    return [
      row('Full name', saved.name, values.name),
      row('Email address', saved.email, values.email),
      row('Roles', now.roles, mine.roles),
      row('Agencies', now.agencies, mine.agencies),
      row('Subgroups', now.subgroups, mine.subgroups),
    ];
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(base);
  };

  return (
    <>
      {conflict ? (
        <VersionConflict
          subject="this user"
          pending={mutation.isPending}
          rows={conflictRows(conflict)}
          onReapply={() => {
            setBase(conflict);
            void submit(conflict);
          }}
          onDiscard={() => {
            setBase(conflict);
            setValues(detailValues(conflict));
            setConflict(null);
          }}
        />
      ) : null}
      <ErrorSummary errors={summary} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="user-details-heading">
        <TextInput
          id="user-edit-name"
          name="name"
          label="Full name"
          autoComplete="off"
          value={values.name}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
          error={errorAt(errors, 'user-edit-name')}
        />
        <TextInput
          id="user-edit-email"
          name="email"
          type="email"
          label="Email address"
          hint="They sign in with it, and chase messages are sent to it."
          autoComplete="off"
          spellCheck={false}
          value={values.email}
          onChange={(event) => setValues({ ...values, email: event.target.value })}
          error={errorAt(errors, 'user-edit-email')}
        />
        <RoleFields
          idPrefix="user-edit"
          values={values}
          onChange={(roleValues) => setValues({ ...values, ...roleValues })}
          agencies={agencies}
          subgroups={subgroups}
          errors={{
            roles: errorAt(errors, 'user-edit-roles'),
            agencyIds: errorAt(errors, 'user-edit-agencies'),
            subgroupIds: errorAt(errors, 'user-edit-subgroups'),
          }}
        />
        <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save changes'}
        </button>
      </form>
    </>
  );
}

/**
 * One change of a user that is not a form of fields (a new password, deactivating): sent on the version shown,
 * with a conflict offered to re-apply on the version someone else saved.
 */
function useUserChange(user: User, prefix: string, onSaved: (user: User) => void) {
  const specs = useMemo(() => userFieldSpecs(prefix), [prefix]);
  const mutation = usePatchUser(user.id);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [conflict, setConflict] = useState<User | null>(null);

  const send = async (change: Omit<UserPatch, 'version'>, onto: User = user): Promise<boolean> => {
    const { UserPatch } = await loadContracts();
    const parsed = UserPatch.safeParse({ version: onto.version, ...change });
    if (!parsed.success) {
      setErrors(toFormErrors(zodIssues(parsed.error), specs));
      return false;
    }
    try {
      const saved = await mutation.mutateAsync(parsed.data);
      setErrors([]);
      setConflict(null);
      onSaved(saved);
      return true;
    } catch (error) {
      if (isVersionConflict(error) && isApiError(error) && error.problem.current) {
        setErrors([]);
        setConflict(error.problem.current as User);
        return false;
      }
      setErrors(serverFormErrors(error, specs, 'The change could not be saved. Try again.'));
      return false;
    }
  };

  return { send, errors, conflict, setConflict, pending: mutation.isPending };
}

const statusWord = (active: boolean) => (active ? 'Active' : 'Deactivated');

function PasswordForm({ user, onSaved, onErrorsChange }: { user: User; onSaved: (user: User) => void; onErrorsChange: (hasErrors: boolean) => void }) {
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const change = useUserChange(user, 'user-password', onSaved);
  const summary = useMemo(() => toSummary(change.errors), [change.errors]);
  useEffect(() => onErrorsChange(change.errors.length > 0), [change.errors, onErrorsChange]);

  const send = async (onto?: User) => {
    if (await change.send({ password }, onto)) {
      setPassword('');
      setShown(false);
    }
  };

  return (
    <>
      {change.conflict ? (
        <VersionConflict
          subject="this user"
          pending={change.pending}
          rows={[
            { label: 'Password', current: 'Not shown', yours: 'A new password', differs: true },
            { label: 'Full name', current: change.conflict.name, yours: user.name, differs: change.conflict.name !== user.name },
            { label: 'Status', current: statusWord(change.conflict.active), yours: statusWord(user.active), differs: change.conflict.active !== user.active },
          ]}
          onReapply={() => void send(change.conflict ?? undefined)}
          onDiscard={() => {
            change.setConflict(null);
            setPassword('');
          }}
        />
      ) : null}
      <ErrorSummary errors={summary} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
        noValidate
        aria-labelledby="user-password-heading"
      >
        <PasswordInput
          id="user-password-password"
          label="New password"
          value={password}
          onChange={setPassword}
          shown={shown}
          onShownChange={setShown}
          error={errorAt(change.errors, 'user-password-password')}
        />
        <button type="submit" className="govuk-button" disabled={change.pending} aria-disabled={change.pending}>
          Set new password
        </button>
      </form>
    </>
  );
}

function ActiveForm({
  user,
  isSelf,
  onSaved,
  onErrorsChange,
}: {
  user: User;
  isSelf: boolean;
  onSaved: (user: User) => void;
  onErrorsChange: (hasErrors: boolean) => void;
}) {
  const change = useUserChange(user, 'user-access', onSaved);
  const summary = useMemo(() => toSummary(change.errors), [change.errors]);
  useEffect(() => onErrorsChange(change.errors.length > 0), [change.errors, onErrorsChange]);
  const wanted = !user.active;

  if (isSelf && user.active) {
    return (
      <p className="govuk-body">
        You cannot deactivate your own account. If you are leaving, ask another administrator to deactivate it.
      </p>
    );
  }

  return (
    <>
      {change.conflict ? (
        <VersionConflict
          subject="this user"
          pending={change.pending}
          rows={[
            { label: 'Status', current: statusWord(change.conflict.active), yours: statusWord(wanted), differs: change.conflict.active !== wanted },
            { label: 'Full name', current: change.conflict.name, yours: user.name, differs: change.conflict.name !== user.name },
          ]}
          onReapply={() => void change.send({ active: wanted }, change.conflict ?? undefined)}
          onDiscard={() => change.setConflict(null)}
        />
      ) : null}
      <ErrorSummary errors={summary} />
      {user.active ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Deactivating {user.name} signs them out at once: every session they have open ends, and they can no longer
            sign in. Their progress updates and changes stay in the record. You can reactivate the account later.
          </strong>
        </div>
      ) : (
        <p className="govuk-body">
          {user.name}&rsquo;s account is deactivated: they cannot sign in. Reactivating it lets them sign in again with
          their password, with the roles shown above.
        </p>
      )}
      <button
        type="button"
        id="user-access-active"
        className={`govuk-button${user.active ? ' govuk-button--warning' : ''}`}
        disabled={change.pending}
        aria-disabled={change.pending}
        onClick={() => void change.send({ active: wanted })}
      >
        {user.active ? 'Deactivate account' : 'Reactivate account'}
      </button>
    </>
  );
}

function EndSessions({ user, isSelf, onEnded }: { user: User; isSelf: boolean; onEnded: (count: number) => void }) {
  const mutation = useEndUserSessions(user.id);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <p className="govuk-body">
        Signs {user.name} out on every device at once, for example if a laptop or phone was lost. Their account stays
        active and they can sign in again.
        {isSelf ? ' This is your own account: you will be signed out too.' : null}
      </p>
      {error ? (
        <div className="govuk-error-summary" role="alert">
          <h3 className="govuk-error-summary__title">There is a problem</h3>
          <div className="govuk-error-summary__body">
            <p className="govuk-body govuk-!-margin-bottom-0">{error}</p>
          </div>
        </div>
      ) : null}
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        disabled={mutation.isPending}
        aria-disabled={mutation.isPending}
        onClick={() =>
          mutation.mutate(undefined, {
            onSuccess: (result) => {
              setError(null);
              onEnded(result.sessionsEnded);
            },
            onError: (failure) => setError(isApiError(failure) ? failure.problem.detail : 'The sessions could not be ended. Try again.'),
          })
        }
      >
        {mutation.isPending ? 'Ending sessions…' : 'End all sessions'}
      </button>
    </>
  );
}

/** What became of the last invitation, in words. */
function invitationWords(user: User, invitation: Invitation): string {
  const sent = `The invitation sent on ${formatDateTime(invitation.createdAt)}${invitation.invitedBy ? ` by ${invitation.invitedBy}` : ''}`;
  switch (invitation.state) {
    case 'open':
      return `${sent} works until ${formatDateTime(invitation.expiresAt)}${invitation.sentAt ? '' : '. It is waiting in the outbox to be sent'}.`;
    case 'used':
      return `${user.name} set their password with the invitation sent on ${formatDateTime(invitation.createdAt)}, on ${formatDateTime(invitation.usedAt)}.`;
    case 'expired':
      return `${sent} expired on ${formatDateTime(invitation.expiresAt)} without being used.`;
    case 'superseded':
      return `${sent} no longer works: the password has been changed since.`;
  }
}

/**
 * Emails the user a link to choose their own password: for a new account made without one, or when someone would
 * rather not be given a password. A new invitation stops the earlier one working.
 */
function InvitationSection({ user, onSent }: { user: User; onSent: (invitation: Invitation) => void }) {
  const invitation = useInvitation(user.id);
  const mutation = useSendInvitation(user.id);
  const [error, setError] = useState<string | null>(null);
  if (invitation.isPending) return <Loading label="Loading the invitation" />;
  if (invitation.isError) return <ErrorState error={invitation.error} onRetry={() => void invitation.refetch()} />;
  const last = invitation.data.invitation ?? null;
  const lasts = ACCOUNT_LINK_HOURS.invitation % 24 === 0 ? pluralise(ACCOUNT_LINK_HOURS.invitation / 24, 'day') : pluralise(ACCOUNT_LINK_HOURS.invitation, 'hour');

  return (
    <>
      <p className="govuk-body">
        An invitation emails {user.name} a link to choose their own password, so nobody else ever knows it. The link works
        once, for {lasts}.
      </p>
      <p className="govuk-body">{last ? invitationWords(user, last) : 'No invitation has been sent.'}</p>
      {error ? (
        <div className="govuk-error-summary" role="alert">
          <h3 className="govuk-error-summary__title">There is a problem</h3>
          <div className="govuk-error-summary__body">
            <p className="govuk-body govuk-!-margin-bottom-0">{error}</p>
          </div>
        </div>
      ) : null}
      {!user.active ? (
        <p className="govuk-body">An invitation cannot be sent while the account is deactivated: reactivate it first.</p>
      ) : (
        <>
          {last?.state === 'open' ? <p className="govuk-body">Sending a new one stops the link in the earlier invitation working.</p> : null}
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            disabled={mutation.isPending}
            aria-disabled={mutation.isPending}
            onClick={() =>
              mutation.mutate(undefined, {
                onSuccess: (sent) => {
                  setError(null);
                  onSent(sent);
                },
                onError: (failure) => setError(isApiError(failure) ? failure.problem.detail : 'The invitation could not be sent. Try again.'),
              })
            }
          >
            {mutation.isPending ? 'Sending…' : last ? 'Send a new invitation' : 'Send an invitation email'}
          </button>
        </>
      )}
    </>
  );
}

/** For a lost phone with no recovery codes left: asks once more before turning it off and signing them out. */
function ResetSecondFactor({ user, isSelf, onReset }: { user: User; isSelf: boolean; onReset: (sessionsEnded: number) => void }) {
  const mutation = useResetUserSecondFactor(user.id);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  return (
    <>
      <p className="govuk-body">
        For example, when {user.name} has lost their phone and their recovery codes. Their two-factor sign-in is turned
        off and every session they have open ends. If their role requires it, they set it up again at their next
        sign-in. Check it is really them asking before you do this.
        {isSelf ? ' This is your own account: you will be signed out too.' : null}
      </p>
      {error ? (
        <div className="govuk-error-summary" role="alert">
          <h3 className="govuk-error-summary__title">There is a problem</h3>
          <div className="govuk-error-summary__body">
            <p className="govuk-body govuk-!-margin-bottom-0">{error}</p>
          </div>
        </div>
      ) : null}
      {confirming ? (
        <>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Are you sure? {user.name} will be signed out everywhere, and anyone who knows their password could then
              sign in without a code.
            </strong>
          </div>
          <div className="govuk-button-group">
            <button
              ref={confirmRef}
              type="button"
              className="govuk-button govuk-button--warning"
              disabled={mutation.isPending}
              aria-disabled={mutation.isPending}
              onClick={() =>
                mutation.mutate(undefined, {
                  onSuccess: (result) => {
                    setError(null);
                    setConfirming(false);
                    onReset(result.sessionsEnded);
                  },
                  onError: (failure) => setError(isApiError(failure) ? failure.problem.detail : 'Two-factor sign-in could not be reset. Try again.'),
                })
              }
            >
              {mutation.isPending ? 'Resetting…' : 'Yes, reset two-factor sign-in'}
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(true)}>
          Reset two-factor sign-in
        </button>
      )}
    </>
  );
}
