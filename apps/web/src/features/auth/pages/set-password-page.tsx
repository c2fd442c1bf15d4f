import type { AccountLinkView } from '@lrt/contracts';
import { ACCOUNT_LINK_HOURS, PASSWORD_MIN_LENGTH } from '@lrt/contracts/constants';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
import { ErrorState, Loading } from '@/components/states';
import { PASSWORD_HINT } from '@/features/admin/components/user-fields';
import { errorAt, serverFormErrors, toFormErrors, toSummary, zodIssues, type FieldSpec, type FormError } from '@/features/admin/form-errors';
import { isApiError, type ApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { usePasswordLink, useSetPasswordWithLink } from '../api/password-links';

/** The shared schemas (and zod), loaded beside the page rather than with it, to keep the page itself small. */
const loadContracts = () => import('@lrt/contracts');

const IDS = { password: 'set-password-new', confirm: 'set-password-confirm' } as const;

const SPECS: FieldSpec[] = [
  { path: 'password', fieldId: IDS.password, label: 'New password', messages: { too_small: `New password must be at least ${PASSWORD_MIN_LENGTH} characters` } },
  { path: 'confirmPassword', fieldId: IDS.confirm, label: 'Confirm new password' },
];

/**
 * The page a link from an invitation or a password reset email opens, without a session: the token in the
 * address is the credential. It greets the person by name, takes a new password twice, and sends them to sign in.
 * A link that no longer works says why in words, with the way to a new one.
 */
export function SetPasswordPage() {
  const token = useParams().token ?? '';
  const link = usePasswordLink(token);
  // A link can stop working between opening the page and sending it (used in another tab, or expired meanwhile).
  const [goneWhileOpen, setGoneWhileOpen] = useState<ApiError | null>(null);
  const [done, setDone] = useState<AccountLinkView | null>(null);

  if (done) return <PasswordSet link={done} />;
  if (goneWhileOpen) return <LinkProblem error={goneWhileOpen} />;
  if (link.isPending) return <Loading label="Opening your link" />;
  if (link.isError) {
    return isLinkProblem(link.error) ? <LinkProblem error={link.error} /> : <LinkError error={link.error} onRetry={() => void link.refetch()} />;
  }
  return <SetPassword token={token} link={link.data} onSet={() => setDone(link.data)} onGone={setGoneWhileOpen} />;
}

const isLinkProblem = (error: unknown): error is ApiError => isApiError(error) && (error.status === 404 || error.status === 410);

function LinkError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  useDocumentTitle('Set your password');
  return (
    <>
      <h1 className="govuk-heading-l">Set your password</h1>
      <ErrorState error={error} onRetry={onRetry} />
    </>
  );
}

function SetPassword({ token, link, onSet, onGone }: { token: string; link: AccountLinkView; onSet: () => void; onGone: (error: ApiError) => void }) {
  const [values, setValues] = useState({ password: '', confirmPassword: '' });
  const [errors, setErrors] = useState<FormError[]>([]);
  const mutation = useSetPasswordWithLink(token);
  const title = `Set your password, ${link.name}`;
  useDocumentTitle(title, { hasErrors: errors.length > 0 });
  useEffect(() => void loadContracts(), []);
  const summary = useMemo(() => toSummary(errors), [errors]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { AccountLinkPassword } = await loadContracts();
    const parsed = AccountLinkPassword.safeParse({ password: values.password });
    const found: FormError[] = [];
    if (values.password === '') found.push({ path: 'password', fieldId: IDS.password, message: 'Enter a new password' });
    else if (!parsed.success) found.push(...toFormErrors(zodIssues(parsed.error), SPECS));
    else if (values.confirmPassword !== values.password) {
      found.push({
        path: 'confirmPassword',
        fieldId: IDS.confirm,
        message: values.confirmPassword === '' ? 'Confirm your new password' : 'The passwords do not match: type the same new password in both',
      });
    }
    if (found.length > 0 || !parsed.success) {
      setErrors(found);
      return;
    }
    try {
      await mutation.mutateAsync(parsed.data);
      onSet();
    } catch (error) {
      if (isLinkProblem(error)) {
        onGone(error);
        return;
      }
      setErrors(serverFormErrors(error, SPECS, 'Your password could not be set. Try again.'));
    }
  };

  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [key]: event.target.value }));

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} />
        <span className="govuk-caption-l">{link.purpose === 'invitation' ? 'Set up your account' : 'Reset your password'}</span>
        <h1 className="govuk-heading-l">{title}</h1>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">You sign in with</dt>
            <dd className="govuk-summary-list__value app-break-anywhere">{link.email}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">This link works</dt>
            <dd className="govuk-summary-list__value">once, until {formatDateTime(link.expiresAt)}</dd>
          </div>
        </dl>
        <p className="govuk-body">
          Setting a password signs you out of the tracker everywhere. You then sign in with your email address and the new password.
        </p>
        <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Set your password">
          {/* Lets a password manager save the new password against the right account. */}
          <input type="hidden" name="username" autoComplete="username" value={link.email} />
          <TextInput
            id={IDS.password}
            name="password"
            type="password"
            label="New password"
            hint={PASSWORD_HINT}
            autoComplete="new-password"
            spellCheck={false}
            autoCapitalize="none"
            className="govuk-input--width-20"
            value={values.password}
            onChange={set('password')}
            error={errorAt(errors, IDS.password)}
          />
          <TextInput
            id={IDS.confirm}
            name="confirmPassword"
            type="password"
            label="Confirm new password"
            autoComplete="new-password"
            spellCheck={false}
            autoCapitalize="none"
            className="govuk-input--width-20"
            value={values.confirmPassword}
            onChange={set('confirmPassword')}
            error={errorAt(errors, IDS.confirm)}
          />
          <button type="submit" className="govuk-button" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
            {mutation.isPending ? 'Setting your password…' : 'Set password'}
          </button>
        </form>
      </div>
    </div>
  );
}

