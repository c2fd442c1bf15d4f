import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
import { SuccessBanner } from '@/components/notification-banner';
import { ErrorState, Loading } from '@/components/states';
import { isApiError } from '@/lib/api-client';
import { formatDateTime, pluralise } from '@/lib/format';
import { ownSessionsQuery, useEndOtherSessions } from '../api/own-sessions';

/** "Firefox on Windows" from a user-agent string, as far as it can be told; the raw text otherwise. */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return 'An unknown browser';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Android/.test(userAgent)
        ? 'Android'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

/**
 * "Where you are signed in": each session of the user with its browser, address and last use, and "Sign out
 * everywhere else", which asks for the password again so a stolen session cannot throw its owner out.
 */
export function YourSessions() {
  const sessions = useQuery(ownSessionsQuery());
  const endOthers = useEndOtherSessions();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [ended, setEnded] = useState<number | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setEnded(null);
    if (!password) {
      setError('Enter your password');
      return;
    }
    try {
      const result = await endOthers.mutateAsync(password);
      setError(null);
      setPassword('');
      setEnded(result.sessionsEnded);
    } catch (caught) {
      const fieldError = isApiError(caught) ? caught.fieldErrors.find((e) => e.path === 'currentPassword') : undefined;
      setError(fieldError ? `Your password ${fieldError.message}` : isApiError(caught) ? caught.problem.detail : 'Your other sessions could not be ended. Try again.');
    }
  };

  if (sessions.isPending) return <Loading label="Loading your sessions" />;
  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  const others = sessions.data.items.filter((s) => !s.current).length;

  return (
    <section aria-labelledby="your-sessions-heading">
      <h2 className="govuk-heading-m" id="your-sessions-heading">
        Where you are signed in
      </h2>
      {ended !== null && <SuccessBanner heading={`Signed out of ${pluralise(ended, 'other session')}`} />}
      {/* A list rather than a table: a browser's name and the dates stack on a phone. */}
      <ul className="govuk-list govuk-list--spaced" aria-label="Your sessions">
        {sessions.data.items.map((session) => (
          <li key={session.ref} className="app-break-anywhere">
            <strong>{describeBrowser(session.userAgent)}</strong>
            {session.current && <strong className="govuk-tag govuk-tag--green govuk-!-margin-left-2">This session</strong>}
            <br />
            <span className="govuk-body-s">
              {session.ip ? `From ${session.ip}. ` : ''}Signed in {formatDateTime(session.createdAt)}; last used {formatDateTime(session.lastSeenAt)}.
            </span>
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          {error && <ErrorSummary errors={[{ fieldId: 'end-others-password', message: error }]} />}
          <TextInput
            id="end-others-password"
            label="Your password"
            hint="To sign out everywhere else, give your password again."
            type="password"
            autoComplete="current-password"
            value={password}
            error={error ?? undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
          <button type="submit" className="govuk-button govuk-button--warning" disabled={endOthers.isPending}>
            Sign out everywhere else
          </button>
        </form>
      ) : (
        <p className="govuk-body">You are not signed in anywhere else.</p>
      )}
    </section>
  );
}
