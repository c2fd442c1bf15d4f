import type { ChaseCandidateAction, ChaseCandidateAgency } from '@lrt/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BragTag } from '@/components/brag-tag';
import { clampText } from '@/components/sortable-table';
import { formatDate, formatDateTime, formatInstantDate, pluralise } from '@/lib/format';
import { reasonsInWords } from '../words';

export const actionCheckboxId = (actionId: number) => `chase-action-${actionId}`;

/** A warning in GOV.UK's pattern: the "!" is decoration, the words say it. */
export function Warning({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text govuk-!-margin-bottom-3">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

const NO_LEAD = 'No lead — nobody will be asked';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** "5 actions: 2 overdue, 3 stale, 1 due soon, 1 returned" (an action may be both overdue and stale). */
function countsInWords(counts: ChaseCandidateAgency['counts']) {
  return `${pluralise(counts.needingUpdate, 'action')}: ${counts.overdue} overdue, ${counts.stale} stale, ${counts.dueSoon} due soon, ${counts.returned} returned for more information`;
}

export interface CandidateAgenciesProps {
  agencies: readonly ChaseCandidateAgency[];
  ticked: ReadonlySet<number>;
  onTick: (actionId: number, ticked: boolean) => void;
}

/**
 * Who owes what: one entry per agency with its leads (or, prominently, that it has none), its senior contact, how
 * many of its actions need an update and why, what was last asked of it and when it last answered. Its actions
 * open underneath, each with a box to tick: a chase of ticked actions asks about exactly those.
 */
export function CandidateAgencies({ agencies, ticked, onTick }: CandidateAgenciesProps) {
  return (
    <ol className="govuk-list app-chase-agencies">
      {agencies.map((candidate) => (
        <li key={candidate.agency.id} className="app-chase-agency govuk-!-margin-bottom-8">
          <CandidateAgency candidate={candidate} ticked={ticked} onTick={onTick} />
        </li>
      ))}
    </ol>
  );
}

function CandidateAgency({ candidate, ticked, onTick }: { candidate: ChaseCandidateAgency } & Omit<CandidateAgenciesProps, 'agencies'>) {
  const { agency, leads, seniorContact, counts, actions } = candidate;
  const headingId = `chase-agency-${agency.id}`;
  const tickedHere = actions.filter((action) => ticked.has(action.id)).length;
  return (
    <section aria-labelledby={headingId}>
      <h3 className="govuk-heading-m govuk-!-margin-bottom-3" id={headingId}>
        {agency.name} <span className="app-secondary-text">({agency.shortName})</span>
      </h3>
      {leads.length === 0 ? <Warning>{NO_LEAD}. Add an agency lead in Administration, or ask the agency by other means.</Warning> : null}
      <dl className="govuk-summary-list govuk-!-margin-bottom-3">
        <Row label={leads.length === 1 ? 'Lead' : 'Leads'}>
          {leads.length === 0 ? (
            <strong>{NO_LEAD}</strong>
          ) : (
            <ul className="govuk-list govuk-!-margin-bottom-0">
              {leads.map((lead) => (
                <li key={lead.userId} className="app-break-anywhere">
                  {lead.name}, {lead.email}
                </li>
              ))}
            </ul>
          )}
        </Row>
        <Row label="Senior contact">
          {seniorContact ? <span className="app-break-anywhere">{`${seniorContact.name}, ${seniorContact.email}`}</span> : 'Not named'}
        </Row>
        <Row label="Needing an update">{countsInWords(counts)}</Row>
        <Row label="Last asked">
          {candidate.lastAskedAt
            ? `${formatInstantDate(candidate.lastAskedAt)}${candidate.lastReplyBy ? `, to reply by ${formatDate(candidate.lastReplyBy)}` : ''}`
            : 'Never'}
        </Row>
        <Row label="Last answered">{formatDateTime(candidate.lastAnsweredAt, 'No update yet')}</Row>
        <Row label="Replies overdue">
          {candidate.repliesOverdue > 0 ? <strong>{pluralise(candidate.repliesOverdue, 'action')}</strong> : 'None'}
        </Row>
      </dl>
      <details className="govuk-details govuk-!-margin-bottom-0">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            Actions needing an update ({counts.needingUpdate}){tickedHere > 0 ? `, ${tickedHere} ticked` : ''}
            <span className="govuk-visually-hidden">, {agency.name}</span>
          </span>
        </summary>
        <div className="govuk-details__text">
          {actions.length < counts.needingUpdate ? (
            <p className="govuk-body">The {actions.length} most pressing are listed here; a chase of the agency asks about all of them.</p>
          ) : null}
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              Tick actions to ask about only those<span className="govuk-visually-hidden"> ({agency.name})</span>
            </legend>
            <ul className="govuk-list app-chase-actions">
              {actions.map((action) => (
                <CandidateAction key={action.id} action={action} ticked={ticked.has(action.id)} onTick={onTick} />
              ))}
            </ul>
          </fieldset>
        </div>
      </details>
    </section>
  );
}

function CandidateAction({ action, ticked, onTick }: { action: ChaseCandidateAction; ticked: boolean; onTick: CandidateAgenciesProps['onTick'] }) {
  const id = actionCheckboxId(action.id);
  return (
    <li className="govuk-!-margin-bottom-4">
      <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            type="checkbox"
            checked={ticked}
            onChange={(event) => onTick(action.id, event.target.checked)}
            aria-describedby={`${id}-why`}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            Ask about {action.ref}
          </label>
        </div>
      </div>
      <div className="govuk-!-margin-left-6 govuk-!-padding-left-2">
        <p className="govuk-body govuk-!-margin-bottom-1">
          <Link className="govuk-link" to={`/actions/${action.id}`}>
            {action.ref}
          </Link>
          : {clampText(action.action)}
        </p>
        <p className="govuk-body-s govuk-!-margin-bottom-1">
          Target date: {formatDate(action.targetDate)}. <BragTag brag={action.brag} reason={action.bragReason} showReason />
        </p>
        <p className="govuk-body-s govuk-!-margin-bottom-1" id={`${id}-why`}>
          Why it needs an update: {reasonsInWords(action.reasons)}
        </p>
        {action.returnedQuestion ? (
          <p className="govuk-body-s govuk-!-margin-bottom-1 app-pre-wrap">Question asked: {action.returnedQuestion}</p>
        ) : null}
        <p className="govuk-body-s govuk-!-margin-bottom-0 app-secondary-text">
          {action.latestNote
            ? `Latest note${action.lastUpdateAt ? ` (${formatInstantDate(action.lastUpdateAt)})` : ''}: ${clampText(action.latestNote, 200)}`
            : 'No progress update yet.'}
        </p>
      </div>
    </li>
  );
}
