import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorSummary } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
import { isApiError } from '@/lib/api-client';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useSignInWithCode } from '../api/sign-in-with-code';

const FIELD_ID = 'sign-in-code';

/** The shared schemas (and zod) load beside the sign-in page, not with it: it is everyone's first page. */
const loadContracts = () => import('@lrt/contracts');

type Mode = 'app' | 'recovery';

const WORDS: Record<Mode, { heading: string; label: string; empty: string; wrongShape: string }> = {
  app: {
    heading: 'Enter the 6-digit code from your authenticator app',
    label: 'Code from your authenticator app',
    empty: 'Enter the 6-digit code from your authenticator app',
    wrongShape: 'Enter the code as the 6 digits your authenticator app shows, like 123456',
  },
  recovery: {
    heading: 'Enter one of your recovery codes',
    label: 'Recovery code',
    empty: 'Enter one of your recovery codes',
    wrongShape: 'Enter a recovery code as 10 letters and numbers, like abcde-23456',
  },
};

/**
 * The second step of signing in, for someone with two-factor sign-in: the password was right, and the API
 * answered a token to send with a code from the authenticator app or one of the recovery codes. A token that has
 * expired (or had too many wrong codes) sends the person back to the password step, with the reason.
 */
export function SecondFactorStep({ mfaToken, returnTo, onStartAgain }: { mfaToken: string; returnTo: string | null; onStartAgain: (reason: string) => void }) {
  const navigate = useNavigate();
  const signIn = useSignInWithCode();
  const [mode, setMode] = useState<Mode>('app');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const words = WORDS[mode];
  useDocumentTitle(mode === 'app' ? 'Enter your code' : 'Enter a recovery code', { hasErrors: error !== null });
  const summary = useMemo(() => (error ? [{ fieldId: FIELD_ID, message: error }] : []), [error]);

  // A new step of the page: start reading at its heading.
  useEffect(() => headingRef.current?.focus(), [mode]);
  useEffect(() => void loadContracts(), []);

  const switchTo = (next: Mode) => {
    setMode(next);
    setCode('');
    setError(null);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { MfaLoginBody } = await loadContracts();
    const parsed = MfaLoginBody.safeParse({ mfaToken, code });
    if (!parsed.success) {
      setError(code.trim() === '' ? words.empty : words.wrongShape);
      return;
    }
    try {
      await signIn.mutateAsync(parsed.data);
      await navigate(returnTo ?? '/', { replace: true });
    } catch (failure) {
      setCode('');
      if (isApiError(failure) && (failure.code === 'auth.mfa_expired' || (failure.code === 'auth.mfa_invalid' && /last try/.test(failure.problem.detail)))) {
        onStartAgain(failure.problem.detail);
        return;
      }
      setError(isApiError(failure) ? failure.problem.detail : 'You could not be signed in. Try again.');
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} />
        <span className="govuk-caption-l">Two-factor sign-in</span>
        <h1 className="govuk-heading-l" tabIndex={-1} ref={headingRef}>
          {words.heading}
        </h1>
        {mode === 'app' ? (
          <p className="govuk-body">Open the authenticator app on your phone and enter the code it shows for the tracker. The code changes every 30 seconds.</p>
        ) : (
          <p className="govuk-body">Use one of the recovery codes you saved when you set up two-factor sign-in. Each recovery code works once.</p>
        )}
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextInput
            key={mode}
            id={FIELD_ID}
            name={mode === 'app' ? 'code' : 'recoveryCode'}
            label={words.label}
            hint={mode === 'recovery' ? 'For example, abcde-23456' : undefined}
            autoComplete={mode === 'app' ? 'one-time-code' : 'off'}
            inputMode={mode === 'app' ? 'numeric' : 'text'}
            spellCheck={false}
            autoCapitalize="none"
            className={mode === 'app' ? 'govuk-input--width-5' : 'govuk-input--width-10'}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={error ?? undefined}
          />
          <button type="submit" className="govuk-button" disabled={signIn.isPending} aria-disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Continue'}
          </button>
        </form>
        <p className="govuk-body">
          <button type="button" className="app-link-button" onClick={() => switchTo(mode === 'app' ? 'recovery' : 'app')}>
            {mode === 'app' ? 'Use a recovery code instead' : 'Use your authenticator app instead'}
          </button>
        </p>
        <p className="govuk-body">
          If you have lost your phone and your recovery codes, ask your partnership’s business unit to reset your two-factor sign-in.
        </p>
      </div>
    </div>
  );
}
