import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary, type SummaryError } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
import { isApiError } from '@/lib/api-client';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useRequestPasswordReset } from '../api/password-links';

/** The shared schemas (and zod), loaded beside the page rather than with it, to keep the page itself small. */
const loadContracts = () => import('@lrt/contracts');

const FIELD_ID = 'forgot-password-email';

/**
 * "Forgot your password?": asks for the email address and always gives the same answer, so nobody can use the
 * page to find out whether an address has an account here.
 */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<{ message: string; atField: boolean } | null>(null);
  const [answer, setAnswer] = useState<string | null>(null);
  const request = useRequestPasswordReset();
  const askingAgain = useRef(false);
  useDocumentTitle(answer ? 'Check your email' : 'Reset your password', { hasErrors: error !== null });
  useEffect(() => void loadContracts(), []);
  useEffect(() => {
    // Back from the answer to the form: straight to the field to type another address in.
    if (answer === null && askingAgain.current) document.getElementById(FIELD_ID)?.focus();
  }, [answer]);

  const summary: SummaryError[] = useMemo(() => (error ? [{ fieldId: error.atField ? FIELD_ID : undefined, message: error.message }] : []), [error]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { PasswordResetRequest } = await loadContracts();
    const parsed = PasswordResetRequest.safeParse({ email });
    if (!parsed.success) {
      setError({
        message: email.trim() === '' ? 'Enter your email address' : 'Enter an email address in the correct format, like name@example.org',
        atField: true,
      });
      return;
    }
    try {
      const accepted = await request.mutateAsync(parsed.data);
      setError(null);
      setAnswer(accepted.message);
    } catch (failure) {
      const atField = isApiError(failure) && failure.fieldErrors.some((fieldError) => fieldError.path === 'email');
      setError({
        message: atField ? 'Enter an email address in the correct format, like name@example.org' : 'Your request could not be sent. Try again in a moment.',
        atField,
      });
    }
  };

  if (answer) {
    return (
      <Sent
        message={answer}
        onAgain={() => {
          askingAgain.current = true;
          setAnswer(null);
          setEmail('');
        }}
      />
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} />
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">
          Enter the email address you sign in with. If it has an account, we will email it a link to choose a new password.
        </p>
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextInput
            id={FIELD_ID}
            name="email"
            type="email"
            label="Email address"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            className="govuk-!-width-full"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={error?.atField ? error.message : undefined}
          />
          <button type="submit" className="govuk-button" disabled={request.isPending} aria-disabled={request.isPending}>
            {request.isPending ? 'Sending…' : 'Send me a link'}
          </button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/sign-in">
            Back to sign in
          </Link>
        </p>
      </div>
    </div>
  );
}

function Sent({ message, onAgain }: { message: string; onAgain: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form was replaced without a change of page: start keyboard and screen reader users at the answer.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l" tabIndex={-1} ref={heading}>
          Check your email
        </h1>
        <p className="govuk-body">{message}</p>
        <p className="govuk-body">
          The email comes from the tracker, with the subject “reset your Learning Review Tracker password”. If it has not arrived
          within a few minutes, look in your junk or spam folder.
        </p>
        <p className="govuk-body">
          No email? You may have used another address, or your account may have been deactivated:{' '}
          <button type="button" className="app-link-button" onClick={onAgain}>
            try another email address
          </button>{' '}
          or ask your partnership&rsquo;s business unit.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/sign-in">
            Back to sign in
          </Link>
        </p>
      </div>
    </div>
  );
}
