import type { ChaseCreated } from '@lrt/contracts';
import { useEffect, useRef } from 'react';
import { pluralise } from '@/lib/format';
import { Warning } from './candidate-agencies';

/**
 * The messages a chase would send, exactly as they would go (the personal link shown as `{{link}}` until then):
 * to whom, the subject and the plain text. Agencies that would get nothing because they have no lead are named.
 * The heading takes focus when a preview appears, so it is what a screen reader reads next.
 */
export function MessagePreview({ preview }: { preview: ChaseCreated }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [preview]);
  const messages = preview.messages.filter((message) => message.to !== null);
  return (
    <section aria-labelledby="chase-preview-heading" className="app-inline-panel">
      <h2 className="govuk-heading-m" id="chase-preview-heading" tabIndex={-1} ref={heading}>
        Preview: {pluralise(messages.length, 'message')} would be sent
      </h2>
      <p className="govuk-body">Nothing has been sent yet. Each lead gets one message listing exactly their agency&rsquo;s actions.</p>
      {preview.agenciesWithoutLead.length > 0 ? (
        <Warning>
          No one will be asked for {preview.agenciesWithoutLead.map((agency) => agency.name).join(', ')}: no lead is named. Add an agency
          lead in Administration, or ask them by other means.
        </Warning>
      ) : null}
      <ol className="govuk-list">
        {messages.map((message, index) => (
          <li key={`${message.agencyId}-${message.to?.userId ?? index}`} className="govuk-!-margin-bottom-6">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-2 app-break-anywhere">
              To {message.to!.name} ({message.to!.email}), {message.agencyName}
            </h3>
            <p className="govuk-body govuk-!-margin-bottom-2 app-break-anywhere">
              <strong>Subject:</strong> {message.subject}
            </p>
            <p className="govuk-body-s govuk-!-margin-bottom-1 app-secondary-text">
              About {pluralise(message.actionIds.length, 'action')}. The message as it will be sent:
            </p>
            <pre className="govuk-body-s app-pre-wrap app-break-anywhere govuk-!-margin-0 govuk-inset-text">{message.text}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
