import type { Action, Agency, ProgressUpdate, Review } from '@lrt/contracts';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { SuccessBanner } from '@/components/notification-banner';
import { CountBadge } from '@/components/flags';
import { EmptyState, ErrorState, Loading } from '@/components/states';
import { useActions } from '@/features/actions/api/get-actions';
import { LABELS } from '@/lib/contract-constants';
import { countPath } from '../links';
import { ActionSummary } from './action-summary';
import type { AssuranceDecision } from './assurance-decision-form';
import { LatestUpdate } from './latest-update';

/** The form, and zod that checks it, load only when a chair opens it. */
const AssuranceDecisionForm = lazy(async () => ({
  default: (await import('./assurance-decision-form')).AssuranceDecisionForm,
}));

const PAGE_SIZE = 50;

interface Props {
  subgroupId: number;
  agencies: ReadonlyMap<number, Agency>;
  reviews: ReadonlyMap<number, Review>;
  onErrorsChange: (hasErrors: boolean) => void;
}

/**
 * Completed actions of the subgroup, waiting for it to assure them (sign off, with evidence of impact) or
 * return them for more information. Each control shows only when the API says this person may make that
 * change (`permissions.statusChanges`).
 */
export function AwaitingAssurance({ subgroupId, agencies, reviews, onErrorsChange }: Props) {
  const query = { subgroupId, status: 'completed', sort: 'targetDate', limit: PAGE_SIZE };
  const actions = useActions(query);
  const [open, setOpen] = useState<{ actionId: number; decision: AssuranceDecision } | null>(null);
  const [decided, setDecided] = useState<{ ref: string; update: ProgressUpdate } | null>(null);
  const openers = useRef(new Map<string, HTMLButtonElement>());
  const focusAfterClose = useRef<string | null>(null);

  useEffect(() => {
    if (open === null && focusAfterClose.current) {
      openers.current.get(focusAfterClose.current)?.focus();
      focusAfterClose.current = null;
    }
  }, [open]);

  const close = () => {
    if (open) focusAfterClose.current = `${open.actionId}-${open.decision}`;
    setOpen(null);
    onErrorsChange(false);
  };
  const decide = (action: Action, update: ProgressUpdate) => {
    // The action leaves this list, so focus goes to the confirmation instead of back to its button.
    setOpen(null);
    onErrorsChange(false);
    setDecided({ ref: action.ref, update });
  };

  const opener = (action: Action, decision: AssuranceDecision, label: string, secondary: boolean) => {
    const key = `${action.id}-${decision}`;
    const isOpen = open?.actionId === action.id && open.decision === decision;
    return (
      <button
        type="button"
        ref={(element) => {
          if (element) openers.current.set(key, element);
          else openers.current.delete(key);
        }}
        className={`govuk-button${secondary ? ' govuk-button--secondary' : ''} govuk-!-margin-bottom-2`}
        aria-expanded={isOpen}
        aria-controls={isOpen ? `decision-${action.id}` : undefined}
        onClick={() => {
          setDecided(null);
          setOpen(isOpen ? null : { actionId: action.id, decision });
        }}
      >
        {label} <span className="govuk-visually-hidden">action {action.ref}</span>
      </button>
    );
  };

  return (
    <section aria-labelledby="awaiting-assurance-heading">
      <h2 className="govuk-heading-l" id="awaiting-assurance-heading">
        Completed actions awaiting assurance
        {actions.data ? (
          <>
            {' '}
            <CountBadge>
              {actions.data.items.length}
              {actions.data.nextCursor ? '+' : ''}
            </CountBadge>
          </>
        ) : null}
      </h2>
      {decided ? (
        <SuccessBanner
          heading={
            decided.update.statusChange?.to === 'assured'
              ? `Action ${decided.ref} is assured`
              : `Action ${decided.ref} was returned for more information`
          }
        >
          {decided.update.statusChange ? (
            <p className="govuk-body">It is now {LABELS.actionStatus[decided.update.statusChange.to].toLowerCase()}.</p>
          ) : null}
        </SuccessBanner>
      ) : null}
      {actions.isPending ? (
        <Loading label="Loading the actions awaiting assurance" />
      ) : actions.isError ? (
        <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
      ) : actions.data.items.length === 0 ? (
        <EmptyState title="No completed actions are waiting for assurance">
          When an agency proposes an action as completed, it appears here for the subgroup to assure or return.
        </EmptyState>
      ) : (
        <>
          <p className="govuk-body">
            Agencies proposed these actions as completed. Read their evidence, then assure each one with the evidence of
            impact, or return it for more information.
          </p>
          <ul className="app-action-list">
            {actions.data.items.map((action) => {
              const canAssure = action.permissions.statusChanges.includes('assured');
              const canReturn = action.permissions.statusChanges.includes('in_progress');
              return (
                <li key={action.id} className="app-action-item">
                  <ActionSummary action={action} agencies={agencies} reviews={reviews} />
                  <LatestUpdate action={action} />
                  {canAssure || canReturn ? (
                    <div className="app-action-item__controls">
                      {canAssure ? opener(action, 'assure', 'Assure', false) : null}
                      {canReturn ? opener(action, 'return', 'Return for more information', true) : null}
                    </div>
                  ) : null}
                  {open?.actionId === action.id ? (
                    <div className="app-inline-panel" id={`decision-${action.id}`}>
                      <Suspense fallback={<Loading label="Loading the form" />}>
                        <AssuranceDecisionForm
                          action={action}
                          decision={open.decision}
                          onCancel={close}
                          onDecided={(update) => decide(action, update)}
                          onErrorsChange={onErrorsChange}
                        />
                      </Suspense>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {actions.data.nextCursor ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={countPath({ subgroupId }, { kind: 'status', status: 'completed' })}>
                See all the completed actions awaiting assurance
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
