import type { Me, TotpEnrolment } from '@lrt/contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary } from '@/components/error-summary';
import { TextInput } from '@/components/form-fields';
import { SuccessBanner } from '@/components/notification-banner';
import { loadContracts, usePreloadContracts } from '@/features/admin/contracts';
import { isApiError } from '@/lib/api-client';
import { formatInstantDate, pluralise } from '@/lib/format';
import { useConfirmTotp, useRenewRecoveryCodes, useStartTotp, useTurnOffTwoFactor } from '../api/two-factor';
import { RecoveryCodesPanel } from './recovery-codes';

type Stage =
  | { kind: 'status' }
  | { kind: 'setting-up'; enrolment: TotpEnrolment }
  | { kind: 'codes'; codes: string[]; turnedOn: boolean }
  | { kind: 'proving'; purpose: 'renew' | 'turn-off' };

interface Banner {
  heading: string;
  body?: ReactNode;
  key: number;
}

/** An SVG as an image: drawn by the browser's image decoder, so nothing in it can run as part of the page. */
export const svgDataUrl = (svg: string) => {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
};

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: easier to copy by eye. */
const groupKey = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

const problemText = (error: unknown, fallback: string) => (isApiError(error) ? error.problem.detail || error.problem.title : fallback);

/**
 * One's own two-factor sign-in: its status, setting up an authenticator app (a QR code, or its key typed in, then
 * a code from it), the recovery codes shown once, new recovery codes, and turning it off (with the password, and
 * not while the partnership requires it). `headingLevel` is that of the headings inside, under the page's own.
 */
export function TwoFactorSettings({ me, headingLevel, onFinished }: { me: Me; headingLevel: 2 | 3; onFinished?: () => void }) {
  const [stage, setStage] = useState<Stage>({ kind: 'status' });
  const [banner, setBanner] = useState<Banner | null>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  usePreloadContracts();

  const say = (heading: string, body?: ReactNode) => setBanner((previous) => ({ heading, body, key: (previous?.key ?? 0) + 1 }));
  const toStatus = () => setStage({ kind: 'status' });

  return (
    <>
      {banner ? (
        <SuccessBanner key={banner.key} heading={banner.heading}>
          {banner.body}
        </SuccessBanner>
      ) : null}
      {stage.kind === 'setting-up' ? (
        <SetUp
          enrolment={stage.enrolment}
          Heading={Heading}
          onCancel={toStatus}
          onTurnedOn={(codes) => {
            say('Two-factor sign-in is on', <p className="govuk-body">From now on you sign in with your password and a code from your authenticator app.</p>);
            setStage({ kind: 'codes', codes, turnedOn: true });
          }}
        />
      ) : stage.kind === 'codes' ? (
        <RecoveryCodesPanel
          codes={stage.codes}
          email={me.user.email}
          headingLevel={headingLevel}
          doneLabel={onFinished && stage.turnedOn ? 'I have saved my recovery codes: continue' : 'I have saved my recovery codes'}
          onDone={() => {
            setBanner(null);
            if (onFinished && stage.turnedOn) onFinished();
            else toStatus();
          }}
        />
      ) : stage.kind === 'proving' ? (
        <PasswordProof
          purpose={stage.purpose}
          Heading={Heading}
          onCancel={toStatus}
          onRenewed={(codes) => {
            say('You have new recovery codes', <p className="govuk-body">The old ones no longer work.</p>);
            setStage({ kind: 'codes', codes, turnedOn: false });
          }}
          onTurnedOff={() => {
            say('Two-factor sign-in is off', <p className="govuk-body">You sign in with your password alone.</p>);
            toStatus();
          }}
        />
      ) : (
        <Status me={me} Heading={Heading} onSetUp={(enrolment) => setStage({ kind: 'setting-up', enrolment })} onProve={(purpose) => setStage({ kind: 'proving', purpose })} />
      )}
    </>
  );
}

type HeadingTag = 'h2' | 'h3';

