import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
import { isApiError } from '@/lib/api-client';
import { safeReturnTo } from '@/lib/return-to';
import { useDocumentTitle } from '@/lib/use-document-title';
import { needsCode, useSignIn } from '../api/sign-in';
import { SecondFactorStep } from '../components/second-factor-step';
import { OrganisationSignIn, SingleSignOnNotices } from '../components/single-sign-on';

/** The shared schemas (and zod), loaded beside the page rather than with it, to keep the first page small. */
const loadContracts = () => import('@lrt/contracts');

type Field = 'email' | 'password';

interface FormError {
  field: Field | undefined;
  message: string;
}

const FIELD_IDS: Record<Field, string> = { email: 'sign-in-email', password: 'sign-in-password' };
const FIELD_LABELS: Record<Field, string> = { email: 'Email address', password: 'Password' };
const EMPTY_MESSAGES: Record<Field, string> = { email: 'Enter your email address', password: 'Enter your password' };

const isField = (path: string): path is Field => path === 'email' || path === 'password';

/** "must not be empty" → "Enter your email address"; other predicates follow the field's label. */
function fieldMessage(field: Field, message: string, code?: string) {
  if (code === 'too_small' || message === 'must not be empty') return EMPTY_MESSAGES[field];
  return /^(must|may|is|are|should|cannot)\b/.test(message) ? `${FIELD_LABELS[field]} ${message}` : message;
}

/** Problems from the API: a wrong email or password (401, one message whatever was wrong), too many tries (429). */
function serverErrors(error: unknown): FormError[] {
  if (!isApiError(error)) return [{ field: undefined, message: 'You could not be signed in. Try again.' }];
  const fieldErrors = error.fieldErrors.filter((fieldError) => isField(fieldError.path.split('.')[0] ?? ''));
  if (fieldErrors.length > 0) {
    return fieldErrors.map((fieldError) => {
      const field = fieldError.path.split('.')[0] as Field;
      return { field, message: fieldMessage(field, fieldError.message) };
    });
  }
  // One message for a wrong email or password, linked to the first field to correct.
  if (error.status === 401) return [{ field: 'email', message: error.problem.detail }];
  return [{ field: undefined, message: error.problem.detail || error.problem.title }];
}

export function SignInPage() {
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get('returnTo'));
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<FormError[]>([]);
  // Whether the email field itself is wrong (from the schema or a 400), as opposed to a refused sign-in.
  const [inlineFields, setInlineFields] = useState<ReadonlySet<Field>>(new Set());
  // Set when the password was right and a code from the authenticator app is needed too.
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  useDocumentTitle('Sign in', { hasErrors: errors.length > 0 });
  useEffect(() => void loadContracts(), []);

  const summary: SummaryError[] = useMemo(
    () => errors.map((error) => ({ fieldId: error.field ? FIELD_IDS[error.field] : undefined, message: error.message })),
    [errors],
  );

  const errorAt = (field: Field) =>
    inlineFields.has(field) ? errors.find((error) => error.field === field)?.message : undefined;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { LoginBody } = await loadContracts();
    const parsed = LoginBody.safeParse(values);
    if (!parsed.success) {
      const found: FormError[] = parsed.error.issues
        .map((issue) => ({ path: String(issue.path[0] ?? ''), issue }))
        .filter(({ path }) => isField(path))
        .map(({ path, issue }) => ({ field: path as Field, message: fieldMessage(path as Field, issue.message, issue.code) }))
        .sort((a, b) => (a.field === b.field ? 0 : a.field === 'email' ? -1 : 1));
      setErrors(found.length > 0 ? found : [{ field: undefined, message: 'Check your email address and password' }]);
      setInlineFields(new Set(found.map((error) => error.field!)));
      return;
    }
    try {
      const answer = await signIn.mutateAsync(parsed.data);
      if (needsCode(answer)) {
        setValues((current) => ({ ...current, password: '' }));
        setMfaToken(answer.mfaToken);
        return;
      }
      await navigate(returnTo ?? '/', { replace: true });
    } catch (error) {
      const found = serverErrors(error);
      setErrors(found);
      setInlineFields(new Set(isApiError(error) && error.status === 400 ? found.flatMap((e) => (e.field ? [e.field] : [])) : []));
      setValues((current) => ({ ...current, password: '' }));
    }
  };

  if (mfaToken) {
    const startAgain = (reason: string) => {
      setMfaToken(null);
      setErrors([{ field: undefined, message: reason }]);
      setInlineFields(new Set());
    };
    return <SecondFactorStep mfaToken={mfaToken} returnTo={returnTo} onStartAgain={startAgain} />;
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} />
        <SingleSignOnNotices />
        <h1 className="govuk-heading-l">Sign in</h1>
        <OrganisationSignIn returnTo={returnTo} />
        <p className="govuk-body">Sign in with the email address and password your business unit gave you.</p>
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextInput
            id={FIELD_IDS.email}
            name="email"
            type="email"
            label="Email address"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            className="govuk-!-width-full"
            value={values.email}
            onChange={(event) => setValues((current) => ({ ...current, email: event.target.value }))}
            error={errorAt('email')}
          />
          <TextInput
            id={FIELD_IDS.password}
            name="password"
            type="password"
            label="Password"
            autoComplete="current-password"
            className="govuk-!-width-full"
            value={values.password}
            onChange={(event) => setValues((current) => ({ ...current, password: event.target.value }))}
            error={errorAt('password')}
          />
          <button type="submit" className="govuk-button" disabled={signIn.isPending} aria-disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/forgot-password">
            Forgot your password?
          </Link>
        </p>
        <p className="govuk-body">If you cannot sign in, ask your partnership’s business unit.</p>
      </div>
    </div>
  );
}
