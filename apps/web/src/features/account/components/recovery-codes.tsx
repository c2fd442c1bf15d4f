import { PRODUCT_NAME } from '@/lib/use-document-title';

/** The recovery codes as a text file to keep: what they are for, and one code a line. */
export function recoveryCodesText(codes: readonly string[], email: string): string {
  return [
    `${PRODUCT_NAME}: recovery codes for ${email}`,
    '',
    'Each code works once, in place of a code from your authenticator app, if you cannot use it.',
    'Keep them somewhere safe, away from your phone. Making new codes stops these working.',
    '',
    ...codes,
    '',
  ].join('\n');
}

function download(codes: readonly string[], email: string) {
  const url = URL.createObjectURL(new Blob([recoveryCodesText(codes, email)], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'tracker-recovery-codes.txt';
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The recovery codes, shown once: a warning, the codes, a download, and a way on once they are kept. */
export function RecoveryCodesPanel({
  codes,
  email,
  headingLevel,
  onDone,
  doneLabel,
}: {
  codes: readonly string[];
  email: string;
  headingLevel: 2 | 3;
  onDone: () => void;
  doneLabel: string;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="recovery-codes-heading">
      <Heading className="govuk-heading-m" id="recovery-codes-heading">
        Save your recovery codes
      </Heading>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          These codes are shown only this once. Save them now, somewhere safe away from your phone: if you lose your
          phone, a recovery code is how you sign in without asking your business unit.
        </strong>
      </div>
      <p className="govuk-body">
        You have {codes.length} recovery codes. Each one works once, in place of a code from your authenticator app.
      </p>
      <ul className="govuk-list app-recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code className="app-recovery-codes__code">{code}</code>
          </li>
        ))}
      </ul>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => download(codes, email)}>
          Download recovery codes
        </button>
        <button type="button" className="govuk-button" onClick={onDone}>
          {doneLabel}
        </button>
      </div>
    </section>
  );
}