function Status({
  me,
  Heading,
  onSetUp,
  onProve,
}: {
  me: Me;
  Heading: HeadingTag;
  onSetUp: (enrolment: TotpEnrolment) => void;
  onProve: (purpose: 'renew' | 'turn-off') => void;
}) {
  const { secondFactor } = me;
  const start = useStartTotp();
  const [error, setError] = useState<string | null>(null);
  const summary = useMemo(() => (error ? [{ message: error }] : []), [error]);

  if (!secondFactor.enabled) {
    return (
      <>
        <ErrorSummary errors={summary} />
        <p className="govuk-body">
          <strong className="govuk-tag govuk-tag--grey">Off</strong>
        </p>
        <p className="govuk-body">
          Two-factor sign-in asks for a code from an authenticator app on your phone as well as your password, so that
          someone who learns your password still cannot sign in as you.
        </p>
        {secondFactor.required ? (
          <div className="govuk-inset-text">Your partnership requires two-factor sign-in for your role. Set it up to carry on using the tracker.</div>
        ) : null}
        <p className="govuk-body">You need a phone with an authenticator app, for example Microsoft Authenticator, Google Authenticator or Authy.</p>
        <button
          type="button"
          className="govuk-button"
          disabled={start.isPending}
          aria-disabled={start.isPending}
          onClick={() =>
            start.mutate(undefined, {
              onSuccess: (enrolment) => {
                setError(null);
                onSetUp(enrolment);
              },
              onError: (failure) => setError(problemText(failure, 'Two-factor sign-in could not be set up. Try again.')),
            })
          }
        >
          {start.isPending ? 'Setting up…' : 'Set up two-factor sign-in'}
        </button>
      </>
    );
  }

  return (
    <>
      <p className="govuk-body">
        <strong className="govuk-tag govuk-tag--green">On</strong>
      </p>
      <p className="govuk-body">
        On since {formatInstantDate(secondFactor.enabledAt)}. You sign in with your password and a code from your authenticator app.
      </p>
      <Heading className="govuk-heading-s">Recovery codes</Heading>
      <p className="govuk-body">
        You have {pluralise(secondFactor.recoveryCodesLeft, 'recovery code')} left. Each works once, if you cannot use your authenticator app.
      </p>
      {secondFactor.recoveryCodesLeft <= 3 ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            You are running out of recovery codes. Make new ones and keep them safe.
          </strong>
        </div>
      ) : null}
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onProve('renew')}>
        Make new recovery codes
      </button>
      <Heading className="govuk-heading-s">Turn off two-factor sign-in</Heading>
      {secondFactor.required ? (
        <p className="govuk-body">
          Your partnership requires two-factor sign-in for your role, so you cannot turn it off. If you lose your phone, sign in with a recovery code, or ask
          your business unit to reset it.
        </p>
      ) : (
        <>
          <p className="govuk-body">Your account is safer with it on. You will sign in with your password alone.</p>
          <button type="button" className="govuk-button govuk-button--warning" onClick={() => onProve('turn-off')}>
            Turn off two-factor sign-in
          </button>
        </>
      )}
    </>
  );
}

const CODE_ID = 'two-factor-code';