function PasswordSet({ link }: { link: AccountLinkView }) {
  useDocumentTitle('Your password has been set');
  const heading = useRef<HTMLHeadingElement>(null);
  // The form was replaced without a change of page: start keyboard and screen reader users at the confirmation.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l" tabIndex={-1} ref={heading}>
          Your password has been set
        </h1>
        <p className="govuk-body">
          Sign in with <span className="app-break-anywhere">{link.email}</span> and your new password. If you use two-factor sign-in,
          you will be asked for a code from your app as well.
        </p>
        <p className="govuk-body">The link in the email no longer works.</p>
        <Link className="govuk-button" to="/sign-in" data-module="govuk-button">
          Sign in
        </Link>
      </div>
    </div>
  );
}

/** "one hour", "7 days": how long links of a kind last, from the one constant the API uses. */
const lasts = (hours: number) => (hours % 24 === 0 ? `${hours / 24} day${hours === 24 ? '' : 's'}` : `${hours === 1 ? 'one' : hours} hour${hours === 1 ? '' : 's'}`);
const RESET_LASTS = lasts(ACCOUNT_LINK_HOURS.password_reset);
const INVITATION_LASTS = lasts(ACCOUNT_LINK_HOURS.invitation);

const PROBLEMS: Record<string, { title: string; why: string }> = {
  'account_link.used': {
    title: 'This link has already been used',
    why: 'Each link to set a password works only once, so a copy of the email cannot be used again.',
  },
  'account_link.expired': {
    title: 'This link has expired',
    why: `A link to reset a password works for ${RESET_LASTS}, and an invitation for ${INVITATION_LASTS}, so an old email cannot be used to take the account.`,
  },
  'account_link.superseded': {
    title: 'This link has been replaced',
    why: 'A newer link has been sent since this one, or the password has been changed since: only the newest link works. Use the link in the latest email.',
  },
  'account_link.account_deactivated': {
    title: 'This account has been deactivated',
    why: 'Its password cannot be set while it is deactivated.',
  },
};

const UNKNOWN = {
  title: 'This link does not work',
  why: 'The tracker does not know this link. Check you copied the whole web address from the email: it is long, and email programs sometimes split it.',
};

/** Why the link opens nothing, in words, and the ways on: a new link, or signing in. */
function LinkProblem({ error }: { error: ApiError }) {
  const problem = PROBLEMS[error.code] ?? UNKNOWN;
  useDocumentTitle(problem.title);
  const deactivated = error.code === 'account_link.account_deactivated';
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{problem.title}</h1>
        <p className="govuk-body">{problem.why}</p>
        <h2 className="govuk-heading-m">What you can do</h2>
        {deactivated ? (
          <p className="govuk-body">Ask your partnership&rsquo;s business unit if you need the account again.</p>
        ) : (
          <>
            <p className="govuk-body">
              Ask for a new link: it is emailed to you and works for {RESET_LASTS}. If you were invited and have not signed in yet, this
              works too, or ask your partnership&rsquo;s business unit to send a new invitation.
            </p>
            <Link className="govuk-button" to="/forgot-password" data-module="govuk-button">
              Ask for a new link
            </Link>
            <p className="govuk-body">
              If you know your password,{' '}
              <Link className="govuk-link" to="/sign-in">
                sign in
              </Link>
              .
            </p>
          </>
        )}
      </div>
    </div>
  );
}
