import type { Action, Agency, Review } from '@lrt/contracts';
import { Fragment, lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Loading } from '@/components/states';
import { CountBadge, DueSoonFlag } from '@/components/flags';
import { ActionSummary } from '@/features/dashboard/components/action-summary';
import { formatDate, formatInstantDate, pluralise } from '@/lib/format';
import { groupByAttention, type AttentionGroup } from '../attention';

const InlineUpdateForm = lazy(async () => ({ default: (await import('./inline-update-form')).InlineUpdateForm }));

const GROUP_HEADINGS: Record<AttentionGroup, { title: string; hint: (cadence?: number, soon?: number) => string }> = {
  returned: {
    title: 'Returned to you',
    hint: () =>
      'The subgroup or the business unit asked for more information before assuring these. Answer each question by the day it is due.',
  },
  overdue: { title: 'Overdue', hint: () => 'Past the target date and not completed.' },
  stale: {
    title: 'No recent update',
    hint: (cadence) => (cadence ? `No progress update in the last ${cadence} days.` : 'No recent progress update.'),
  },
  dueSoon: {
    title: 'Due soon',
    hint: (_cadence, soon) => (soon ? `Due in the next ${pluralise(soon, 'day')}.` : 'Due in the coming weeks.'),
  },
  other: { title: 'Other open actions', hint: () => 'On track, with a recent update.' },
};

interface Props {
  actions: readonly Action[];
  agencies: ReadonlyMap<number, Agency>;
  reviews: ReadonlyMap<number, Review>;
  updateCadenceDays?: number | undefined;
  dueSoonDays?: number | undefined;
  onErrorsChange: (hasErrors: boolean) => void;
}

/** The question a returned action is waiting on, when it was asked and the day the answer is due. */
function ReturnedQuestion({ returned }: { returned: NonNullable<Action['returned']> }) {
  return (
    <div className="app-returned-question">
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong>Question:</strong>
      </p>
      <p className="govuk-body app-pre-wrap">{returned.question}</p>
      <p className="govuk-body">
        Returned on {formatInstantDate(returned.on)}. <strong>Answer due by {formatDate(returned.replyBy)}</strong>.
      </p>
    </div>
  );
}

/**
 * The agency's open actions in the order they need attention (see `ATTENTION_ORDER`): returned for more
 * information, then overdue, then stale, then due soon, then the rest. Each row's "Post an update" (or
 * "Answer", on a returned action) opens the progress-update form in place (one click), and "Post update" sends
 * it (two). Focus moves into the form when it opens and back to the row's button when it closes.
 *
 * Headings and rows are siblings in one keyed list, so a row that moves to another group after an update keeps
 * its open form and its confirmation; one that leaves the list (proposed as completed) stays, as it was, until
 * its form is closed.
 */
export function AttentionList({ actions, agencies, reviews, updateCadenceDays, dueSoonDays, onErrorsChange }: Props) {
  const [openId, setOpenId] = useState<number | null>(null);
  const buttons = useRef(new Map<number, HTMLButtonElement>());
  const returnFocusTo = useRef<number | null>(null);
  const lastOpen = useRef<Action | null>(null);
  const openAction = openId === null ? undefined : actions.find((action) => action.id === openId);
  if (openAction) lastOpen.current = openAction;
  const shown =
    openId !== null && !openAction && lastOpen.current?.id === openId ? [...actions, lastOpen.current] : actions;

  useEffect(() => {
    if (openId === null && returnFocusTo.current !== null) {
      buttons.current.get(returnFocusTo.current)?.focus();
      returnFocusTo.current = null;
    }
  }, [openId]);

  const close = (actionId: number) => {
    returnFocusTo.current = actionId;
    setOpenId(null);
    onErrorsChange(false);
  };

  const items: ReactNode[] = [];
  for (const { group, actions: inGroup } of groupByAttention(shown)) {
    if (inGroup.length === 0) continue;
    const heading = GROUP_HEADINGS[group];
    items.push(
      <Fragment key={`group-${group}`}>
        <h3 className="govuk-heading-m app-attention-group" id={`attention-${group}`}>
          {heading.title} <CountBadge>{inGroup.length}</CountBadge>
        </h3>
        <p className="govuk-body app-secondary-text">{heading.hint(updateCadenceDays, dueSoonDays)}</p>
      </Fragment>,
    );
    for (const action of inGroup) {
      const isOpen = openId === action.id;
      const panelId = `post-update-${action.id}`;
      items.push(
        <div key={`action-${action.id}`} className="app-action-item" data-testid={`action-row-${action.id}`}>
          <ActionSummary
            action={action}
            agencies={agencies}
            reviews={reviews}
            headingLevel={4}
            extraFlags={action.dueSoon ? <DueSoonFlag /> : null}
          />
          {action.returned ? <ReturnedQuestion returned={action.returned} /> : null}
          {action.permissions.canPostUpdate ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              ref={(element) => {
                if (element) buttons.current.set(action.id, element);
                else buttons.current.delete(action.id);
              }}
              aria-expanded={isOpen}
              aria-controls={isOpen ? panelId : undefined}
              onClick={() => (isOpen ? close(action.id) : setOpenId(action.id))}
            >
              {isOpen ? (
                <>
                  Close the {action.returned ? 'answer' : 'update'} form{' '}
                  <span className="govuk-visually-hidden">on action {action.ref}</span>
                </>
              ) : action.returned ? (
                <>
                  Answer <span className="govuk-visually-hidden">the question on action {action.ref}</span>
                </>
              ) : (
                <>
                  Post an update <span className="govuk-visually-hidden">on action {action.ref}</span>
                </>
              )}
            </button>
          ) : null}
          {isOpen ? (
            <div className="app-inline-panel" id={panelId}>
              <Suspense fallback={<Loading label="Loading the progress update form" />}>
                <InlineUpdateForm action={action} agencies={agencies} onErrorsChange={onErrorsChange} />
              </Suspense>
              <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => close(action.id)}>
                Close <span className="govuk-visually-hidden">the update form for action {action.ref}</span>
              </button>
            </div>
          ) : null}
        </div>,
      );
    }
  }
  return <div className="app-action-list">{items}</div>;
}