function SetUp({
  enrolment,
  Heading,
  onCancel,
  onTurnedOn,
}: {
  enrolment: TotpEnrolment;
  Heading: HeadingTag;
  onCancel: () => void;
  onTurnedOn: (codes: string[]) => void;
}) {
  const confirm = useConfirmTotp();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summary = useMemo(() => (error ? [{ fieldId: CODE_ID, message: error }] : []), [error]);
  useEffect(() => headingRef.current?.focus(), []);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { TotpConfirmBody } = await loadContracts();
    const parsed = TotpConfirmBody.safeParse({ code });
    if (!parsed.success) {
      setError(code.trim() === '' ? 'Enter the 6-digit code from your authenticator app' : 'Enter the code as the 6 digits your authenticator app shows, like 123456');
      return;
    }
    try {
      const { recoveryCodes } = await confirm.mutateAsync(parsed.data);
      onTurnedOn(recoveryCodes);
    } catch (failure) {
      setCode('');
      setError(
        isApiError(failure) && failure.code === 'auth.mfa_invalid'
          ? 'The code is not right. Check the app was set up with this QR code or key, and enter the newest code it shows'
          : problemText(failure, 'Two-factor sign-in could not be turned on. Try again.'),
      );
    }
  };

  return (
    <>
      <ErrorSummary errors={summary} />
      <Heading className="govuk-heading-m" tabIndex={-1} ref={headingRef}>
        1. Add the tracker to your authenticator app
      </Heading>
      <p className="govuk-body">In your authenticator app, add an account and scan this QR code.</p>
      <img
        className="app-qr-code"
        src={svgDataUrl(enrolment.qrSvg)}
        width={200}
        height={200}
        alt="QR code for your authenticator app. If you cannot scan it, enter the key below instead."
      />
      <p className="govuk-body">If you cannot scan the QR code, choose to enter a key in the app, and type this key. It is a time-based key.</p>
      <p className="govuk-body">
        <span className="govuk-visually-hidden">Key: </span>
        <code className="app-totp-key" data-testid="totp-key">
          {groupKey(enrolment.secret)}
        </code>
      </p>
      <Heading className="govuk-heading-m">2. Enter the code the app shows</Heading>
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Turn on two-factor sign-in">
        <TextInput
          id={CODE_ID}
          name="code"
          label="6-digit code from your authenticator app"
          hint="The code changes every 30 seconds."
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          className="govuk-input--width-5"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={error ?? undefined}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={confirm.isPending} aria-disabled={confirm.isPending}>
            {confirm.isPending ? 'Turning on…' : 'Turn on two-factor sign-in'}
          </button>
          <button type="button" className="app-link-button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}

const PASSWORD_ID = 'two-factor-password';

function PasswordProof({
  purpose,
  Heading,
  onCancel,
  onRenewed,
  onTurnedOff,
}: {
  purpose: 'renew' | 'turn-off';
  Heading: HeadingTag;
  onCancel: () => void;
  onRenewed: (codes: string[]) => void;
  onTurnedOff: () => void;
}) {
  const renew = useRenewRecoveryCodes();
  const turnOff = useTurnOffTwoFactor();
  const pending = renew.isPending || turnOff.isPending;
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summary = useMemo(() => (error ? [{ fieldId: PASSWORD_ID, message: error }] : []), [error]);
  useEffect(() => headingRef.current?.focus(), []);
  const heading = purpose === 'renew' ? 'Make new recovery codes' : 'Turn off two-factor sign-in';

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password === '') {
      setError('Enter your password');
      return;
    }
    try {
      if (purpose === 'renew') onRenewed((await renew.mutateAsync({ currentPassword: password })).recoveryCodes);
      else {
        await turnOff.mutateAsync({ currentPassword: password });
        onTurnedOff();
      }
    } catch (failure) {
      setPassword('');
      setError(
        isApiError(failure) && failure.code === 'auth.wrong_password'
          ? 'The password is not right: enter your current password'
          : problemText(failure, 'That could not be done. Try again.'),
      );
    }
  };

  return (
    <>
      <ErrorSummary errors={summary} />
      <Heading className="govuk-heading-m" tabIndex={-1} ref={headingRef}>
        {heading}
      </Heading>
      <p className="govuk-body">
        {purpose === 'renew'
          ? 'Your recovery codes now stop working, and you get 10 new ones to save.'
          : 'You will sign in with your password alone. Your recovery codes stop working.'}
      </p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={heading}>
        <TextInput
          id={PASSWORD_ID}
          name="currentPassword"
          type="password"
          label="Your password"
          hint="To check it is you."
          autoComplete="current-password"
          className="govuk-input--width-20"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={error ?? undefined}
        />
        <div className="govuk-button-group">
          <button
            type="submit"
            className={`govuk-button${purpose === 'turn-off' ? ' govuk-button--warning' : ''}`}
            disabled={pending}
            aria-disabled={pending}
          >
            {heading}
          </button>
          <button type="button" className="app-link-button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
